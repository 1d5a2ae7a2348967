package dev.livetalk.metrics.replay;

import com.carrotsearch.hppc.IntIntHashMap;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.RandomAccess;
import java.util.Set;

/**
 * Steps noted per message, held as arrays and read as a map from each message's key to its steps
 * in the order noted: what {@link StatusSteps} (a replay's status steps of its member's own
 * messages) and {@link OwnSteps} (the ledger's tally of them) have in common. The steps of a
 * message are stored together, a run of places in the subclass's arrays
 * ({@link #group}); the subclass orders the messages, finds a key's message and makes the step
 * of a place of a message ({@link #step}). Each {@link List#get} of a message's steps makes its step.
 *
 * <p>Read as any {@link java.util.Map}; it cannot be changed. Immutable once built; any thread.
 *
 * @param <S> a step
 */
abstract class StepRuns<S> extends AbstractMap<String, List<S>> {
    /** Per message, where its steps begin; one more, the number of steps. */
    private final int[] starts;

    /**
     * Steps grouped as {@link #group} placed them: {@code starts} has the messages' first places and,
     * last, the number of steps.
     */
    StepRuns(int[] starts) {
        this.starts = starts;
    }

    /**
     * A builder's table from a member's message (its place in the room or the index) to its number among the
     * member's messages with a step: the member's own messages, a tenth of a room of ten members, where an
     * array as long as the room (or the index) took 4 bytes for every message of it. Fuller than the default
     * (at most nine tenths): it grows by doubling, so it is from 45% to 90% full.
     */
    static IntIntHashMap numbers() {
        return new IntIntHashMap(16, 0.9);
    }

    /** The keys of {@code numbers} in ascending order ({@code [0]}) and each one's value ({@code [1]}). */
    static int[][] sorted(IntIntHashMap numbers) {
        int[] keys = numbers.keys().toArray();
        Arrays.sort(keys);
        int[] values = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            values[i] = numbers.get(keys[i]);
        }
        return new int[][] {keys, values};
    }

    /**
     * Where each of the steps goes when every message's steps are put together, the
     * messages in the order of their numbers and each one's steps in the order noted:
     * {@code [0]} per message its first place, and one more, the number of steps; {@code [1]} per
     * step (as noted) its place.
     *
     * @param messageOf per step as noted, its message's number, from 0 to {@code messages - 1}
     */
    static int[][] group(int messages, Blocks.Ints messageOf) {
        int steps = messageOf.size();
        int[] starts = new int[messages + 1];
        for (int i = 0; i < steps; i++) {
            starts[messageOf.get(i) + 1]++;
        }
        for (int m = 0; m < messages; m++) {
            starts[m + 1] += starts[m];
        }
        int[] next = Arrays.copyOf(starts, messages);
        int[] places = new int[steps];
        for (int i = 0; i < steps; i++) {
            places[i] = next[messageOf.get(i)]++;
        }
        return new int[][] {starts, places};
    }

    /** The key of message number {@code message}. */
    abstract String keyOf(int message);

    /** The number of the message with key {@code key}, or -1 when it has no steps. */
    abstract int messageOf(String key);

    /** The step at place {@code at} of the arrays, one of message number {@code message}'s. */
    abstract S step(int message, int at);

    /** The steps of the message with key {@code key}, or {@code null} when it has none. */
    @Override
    public List<S> get(Object key) {
        int message = key instanceof String k ? messageOf(k) : -1;
        return message < 0 ? null : steps(message);
    }

    @Override
    public boolean containsKey(Object key) {
        return key instanceof String k && messageOf(k) >= 0;
    }

    @Override
    public int size() {
        return starts.length - 1;
    }

    @Override
    public Set<Entry<String, List<S>>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, List<S>>> iterator() {
                return new Iterator<>() {
                    private int message;

                    @Override
                    public boolean hasNext() {
                        return message < StepRuns.this.size();
                    }

                    @Override
                    public Entry<String, List<S>> next() {
                        if (message >= StepRuns.this.size()) {
                            throw new NoSuchElementException();
                        }
                        int m = message++;
                        return new SimpleImmutableEntry<>(keyOf(m), steps(m));
                    }
                };
            }

            @Override
            public int size() {
                return StepRuns.this.size();
            }
        };
    }

    /** The steps of message number {@code message}, a view made a step at a time. */
    private List<S> steps(int message) {
        return new Steps(message, starts[message], starts[message + 1] - starts[message]);
    }

    /** Places {@code from} to {@code from + size} of the arrays, message number {@code message}'s steps. */
    private final class Steps extends AbstractList<S> implements RandomAccess {
        private final int message;
        private final int from;
        private final int size;

        Steps(int message, int from, int size) {
            this.message = message;
            this.from = from;
            this.size = size;
        }

        @Override
        public S get(int i) {
            if (i < 0 || i >= size) {
                throw new IndexOutOfBoundsException("step " + i + " of " + size);
            }
            return step(message, from + i);
        }

        @Override
        public int size() {
            return size;
        }
    }
}
