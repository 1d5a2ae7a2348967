package dev.livetalk.benchmarks;

import dev.livetalk.protocol.Message;

/**
 * The committed messages of one busy room, seqs 1..n, posted in turn by three other users
 * (never by the benchmarked session's user, so no local echo is involved). Built once per
 * trial and never changed, so every fresh session can be fed the same instances.
 *
 * <p>Immutable after construction; used by the JMH benchmark thread only.
 */
final class RoomStream {
    /** The room every strategy benchmark joins. */
    static final String ROOM = "general";
    /** Server time of seq 1, epoch milliseconds. */
    private static final long FIRST_SERVER_TIME = 1_764_000_000_000L;
    private static final String[] POSTERS = {"bob", "carol", "dave"};
    private static final String[] BODIES = {"hi", "how are you?", "see you at the stand-up in five minutes",
        "ok", "did the deploy go out? the dashboard still shows the old build number"};

    private final Message[] messages;

    /** A room of {@code size} messages, seqs 1..size. */
    RoomStream(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("room size must be >= 1 messages: " + size);
        }
        messages = new Message[size];
        for (int i = 0; i < size; i++) {
            long seq = i + 1;
            String from = POSTERS[i % POSTERS.length];
            messages[i] = new Message(ROOM, seq, ROOM + ":" + seq, "c-" + from + "-" + seq, from,
                    BODIES[i % BODIES.length], null, FIRST_SERVER_TIME + seq);
        }
    }

    /** How many messages the room holds. */
    int size() {
        return messages.length;
    }

    /** The message with {@code seq} (1-based). */
    Message bySeq(long seq) {
        return messages[(int) (seq - 1)];
    }

    /** All messages in seq order; the caller must not change the array. */
    Message[] inSeqOrder() {
        return messages;
    }
}
