package dev.livetalk.metrics.replay;

import com.carrotsearch.hppc.IntIntHashMap;
import dev.livetalk.client.transcript.MessageStatus;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The statuses a client's lines of its own messages showed ({@link ChangeTally#ownStatuses()}),
 * held as arrays: per message key, its {@link ChangeTally.Step}s in order. Each step takes about
 * 9 bytes and each message 8 more, where a map of lists of steps took about 32 bytes a step and
 * 90 a message (its node, list and list's array). A room's members together tally about three
 * steps for every message of the room (at its sender: pending, sent, delivered), kept until the
 * room's ledger rows are made.
 *
 * <p>The steps of a message are stored together ({@link StepRuns}), the messages in the order of
 * their place in the index ({@link MessageIndex#ordinalOf}), which also orders the map's entries.
 * Immutable once built; any thread.
 */
final class OwnSteps extends StepRuns<ChangeTally.Step> {
    private static final MessageStatus[] STATUSES = MessageStatus.values();

    private final MessageIndex index;
    /** The messages' places in the index, ascending. */
    private final int[] ordinals;
    private final long[] ats;
    /** Each step's status's ordinal plus one (0: none). */
    private final byte[] statuses;
    private final BitSet lostEpochs;

    /**
     * The steps {@code built} noted, put together as {@code grouped} says ({@link #group}: the
     * messages numbered in the order of their place in the index, {@code ordinals}).
     */
    private OwnSteps(Builder built, int[] ordinals, int[][] grouped) {
        super(grouped[0]);
        int steps = built.ats.size();
        this.index = built.index;
        this.ordinals = ordinals;
        int[] placeOf = grouped[1];
        this.ats = built.ats.moveTo(placeOf);
        this.statuses = built.statuses.moveTo(placeOf);
        this.lostEpochs = new BitSet(steps);
        for (int i = 0; i < steps; i++) {
            if (built.lostEpochs.get(i)) {
                lostEpochs.set(placeOf[i]);
            }
        }
    }

    @Override
    String keyOf(int message) {
        return index.all().get(ordinals[message]).key();
    }

    @Override
    int messageOf(String key) {
        int ordinal = index.ordinalOf(key);
        int found = ordinal < 0 ? -1 : Arrays.binarySearch(ordinals, ordinal);
        return Math.max(found, -1);
    }

    @Override
    ChangeTally.Step step(int message, int at) {
        return new ChangeTally.Step(statuses[at] == 0 ? null : STATUSES[statuses[at] - 1], ats[at],
                lostEpochs.get(at));
    }

    /**
     * The steps of a client's own messages being noted, in the order of its change log.
     *
     * <p>Single use, single thread.
     */
    static final class Builder {
        private final MessageIndex index;
        /**
         * Per place in the index of a message with a step, its message's number; made at the first
         * step: a room's every client has a builder while the room's members are replayed side by side,
         * and most never note one there (a room of the 200-client soak: 200 builders, 10 members).
         */
        private IntIntHashMap numberAt;
        /** Per message, in the order of its first step: its last step. */
        private int[] lastStep;
        private int messages;
        /** Per step, in the order noted: its message, and its fields. */
        private final Blocks.Ints messageOf = new Blocks.Ints();
        private final Blocks.Longs ats = new Blocks.Longs();
        private final Blocks.Bytes statuses = new Blocks.Bytes();
        private final BitSet lostEpochs = new BitSet();

        Builder(MessageIndex index) {
            this.index = index;
        }

        /**
         * Notes that the client's line of {@code message} showed {@code status} from {@code at}: a
         * step after its earlier ones where the status or the epoch (lost or final) changed, else nothing.
         */
        void note(LogicalMessage message, MessageStatus status, long at, boolean lostEpoch) {
            int ordinal = index.ordinalOf(message.key());
            if (ordinal < 0) {
                throw new IllegalArgumentException("message " + message.key() + " is not one of the index");
            }
            if (numberAt == null) {
                numberAt = numbers();
                lastStep = new int[16];
            }
            int m = numberAt.getOrDefault(ordinal, -1);
            if (m >= 0) {
                int last = lastStep[m];
                if (statuses.get(last) == code(status) && lostEpochs.get(last) == lostEpoch) {
                    return;
                }
            } else {
                m = messages++;
                if (m == lastStep.length) {
                    lastStep = Arrays.copyOf(lastStep, m * 2);
                }
                numberAt.put(ordinal, m);
            }
            int steps = ats.size();
            messageOf.add(m);
            ats.add(at);
            statuses.add(code(status));
            if (lostEpoch) {
                lostEpochs.set(steps);
            }
            lastStep[m] = steps;
        }

        /** The steps noted; the builder is not used after. */
        OwnSteps build() {
            // the messages in the order of their place in the index, each one's steps together in the order noted
            int[] ordinals = new int[0];
            int[] numberAt = new int[messages];
            if (this.numberAt != null) {
                int[][] sorted = sorted(this.numberAt);
                ordinals = sorted[0];
                for (int found = 0; found < ordinals.length; found++) {
                    numberAt[sorted[1][found]] = found;
                }
            }
            for (int i = 0, steps = messageOf.size(); i < steps; i++) {
                messageOf.set(i, numberAt[messageOf.get(i)]);
            }
            int[][] grouped = group(messages, messageOf);
            messageOf.clear();
            this.numberAt = null;
            lastStep = null;
            return new OwnSteps(this, ordinals, grouped);
        }

        private static byte code(MessageStatus status) {
            return (byte) (status == null ? 0 : status.ordinal() + 1);
        }
    }
}
