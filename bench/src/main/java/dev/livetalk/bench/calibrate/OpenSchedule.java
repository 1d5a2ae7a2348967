package dev.livetalk.bench.calibrate;

/**
 * The intended send times of one burst of an open-model load: send {@code k} is due at
 * {@code start + k * period}, whenever the previous one went out, so a stalled sender shows as
 * latency (measured from the intended time) instead of hiding it.
 *
 * <p>Immutable; any thread.
 *
 * @param startNanos  when the first send is due ({@link System#nanoTime()} units)
 * @param periodNanos between two sends
 * @param count       sends in the burst
 */
record OpenSchedule(long startNanos, long periodNanos, int count) {
    OpenSchedule {
        if (periodNanos < 1) {
            throw new IllegalArgumentException("period must be >= 1 ns: " + periodNanos);
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0: " + count);
        }
    }

    /** When send {@code k} is due. */
    long intendedAt(int k) {
        if (k < 0 || k >= count) {
            throw new IndexOutOfBoundsException("send " + k + " of a burst of " + count);
        }
        return startNanos + k * periodNanos;
    }

    /** How many sends are due at {@code now}: those whose intended time is not after it. */
    int dueAt(long now) {
        if (now < startNanos) {
            return 0;
        }
        long due = (now - startNanos) / periodNanos + 1;
        return (int) Math.min(count, due);
    }

    /** When the last send is due, or the start for an empty burst. */
    long lastIntended() {
        return count == 0 ? startNanos : intendedAt(count - 1);
    }
}
