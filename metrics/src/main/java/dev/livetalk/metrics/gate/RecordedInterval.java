package dev.livetalk.metrics.gate;

import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.HistogramIterationValue;

import java.util.Arrays;

/**
 * What the gate keeps of one interval histogram (1 s of trace time) of a corrected latency
 * series: its recorded values (each a bucket's highest equivalent value, ns) and their counts,
 * ascending. It is all the block bootstrap and the rank test read of an interval, in a few
 * numbers per distinct value instead of a histogram's whole counts array, so a run's intervals
 * can be held without holding its histograms.
 *
 * <p>Immutable by convention (the arrays are not copied out); any thread.
 *
 * @param values the recorded values, ascending
 * @param counts their counts
 */
public record RecordedInterval(long[] values, long[] counts) {

    /** The recorded values of {@code h}, its histogram walked once. */
    public static RecordedInterval of(AbstractHistogram h) {
        long[] v = new long[16];
        long[] c = new long[16];
        int n = 0;
        for (HistogramIterationValue x : h.recordedValues()) {
            if (n == v.length) {
                v = Arrays.copyOf(v, 2 * n);
                c = Arrays.copyOf(c, 2 * n);
            }
            v[n] = h.highestEquivalentValue(x.getValueIteratedTo());
            c[n++] = x.getCountAtValueIteratedTo();
        }
        return new RecordedInterval(Arrays.copyOf(v, n), Arrays.copyOf(c, n));
    }
}
