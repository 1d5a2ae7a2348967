package dev.livetalk.client;

import dev.livetalk.client.strategy.PendingSend;
import dev.livetalk.protocol.Send;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sends waiting for an ack, by their current client message id, in send order.
 *
 * <p>Not thread-safe: owned by one session, on its owner thread.
 */
final class PendingSends {
    static final long NEVER = Long.MAX_VALUE;

    /** One send's mutable state. */
    static final class Entry {
        final String room;
        final String echoClientMsgId;
        final String body;
        final String replyTo;
        final long sentAt;
        String clientMsgId;
        int attempts;
        long ackDeadline;
        boolean needsTransmit = true;
        int transmittedOn;
        boolean inDoubt;

        Entry(String room, String clientMsgId, String body, String replyTo, long sentAt, long ackDeadline) {
            this.room = room;
            this.clientMsgId = clientMsgId;
            this.echoClientMsgId = clientMsgId;
            this.body = body;
            this.replyTo = replyTo;
            this.sentAt = sentAt;
            this.ackDeadline = ackDeadline;
        }

        /** Whether it was resent under another id than the one first sent. */
        boolean renamed() {
            return !clientMsgId.equals(echoClientMsgId);
        }

        PendingSend view() {
            return new PendingSend(room, clientMsgId, echoClientMsgId, body, replyTo, sentAt, attempts,
                    ackDeadline, inDoubt);
        }
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    /**
     * The entries resent under a new id: only they can be found by the id first sent, so
     * without any {@link #find} looks no further than the map (it is asked on every echo of
     * the user's own messages, mostly for a send already acknowledged).
     */
    private int renamed;
    private long earliestDeadline = NEVER;
    private int waitingForTransmit;

    void add(Entry entry) {
        entries.put(entry.clientMsgId, entry);
        waitingForTransmit++;
        earliestDeadline = Math.min(earliestDeadline, entry.ackDeadline);
    }

    Entry get(String clientMsgId) {
        return entries.get(clientMsgId);
    }

    /** The entry with this current id, else the one first sent under it, or {@code null}. */
    Entry find(String clientMsgId) {
        Entry entry = entries.get(clientMsgId);
        if (entry != null || renamed == 0) {
            return entry;
        }
        for (Entry candidate : entries.values()) {
            if (candidate.echoClientMsgId.equals(clientMsgId)) {
                return candidate;
            }
        }
        return null;
    }

    Entry remove(String clientMsgId) {
        Entry entry = entries.remove(clientMsgId);
        if (entry != null && entry.needsTransmit) {
            waitingForTransmit--;
        }
        if (entry != null && entry.renamed()) {
            renamed--;
        }
        return entry;
    }

    void rename(Entry entry, String newClientMsgId) {
        entries.remove(entry.clientMsgId);
        boolean wasRenamed = entry.renamed();
        entry.clientMsgId = newClientMsgId;
        renamed += (entry.renamed() ? 1 : 0) - (wasRenamed ? 1 : 0);
        entries.put(newClientMsgId, entry);
    }

    void scheduleTransmit(Entry entry, long ackDeadline) {
        if (!entry.needsTransmit) {
            entry.needsTransmit = true;
            waitingForTransmit++;
        }
        setDeadline(entry, ackDeadline);
    }

    void setDeadline(Entry entry, long ackDeadline) {
        entry.ackDeadline = ackDeadline;
        earliestDeadline = Math.min(earliestDeadline, ackDeadline);
    }

    void transmitted(Entry entry, int generation) {
        entry.needsTransmit = false;
        entry.attempts++;
        entry.transmittedOn = generation;
        entry.inDoubt = false;
        waitingForTransmit--;
    }

    /**
     * Transmits, in send order, every send waiting for it whose room is joined on
     * {@code sender}, once the sender is ready and joined everywhere.
     */
    void flush(LinkState sender, List<SessionOutput> out) {
        if (waitingForTransmit == 0 || !sender.isReady() || !sender.sendSideUp) {
            return;
        }
        for (Entry entry : new ArrayList<>(entries.values())) {
            if (entry.needsTransmit && sender.joined.contains(entry.room)) {
                out.add(new SessionOutput.Transmit(sender.link,
                        new Send(entry.room, entry.clientMsgId, entry.body, entry.replyTo)));
                transmitted(entry, sender.link.generation());
            }
        }
    }

    /** Marks what was transmitted on a connection that died and not acknowledged as in doubt. */
    void connectionLost(int generation) {
        for (Entry entry : entries.values()) {
            if (!entry.needsTransmit && entry.transmittedOn == generation) {
                entry.inDoubt = true;
            }
        }
    }

    List<PendingSend> views() {
        List<PendingSend> views = new ArrayList<>(entries.size());
        entries.values().forEach(e -> views.add(e.view()));
        return views;
    }

    /** The entries whose deadline passed; recomputes the earliest deadline. */
    List<Entry> due(long now) {
        if (now < earliestDeadline) {
            return List.of();
        }
        List<Entry> due = new ArrayList<>();
        long earliest = NEVER;
        for (Entry entry : entries.values()) {
            if (entry.ackDeadline <= now) {
                due.add(entry);
            } else {
                earliest = Math.min(earliest, entry.ackDeadline);
            }
        }
        earliestDeadline = earliest;
        return due;
    }

    /** A lower bound of the earliest deadline (exact after {@link #due}). */
    long earliestDeadline() {
        return earliestDeadline;
    }

    int size() {
        return entries.size();
    }
}
