package dev.livetalk.metrics.gate;

import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the gate keeps of the non-empty 1 s interval histograms of one corrected latency series:
 * per interval its samples counted per bin of the block bootstrap (0.5% of relative width, a few
 * hundred small numbers), and for the whole series its recorded values (each a bucket's highest
 * equivalent value, ns) with their counts summed over the intervals, which the exact percentiles
 * and the rank test read. No histogram is kept: a series is built interval by interval
 * ({@link Builder}), each histogram walked once and let go.
 *
 * <p>Immutable by convention (the arrays are not copied out); any thread.
 *
 * @param intervals per interval, its bins (ascending, {@link BlockBootstrap#bin}) and their counts
 * @param values    the recorded values of the series, ascending
 * @param counts    their counts over every interval
 */
public record IntervalSeries(List<Binned> intervals, long[] values, long[] counts) {
    /** A series without intervals. */
    public static final IntervalSeries EMPTY = new IntervalSeries(List.of(), new long[0], new long[0]);

    public IntervalSeries {
        intervals = List.copyOf(intervals);
    }

    /**
     * One interval's samples per bin.
     *
     * @param bins   the bins with samples, ascending
     * @param counts their samples
     */
    public record Binned(int[] bins, int[] counts) {
    }

    /** The number of intervals. */
    public int size() {
        return intervals.size();
    }

    /** Whether the series has no interval. */
    public boolean isEmpty() {
        return intervals.isEmpty();
    }

    /** The series of {@code histograms}, empty ones left out. */
    public static IntervalSeries of(List<? extends AbstractHistogram> histograms) {
        Builder builder = new Builder();
        histograms.forEach(builder::add);
        return builder.build();
    }

    /**
     * Builds a series interval by interval, in time order, holding one summed histogram for the
     * series' values (the intervals of a log share its precision, so a value's highest
     * equivalent is the same in the sum); one thread.
     */
    public static final class Builder {
        private final List<Binned> intervals = new ArrayList<>();
        private Histogram sum;

        /** Adds the next interval; an empty one is left out. {@code h} is not kept. */
        public Builder add(AbstractHistogram h) {
            if (h.getTotalCount() == 0) {
                return this;
            }
            if (sum == null) {
                sum = new Histogram(h.getLowestDiscernibleValue(), h.getHighestTrackableValue(),
                        h.getNumberOfSignificantValueDigits());
                sum.setAutoResize(true);
            }
            sum.add(h);
            int[] bins = new int[16];
            int[] counts = new int[16];
            int n = 0;
            for (HistogramIterationValue x : h.recordedValues()) {
                int bin = Math.toIntExact(BlockBootstrap.bin(h.highestEquivalentValue(x.getValueIteratedTo())));
                int count = Math.toIntExact(x.getCountAtValueIteratedTo());
                if (n > 0 && bins[n - 1] == bin) {
                    counts[n - 1] += count; // values ascend, so do their bins
                    continue;
                }
                if (n == bins.length) {
                    bins = Arrays.copyOf(bins, 2 * n);
                    counts = Arrays.copyOf(counts, 2 * n);
                }
                bins[n] = bin;
                counts[n++] = count;
            }
            intervals.add(new Binned(Arrays.copyOf(bins, n), Arrays.copyOf(counts, n)));
            return this;
        }

        /** The series of the intervals added. */
        public IntervalSeries build() {
            if (intervals.isEmpty()) {
                return EMPTY;
            }
            long[] v = new long[64];
            long[] c = new long[64];
            int n = 0;
            for (HistogramIterationValue x : sum.recordedValues()) {
                if (n == v.length) {
                    v = Arrays.copyOf(v, 2 * n);
                    c = Arrays.copyOf(c, 2 * n);
                }
                v[n] = sum.highestEquivalentValue(x.getValueIteratedTo());
                c[n++] = x.getCountAtValueIteratedTo();
            }
            return new IntervalSeries(intervals, Arrays.copyOf(v, n), Arrays.copyOf(c, n));
        }
    }

    @Override
    public String toString() {
        return "IntervalSeries[" + intervals.size() + " intervals, " + values.length + " values]";
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof IntervalSeries s) || s.intervals.size() != intervals.size()
                || !Arrays.equals(values, s.values) || !Arrays.equals(counts, s.counts)) {
            return false;
        }
        for (int i = 0; i < intervals.size(); i++) {
            Binned a = intervals.get(i);
            Binned b = s.intervals.get(i);
            if (!Arrays.equals(a.bins(), b.bins()) || !Arrays.equals(a.counts(), b.counts())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(values) + intervals.size();
    }
}
