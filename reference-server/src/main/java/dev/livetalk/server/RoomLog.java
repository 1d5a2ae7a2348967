package dev.livetalk.server;

import dev.livetalk.protocol.Message;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The committed messages of one room: a contiguous sequence from 1 with a bounded tail.
 * Sans-IO; touched only by the thread that calls {@link ServerCore}.
 */
final class RoomLog {
    private final int limit;
    private final ArrayDeque<Message> retained = new ArrayDeque<>();
    private long headSeq;

    RoomLog(int limit) {
        this.limit = limit;
    }

    /** The seq of the newest message, 0 for none. */
    long headSeq() {
        return headSeq;
    }

    /** The seq of the oldest retained message; {@code headSeq + 1} when none is retained. */
    long firstSeq() {
        return retained.isEmpty() ? headSeq + 1 : retained.peekFirst().seq();
    }

    /** The seq the next message gets. */
    long nextSeq() {
        return headSeq + 1;
    }

    /**
     * Starts an empty log from a recovered tail ({@link ServerHistory}): contiguous seqs, the
     * last one becoming the head; only the newest {@code limit} are kept.
     */
    void recover(List<Message> tail) {
        if (headSeq != 0 || !retained.isEmpty()) {
            throw new IllegalStateException("only an empty log recovers: head " + headSeq);
        }
        if (!tail.isEmpty()) {
            headSeq = tail.get(0).seq() - 1;
            tail.forEach(this::append);
        }
    }

    /**
     * Appends the message with seq {@link #nextSeq()}, dropping the oldest beyond the limit.
     *
     * @return the message dropped to stay within the limit, or {@code null}
     */
    Message append(Message message) {
        if (message.seq() != headSeq + 1) {
            throw new IllegalStateException("seq must be " + (headSeq + 1) + ": " + message.seq());
        }
        retained.addLast(message);
        headSeq = message.seq();
        return retained.size() > limit ? retained.pollFirst() : null;
    }

    /** Drops the oldest retained message (firstSeq moves up by one); returns it, or {@code null} for none. */
    Message dropOldest() {
        return retained.pollFirst();
    }

    /** Retained messages with seq in {@code from..to}, in seq order, at most {@code max}. */
    List<Message> range(long from, long to, int max) {
        long first = Math.max(from, firstSeq());
        long last = Math.min(to, headSeq);
        List<Message> out = new ArrayList<>();
        if (first > last) {
            return out;
        }
        int skip = (int) (first - firstSeq());
        int index = 0;
        for (Message message : retained) {
            if (index++ < skip) {
                continue;
            }
            if (message.seq() > last || out.size() >= max) {
                break;
            }
            out.add(message);
        }
        return out;
    }

    /** Every retained message, in seq order. */
    List<Message> retained() {
        return List.copyOf(retained);
    }
}
