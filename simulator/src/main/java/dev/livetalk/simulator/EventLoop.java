package dev.livetalk.simulator;

import java.util.Arrays;
import java.util.function.BooleanSupplier;

/**
 * Virtual time: a queue of actions ordered by due time, ties by the order they were
 * scheduled, run one at a time. Nothing here reads a clock; {@link #now()} moves only when
 * an action runs, so a simulated minute takes as long as its actions take to compute.
 *
 * <p>The queue is a radix heap: virtual time never goes back, so an action is always due at or
 * after the time of the last one taken out ({@code last}), and it waits in the bucket of the
 * highest bit in which its due time differs from that time (bucket 0: due at it). Scheduling
 * appends to a bucket; taking the earliest takes the head of bucket 0, or, when that is empty,
 * first empties the lowest bucket holding actions into lower ones around that bucket's earliest
 * time. An action moves down a few buckets in its life, where a 4-ary heap sifts each one
 * through its levels on the way in and out: the 1,000-client scenario puts 7.6 million actions
 * through a queue of up to 5,900, and the heap's removals took 12% of the playing thread's
 * samples. Ties need no sequence numbers: each bucket holds its actions in scheduling order
 * (see {@link Bucket}), so the order is exactly by due time, then by scheduling order.
 *
 * <p>Single-threaded: owned by the thread that runs a simulation; not thread-safe.
 */
final class EventLoop {
    /** Bucket 0 holds the actions due at {@link #last}; bucket b, those whose time first differs from it in bit b-1. */
    private static final int BUCKETS = 64;

    private final Bucket[] buckets = new Bucket[BUCKETS];
    /** Bit b set when bucket b holds an action (times are not negative: 63 bits, buckets 0 to 63). */
    private long occupied;
    /**
     * The time the buckets are arranged around: that of the last action taken out (never later
     * than {@link #now}, so every action scheduled is due at it or after it).
     */
    private long last;
    /** The lowest bucket's earliest time while bucket 0 is empty, known when {@link #lowest} is that bucket. */
    private long lowestTime;
    /** The bucket {@link #lowestTime} is of, or -1 when unknown. */
    private int lowest = -1;
    private int size;
    private long now;
    private long executed;

    EventLoop() {
        for (int b = 0; b < BUCKETS; b++) {
            buckets[b] = new Bucket();
        }
    }

    /** Something to do at a virtual time. */
    @FunctionalInterface
    interface Action {
        void run(long now);
    }

    /** The virtual time, nanoseconds since the simulation began. */
    long now() {
        return now;
    }

    /** Actions run so far. */
    long executed() {
        return executed;
    }

    /** Actions waiting. */
    int pending() {
        return size;
    }

    /** Runs {@code action} at {@code time}, or now when {@code time} has passed. */
    void at(long time, Action action) {
        long t = Math.max(time, now);   // now >= last, so t >= last: the buckets' order holds
        int b = bucket(t);
        buckets[b].add(t, action);
        occupied |= 1L << b;
        size++;
        if (b == lowest) {
            lowestTime = Math.min(lowestTime, t);
        }
    }

    /** Runs {@code action} {@code delay} nanoseconds from now. */
    void after(long delay, Action action) {
        at(now + delay, action);
    }

    /** Runs every action due up to and including {@code end}; then the time is {@code end}. */
    void runUntil(long end) {
        while (size > 0 && earliest() <= end) {
            step();
        }
        now = Math.max(now, end);
    }

    /**
     * Runs actions until {@code done} holds or nothing is due before {@code deadline}; returns
     * whether {@code done} holds.
     */
    boolean runUntil(BooleanSupplier done, long deadline) {
        while (!done.getAsBoolean()) {
            if (size == 0 || earliest() > deadline) {
                now = Math.max(now, deadline);
                return done.getAsBoolean();
            }
            step();
        }
        return true;
    }

    /** Runs the earliest action. Requires an action waiting. */
    private void step() {
        if ((occupied & 1L) == 0) {
            redistribute(Long.numberOfTrailingZeros(occupied));
        }
        Bucket due = buckets[0];
        Action action = due.actions[due.head];
        due.actions[due.head] = null;
        if (++due.head == due.size) {
            due.head = 0;
            due.size = 0;
            occupied &= ~1L;
        }
        size--;
        now = last;
        executed++;
        action.run(now);
    }

    /** The earliest due time. Requires an action waiting. */
    private long earliest() {
        if ((occupied & 1L) != 0) {
            return last;
        }
        int b = Long.numberOfTrailingZeros(occupied);
        if (b != lowest) {
            Bucket bucket = buckets[b];
            long min = Long.MAX_VALUE;
            for (int i = 0; i < bucket.size; i++) {
                min = Math.min(min, bucket.times[i]);
            }
            lowest = b;
            lowestTime = min;
        }
        return lowestTime;
    }

    /** Empties bucket {@code b} (the lowest holding actions) into lower ones around its earliest time. */
    private void redistribute(int b) {
        Bucket from = buckets[b];
        last = earliest();
        lowest = -1;
        occupied &= ~(1L << b);
        for (int i = 0; i < from.size; i++) {
            long t = from.times[i];
            int to = bucket(t);   // lower than b: t and min agree on every bit from b-1 up
            buckets[to].add(t, from.actions[i]);
            occupied |= 1L << to;
            from.actions[i] = null;
        }
        from.size = 0;
    }

    private int bucket(long t) {
        return 64 - Long.numberOfLeadingZeros(t ^ last);
    }

    /**
     * Actions in scheduling order (bucket 0: from {@code head}). They are added in that order: a
     * bucket is filled by a redistribution only when it is empty (every bucket below the one
     * emptied is), from a bucket in that order, and whatever is scheduled after comes later.
     */
    private static final class Bucket {
        long[] times = new long[16];
        Action[] actions = new Action[16];
        int head;
        int size;

        void add(long t, Action action) {
            if (size == times.length) {
                times = Arrays.copyOf(times, size * 2);
                actions = Arrays.copyOf(actions, size * 2);
            }
            times[size] = t;
            actions[size] = action;
            size++;
        }
    }
}
