package dev.livetalk.benchmarks;

import dev.livetalk.protocol.Message;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How the live messages of a {@link RoomStream} reach a client: in seq order, shuffled
 * within small windows, or with some never broadcast to it (gaps a fetching strategy fills
 * with a history request). Each arrangement is drawn from a seeded random source, so a run
 * is repeatable. Immutable.
 */
enum ArrivalPattern {
    /** Every message once, in seq order. */
    IN_ORDER,
    /** Every message once, shuffled within consecutive windows of {@link #WINDOW} seqs. */
    OUT_OF_ORDER,
    /** In seq order, but each message is missing with probability {@link #GAP_PROBABILITY}. */
    WITH_GAPS;

    /** Size of the windows {@link #OUT_OF_ORDER} shuffles within. */
    static final int WINDOW = 4;
    /** Share of the messages {@link #WITH_GAPS} leaves out of the live stream. */
    static final double GAP_PROBABILITY = 0.01;

    /** The live arrivals of {@code room} in this pattern; a new array. */
    Message[] arrange(RoomStream room, SplittableRandom random) {
        Message[] inOrder = room.inSeqOrder();
        return switch (this) {
            case IN_ORDER -> inOrder.clone();
            case OUT_OF_ORDER -> shuffledInWindows(inOrder, random);
            case WITH_GAPS -> withGaps(inOrder, random);
        };
    }

    private static Message[] shuffledInWindows(Message[] inOrder, SplittableRandom random) {
        Message[] out = inOrder.clone();
        for (int start = 0; start < out.length; start += WINDOW) {
            int end = Math.min(out.length, start + WINDOW);
            for (int i = end - 1; i > start; i--) {
                int j = start + random.nextInt(i - start + 1);
                Message swap = out[i];
                out[i] = out[j];
                out[j] = swap;
            }
        }
        if (Arrays.equals(out, inOrder)) {
            throw new IllegalStateException("the shuffle left every message in place: pick another seed");
        }
        return out;
    }

    private static Message[] withGaps(Message[] inOrder, SplittableRandom random) {
        List<Message> kept = new ArrayList<>(inOrder.length);
        for (Message message : inOrder) {
            if (random.nextDouble() >= GAP_PROBABILITY) {
                kept.add(message);
            }
        }
        if (kept.size() == inOrder.length) {
            throw new IllegalStateException("no gap was drawn: pick another seed or a larger room");
        }
        return kept.toArray(Message[]::new);
    }
}
