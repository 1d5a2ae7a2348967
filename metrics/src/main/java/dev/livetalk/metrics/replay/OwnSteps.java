package dev.livetalk.metrics.replay;

import dev.livetalk.client.transcript.MessageStatus;

import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.RandomAccess;
import java.util.Set;

/**
 * The statuses a client's lines of its own messages showed ({@link ChangeTally#ownStatuses()}),
 * held as arrays: per message key, its {@link ChangeTally.Step}s in order. Each step takes about
 * 9 bytes and each message 8 more, where a map of lists of steps took about 32 bytes a step and
 * 90 a message (its node, list and list's array). A room's members together tally about three
 * steps for every message of the room (at its sender: pending, sent, delivered), kept until the
 * room's ledger rows are made.
 *
 * <p>The steps of a message are stored together, the messages in the order of their place in
 * the index ({@link MessageIndex#ordinalOf}), which also orders the map's entries. Each
 * {@link List#get} makes the {@link ChangeTally.Step} of its place. Read as any
 * {@link java.util.Map}; it cannot be changed. Immutable once built; any thread.
 */
final class OwnSteps extends AbstractMap<String, List<ChangeTally.Step>> {
    private static final MessageStatus[] STATUSES = MessageStatus.values();

    private final MessageIndex index;
    /** The messages' places in the index, ascending. */
    private final int[] ordinals;
    /** Per message, where its steps begin; one more, the number of steps. */
    private final int[] starts;
    private final long[] ats;
    /** Each step's status's ordinal plus one (0: none). */
    private final byte[] statuses;
    private final BitSet lostEpochs;

    private OwnSteps(Builder built) {
        int messages = built.messages;
        int steps = built.steps;
        this.index = built.index;
        // the messages in the order of their place in the index, each one's steps together in the order noted
        int[] numberAt = new int[messages];
        this.ordinals = new int[messages];
        int found = 0;
        for (int ordinal = 0; ordinal < built.messageAt.length; ordinal++) {
            if (built.messageAt[ordinal] > 0) {
                numberAt[built.messageAt[ordinal] - 1] = found;
                ordinals[found++] = ordinal;
            }
        }
        int[] counts = new int[messages];
        for (int i = 0; i < steps; i++) {
            counts[numberAt[built.messageOf[i]]]++;
        }
        this.starts = new int[messages + 1];
        for (int m = 0; m < messages; m++) {
            starts[m + 1] = starts[m] + counts[m];
        }
        int[] next = Arrays.copyOf(starts, messages);
        this.ats = new long[steps];
        this.statuses = new byte[steps];
        this.lostEpochs = new BitSet(steps);
        for (int i = 0; i < steps; i++) {
            int to = next[numberAt[built.messageOf[i]]]++;
            ats[to] = built.ats[i];
            statuses[to] = built.statuses[i];
            lostEpochs.set(to, built.lostEpochs.get(i));
        }
    }

    /** The steps of the message with key {@code key}, or {@code null} when it has none. */
    @Override
    public List<ChangeTally.Step> get(Object key) {
        int message = messageOf(key);
        return message < 0 ? null : steps(message);
    }

    @Override
    public boolean containsKey(Object key) {
        return messageOf(key) >= 0;
    }

    @Override
    public int size() {
        return ordinals.length;
    }

    @Override
    public Set<Entry<String, List<ChangeTally.Step>>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, List<ChangeTally.Step>>> iterator() {
                return new Iterator<>() {
                    private int message;

                    @Override
                    public boolean hasNext() {
                        return message < ordinals.length;
                    }

                    @Override
                    public Entry<String, List<ChangeTally.Step>> next() {
                        if (message >= ordinals.length) {
                            throw new NoSuchElementException();
                        }
                        int m = message++;
                        return new SimpleImmutableEntry<>(index.all().get(ordinals[m]).key(), steps(m));
                    }
                };
            }

            @Override
            public int size() {
                return ordinals.length;
            }
        };
    }

    private int messageOf(Object key) {
        if (!(key instanceof String k)) {
            return -1;
        }
        int ordinal = index.ordinalOf(k);
        int found = ordinal < 0 ? -1 : Arrays.binarySearch(ordinals, ordinal);
        return Math.max(found, -1);
    }

    /** The steps of message number {@code message}, a view made a step at a time. */
    private List<ChangeTally.Step> steps(int message) {
        return new Steps(starts[message], starts[message + 1] - starts[message]);
    }

    /** Steps {@code from} to {@code from + size} of the arrays. */
    private final class Steps extends AbstractList<ChangeTally.Step> implements RandomAccess {
        private final int from;
        private final int size;

        Steps(int from, int size) {
            this.from = from;
            this.size = size;
        }

        @Override
        public ChangeTally.Step get(int i) {
            if (i < 0 || i >= size) {
                throw new IndexOutOfBoundsException("step " + i + " of " + size);
            }
            int at = from + i;
            return new ChangeTally.Step(statuses[at] == 0 ? null : STATUSES[statuses[at] - 1], ats[at],
                    lostEpochs.get(at));
        }

        @Override
        public int size() {
            return size;
        }
    }

    /**
     * The steps of a client's own messages being noted, in the order of its change log.
     *
     * <p>Single use, single thread.
     */
    static final class Builder {
        private final MessageIndex index;
        /** Per place in the index, its message's number plus one (0: no step yet). */
        private final int[] messageAt;
        /** Per message, in the order of its first step: its last step. */
        private int[] lastStep = new int[16];
        private int messages;
        /** Per step, in the order noted: its message, and its fields. */
        private int[] messageOf = new int[16];
        private long[] ats = new long[16];
        private byte[] statuses = new byte[16];
        private final BitSet lostEpochs = new BitSet();
        private int steps;

        Builder(MessageIndex index) {
            this.index = index;
            this.messageAt = new int[index.all().size()];
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
            int m = messageAt[ordinal] - 1;
            if (m >= 0) {
                int last = lastStep[m];
                if (statuses[last] == code(status) && lostEpochs.get(last) == lostEpoch) {
                    return;
                }
            } else {
                m = messages++;
                if (m == lastStep.length) {
                    lastStep = Arrays.copyOf(lastStep, m * 2);
                }
                messageAt[ordinal] = m + 1;
            }
            if (steps == ats.length) {
                int grown = steps * 2;
                messageOf = Arrays.copyOf(messageOf, grown);
                ats = Arrays.copyOf(ats, grown);
                statuses = Arrays.copyOf(statuses, grown);
            }
            messageOf[steps] = m;
            ats[steps] = at;
            statuses[steps] = code(status);
            lostEpochs.set(steps, lostEpoch);
            lastStep[m] = steps;
            steps++;
        }

        /** The steps noted; the builder is not used after. */
        OwnSteps build() {
            return new OwnSteps(this);
        }

        private static byte code(MessageStatus status) {
            return (byte) (status == null ? 0 : status.ordinal() + 1);
        }
    }
}
