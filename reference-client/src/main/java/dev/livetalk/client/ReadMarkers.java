package dev.livetalk.client;

import dev.livetalk.client.strategy.ReconciliationStrategy;
import dev.livetalk.protocol.Read;
import dev.livetalk.protocol.ReceiptKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The delivered and read markers a session sends on its receiving link: delivered up to the
 * strategy's contiguous watermark (batched for a configurable delay), read up to what the
 * user marked; each only forward, each re-sent on a new connection only when it advanced.
 *
 * <p>Not thread-safe: owned by one session, on its owner thread.
 */
final class ReadMarkers {
    private final List<String> rooms;
    private final long delay;
    private final Map<String, Long> deliveredSent = new HashMap<>();
    private final Map<String, Long> readWanted = new HashMap<>();
    private final Map<String, Long> readSent = new HashMap<>();
    private long dueAt = ClientSession.NO_DEADLINE;

    ReadMarkers(List<String> rooms, long delay) {
        this.rooms = rooms;
        this.delay = delay;
    }

    /** When the batched delivered markers are due. */
    long dueAt() {
        return dueAt;
    }

    /** The strategy's watermark may have moved; returns whether to flush now. */
    boolean onDeliveredChanged(long now) {
        if (delay == 0) {
            return true;
        }
        if (dueAt == ClientSession.NO_DEADLINE) {
            dueAt = now + delay;
        }
        return false;
    }

    /** Whether the batched delivered markers are due at {@code now}. */
    boolean isDue(long now) {
        if (dueAt > now) {
            return false;
        }
        dueAt = ClientSession.NO_DEADLINE;
        return true;
    }

    /**
     * The server's history changed (a new epoch): every seq wanted or sent belongs to the old
     * one, so nothing of it may go out into the new one; markers start again from nothing.
     */
    void onEpochChanged() {
        readWanted.clear();
        readSent.clear();
        deliveredSent.clear();
    }

    void wantRead(String room, long seq) {
        readWanted.merge(room, seq, Math::max);
    }

    /** Transmits the delivered markers that advanced, for rooms joined on {@code receiver}. */
    void flushDelivered(LinkState receiver, ReconciliationStrategy strategy, List<SessionOutput> out) {
        for (String room : rooms) {
            long upTo = strategy.deliveredUpTo(room);
            if (upTo > deliveredSent.getOrDefault(room, 0L) && canMark(receiver, room)) {
                deliveredSent.put(room, upTo);
                out.add(new SessionOutput.Transmit(receiver.link, new Read(room, upTo, ReceiptKind.DELIVERED)));
            }
        }
    }

    /** Transmits the read markers that advanced, for rooms joined on {@code receiver}. */
    void flushRead(LinkState receiver, List<SessionOutput> out) {
        readWanted.forEach((room, seq) -> {
            if (seq > readSent.getOrDefault(room, 0L) && canMark(receiver, room)) {
                readSent.put(room, seq);
                out.add(new SessionOutput.Transmit(receiver.link, new Read(room, seq, ReceiptKind.READ)));
            }
        });
    }

    private static boolean canMark(LinkState receiver, String room) {
        return receiver.isReady() && receiver.joined.contains(room);
    }
}
