package dev.livetalk.client.strategy.builtin;

import dev.livetalk.client.transcript.MessageStatus;
import dev.livetalk.client.transcript.Transcript;
import dev.livetalk.client.transcript.TranscriptEntry;
import dev.livetalk.protocol.Message;
import java.util.Map;
import java.util.TreeMap;

/**
 * One room as a seq-ordering strategy tracks it: the watermark (every seq up to it has been
 * applied), messages that arrived beyond a gap, the gap timer, a fetch in flight, and a
 * snapshot being loaded. Places committed lines by seq and dedupes them by id.
 *
 * <p>Single-threaded: owned by one strategy, on the session's owner thread.
 */
final class SeqRoom {
    final String name;
    /** The room's head when this client first joined: it is entitled to what follows. */
    long origin;
    boolean joined;
    long watermark;
    long knownHead;
    long maxSeen;
    long gapSince = -1;
    long fetchDeadline = -1;
    boolean snapshotting;
    long snapshotNext;
    long snapshotTo;
    final TreeMap<Long, Message> beyond = new TreeMap<>();

    SeqRoom(String name) {
        this.name = name;
    }

    /** Marks the room joined for the first time at {@code headSeq}. */
    void start(long headSeq) {
        joined = true;
        origin = headSeq;
        watermark = headSeq;
        knownHead = headSeq;
        maxSeen = headSeq;
    }

    /**
     * Forgets the seq space (the server's epoch changed): the new epoch's messages from seq 1
     * are all entitled.
     */
    void reset() {
        origin = 0;
        watermark = 0;
        knownHead = 0;
        maxSeen = 0;
        beyond.clear();
        gapSince = -1;
        fetchDeadline = -1;
        snapshotting = false;
    }

    /** Whether a seq above the watermark is known to exist. */
    boolean hasGap() {
        return watermark < Math.max(knownHead, maxSeen);
    }

    boolean fetchInFlight(long now) {
        return fetchDeadline >= 0 && now < fetchDeadline;
    }

    /**
     * Takes a message: displays it and advances when it is the next one (the hot path),
     * otherwise keeps it beyond the gap, or drops it when at or below the watermark. With
     * {@code showAtOnce} a message beyond a gap is displayed at its seq place right away.
     * Returns whether the watermark advanced.
     */
    boolean offer(Message message, Transcript transcript, String user, boolean showAtOnce) {
        long seq = message.seq();
        if (seq > maxSeen) {
            maxSeen = seq;
        }
        if (seq <= watermark) {
            return false;
        }
        if (seq == watermark + 1 && beyond.isEmpty() && !snapshotting) {
            show(message, transcript, user);
            watermark = seq;
            return true;
        }
        beyond.putIfAbsent(seq, message);
        if (showAtOnce && !snapshotting) {
            show(message, transcript, user);
        }
        return !snapshotting && advance(transcript, user);
    }

    /** Applies the messages beyond the watermark that became contiguous. */
    boolean advance(Transcript transcript, String user) {
        boolean advanced = false;
        while (!beyond.isEmpty()) {
            Map.Entry<Long, Message> next = beyond.firstEntry();
            if (next.getKey() > watermark + 1) {
                break;
            }
            beyond.pollFirstEntry();
            if (next.getKey() == watermark + 1) {
                show(next.getValue(), transcript, user);
                watermark++;
                advanced = true;
            }
        }
        return advanced;
    }

    /** Skips the seqs up to {@code seq} that cannot be had any more (retention). */
    void skipTo(long seq) {
        if (seq > watermark) {
            watermark = seq;
        }
    }

    /**
     * Displays a committed message at its seq place, deduped by id: a line already placed by
     * seq is kept; the user's own echo (found by id after an ack, else by client message id)
     * is replaced and placed by seq (a move when it was elsewhere).
     */
    static void show(Message message, Transcript transcript, String user) {
        String id = message.id();
        if (transcript.contains(id)) {
            if (!transcript.isPlacedBySeq(id)) {
                transcript.replaceBySeq(id, committed(message, transcript.find(id).status()));
            }
            return;
        }
        if (message.from().equals(user) && transcript.contains(message.clientMsgId())
                && !transcript.isPlacedBySeq(message.clientMsgId())) {
            String key = message.clientMsgId();
            transcript.replaceBySeq(key, committed(message, transcript.find(key).status()));
            return;
        }
        transcript.insertBySeq(TranscriptEntry.committed(message, MessageStatus.SENT));
    }

    private static TranscriptEntry committed(Message message, MessageStatus current) {
        MessageStatus status = current.canAdvanceTo(MessageStatus.SENT) ? MessageStatus.SENT : current;
        return TranscriptEntry.committed(message, status);
    }
}
