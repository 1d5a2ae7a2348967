package dev.livetalk.metrics.correctness;

/**
 * Correctness over time: what every client displayed at the end of one interval, summed over
 * clients and rooms (definitions in {@link dev.livetalk.metrics.replay.IntervalCounts}).
 *
 * <p>Immutable; any thread.
 *
 * @param start      when the interval starts, nanoseconds since the end of the warm-up (the
 *                   clock of the fault schedule); it lasts {@code length} and is sampled at its end
 * @param length     the interval's length in nanoseconds
 * @param inversions adjacent displayed pairs in descending seq order
 * @param pending    lines showing pending: sends displayed, not yet acknowledged nor failed
 * @param missing    entitled messages committed at least 1 s before the sample and not displayed
 */
public record CorrectnessInterval(long start, long length, long inversions, long pending, long missing) {
    public CorrectnessInterval {
        if (length <= 0 || inversions < 0 || pending < 0 || missing < 0) {
            throw new IllegalArgumentException("an interval needs length > 0 and counts >= 0: length " + length
                    + ", inversions " + inversions + ", pending " + pending + ", missing " + missing);
        }
    }
}
