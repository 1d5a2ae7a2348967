package dev.livetalk.client.strategy.builtin;

import dev.livetalk.client.strategy.StrategyContext;
import dev.livetalk.client.transcript.MessageStatus;
import dev.livetalk.client.transcript.Transcript;
import dev.livetalk.client.transcript.TranscriptEntry;
import dev.livetalk.protocol.Message;
import java.util.Map;
import java.util.TreeMap;

/**
 * One room as a seq-ordering strategy tracks it: the watermark (every seq up to it has been
 * applied), messages that arrived beyond a gap, the gap timer, the wait of the last fetch, and a
 * snapshot being loaded. Places committed lines by seq and dedupes them by id.
 *
 * <p>A fetch not answered within its wait is asked again, and each wait that runs out doubles the
 * next one ({@link #fetch}), up to {@value #MAX_FETCH_BACKOFF_SHIFT} doublings: a server slow to
 * answer gets a few requests more, not one more every gap timeout. Only progress ends a wait and
 * starts the waits again from the gap timeout ({@link #fetchSettled}): a reply that moved the
 * watermark or the snapshot on, nothing missing any more, or a new link. A reply that brings
 * nothing new (a late answer to an earlier request) leaves the wait running, and a request lost
 * on the way (the simulator's message loss, a frame the server drops over its rate limit) holds
 * nothing up once another reply makes progress.
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
    /** Until when the newest fetch's reply is awaited; -1 when none is. */
    long fetchDeadline = -1;
    /** Fetch waits in a row that ran out with no progress: each doubles the next wait. */
    int fetchTimeouts;
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
        snapshotting = false;
        fetchSettled();
    }

    /** Whether a seq above the watermark is known to exist. */
    boolean hasGap() {
        return watermark < Math.max(knownHead, maxSeen);
    }

    boolean fetchInFlight(long now) {
        return fetchDeadline >= 0 && now < fetchDeadline;
    }

    /** The most doublings of a fetch's wait: with a 200 ms gap timeout, 6.4 s. */
    static final int MAX_FETCH_BACKOFF_SHIFT = 5;

    /**
     * Asks for {@code from..to} of this room at {@code now} and awaits the reply for {@code wait},
     * doubled for each wait in a row that ran out ({@link #fetchTimedOut}), waking then.
     */
    void fetch(StrategyContext ctx, long from, long to, long now, long wait) {
        ctx.fetch(name, from, to);
        fetchDeadline = now + (wait << Math.min(fetchTimeouts, MAX_FETCH_BACKOFF_SHIFT));
        ctx.wakeAt(fetchDeadline);
    }

    /** The wait ran out ({@link #fetchInFlight} false) with no progress: the next wait doubles. */
    void fetchTimedOut() {
        if (fetchDeadline >= 0) {
            fetchTimeouts++;
        }
    }

    /**
     * Nothing is awaited any more, and the next fetch waits the gap timeout again: a reply moved
     * the watermark or the snapshot on, nothing is missing, or the receiving link went down or the
     * room was joined again on a new one (no reply of what was asked before will come on it; what
     * was asked while the room was not joined on a ready link was never sent, see
     * ClientSession.fetch).
     */
    void fetchSettled() {
        fetchDeadline = -1;
        fetchTimeouts = 0;
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
