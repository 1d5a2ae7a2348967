package dev.livetalk.simulator;

import java.util.Arrays;
import java.util.function.BooleanSupplier;

/**
 * Virtual time: a queue of actions ordered by due time, ties by the order they were
 * scheduled, run one at a time. Nothing here reads a clock; {@link #now()} moves only when
 * an action runs, so a simulated minute takes as long as its actions take to compute.
 *
 * <p>The queue is a 4-ary heap over primitive arrays (time and sequence side by side, and the action):
 * millions of frames go through it in a run, and comparing primitives in arrays is several
 * times cheaper than a {@code PriorityQueue} of entry objects.
 *
 * <p>Single-threaded: owned by the thread that runs a simulation; not thread-safe.
 */
final class EventLoop {
    /** Children per node: a shallower heap touches fewer cache lines per removal. */
    private static final int ARITY = 4;

    /** Per slot i: due time at 2i, scheduling sequence at 2i+1 (one cache line holds both). */
    private long[] keys = new long[2048];
    private Action[] actions = new Action[1024];
    private int size;
    private long now;
    private long sequence;
    private long executed;

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
        if (size == actions.length) {
            grow();
        }
        long t = Math.max(time, now);
        long s = sequence++;
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) / ARITY;
            if (!before(t, s, keys[2 * parent], keys[2 * parent + 1])) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        place(i, t, s, action);
    }

    /** Runs {@code action} {@code delay} nanoseconds from now. */
    void after(long delay, Action action) {
        at(now + delay, action);
    }

    /** Runs every action due up to and including {@code end}; then the time is {@code end}. */
    void runUntil(long end) {
        while (size > 0 && keys[0] <= end) {
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
            if (size == 0 || keys[0] > deadline) {
                now = Math.max(now, deadline);
                return done.getAsBoolean();
            }
            step();
        }
        return true;
    }

    private void step() {
        Action action = actions[0];
        now = keys[0];
        removeFirst();
        executed++;
        action.run(now);
    }

    private void removeFirst() {
        int last = --size;
        long t = keys[2 * last];
        long s = keys[2 * last + 1];
        Action a = actions[last];
        actions[last] = null;
        if (last == 0) {
            return;
        }
        int i = 0;
        while (true) {
            int first = ARITY * i + 1;
            if (first >= last) {
                break;
            }
            // The earliest child, chosen without branches: which child is earliest is a coin toss
            // that a branch predictor loses about half the time, at every level of every removal.
            int best = first;
            long bestT = keys[2 * first];
            long bestS = keys[2 * first + 1];
            int end = Math.min(first + ARITY, last);
            for (int c = first + 1; c < end; c++) {
                long ct = keys[2 * c];
                long cs = keys[2 * c + 1];
                boolean earlier = ct < bestT | (ct == bestT & cs < bestS);
                best = earlier ? c : best;
                bestT = earlier ? ct : bestT;
                bestS = earlier ? cs : bestS;
            }
            if (!before(bestT, bestS, t, s)) {
                break;
            }
            move(best, i);
            i = best;
        }
        place(i, t, s, a);
    }

    private static boolean before(long t1, long s1, long t2, long s2) {
        return t1 < t2 || (t1 == t2 && s1 < s2);
    }

    private void move(int from, int to) {
        keys[2 * to] = keys[2 * from];
        keys[2 * to + 1] = keys[2 * from + 1];
        actions[to] = actions[from];
    }

    private void place(int i, long t, long s, Action action) {
        keys[2 * i] = t;
        keys[2 * i + 1] = s;
        actions[i] = action;
    }

    private void grow() {
        keys = Arrays.copyOf(keys, keys.length * 2);
        actions = Arrays.copyOf(actions, actions.length * 2);
    }
}
