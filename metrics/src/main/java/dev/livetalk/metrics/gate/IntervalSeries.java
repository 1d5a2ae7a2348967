package dev.livetalk.metrics.gate;

import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.HistogramIterationValue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the gate keeps of the non-empty 1 s interval histograms of one corrected latency series:
 * per interval its samples counted per bin of the block bootstrap (0.5% of relative width, a few
 * hundred numbers at most), and for the whole series its recorded values (each a bucket's highest
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
    public record Binned(long[] bins, long[] counts) {
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

    /** Builds a series interval by interval, in time order; one thread. */
    public static final class Builder {
        private final List<Binned> intervals = new ArrayList<>();
        private final TreeMap<Long, Long> values = new TreeMap<>();

        /** Adds the next interval; an empty one is left out. {@code h} is not kept. */
        public Builder add(AbstractHistogram h) {
            if (h.getTotalCount() == 0) {
                return this;
            }
            TreeMap<Long, Long> bins = new TreeMap<>();
            for (HistogramIterationValue x : h.recordedValues()) {
                long value = h.highestEquivalentValue(x.getValueIteratedTo());
                long count = x.getCountAtValueIteratedTo();
                values.merge(value, count, Long::sum);
                bins.merge(BlockBootstrap.bin(value), count, Long::sum);
            }
            intervals.add(new Binned(keys(bins), counts(bins)));
            return this;
        }

        /** The series of the intervals added. */
        public IntervalSeries build() {
            return intervals.isEmpty() ? EMPTY : new IntervalSeries(intervals, keys(values), counts(values));
        }

        private static long[] keys(Map<Long, Long> map) {
            return map.keySet().stream().mapToLong(Long::longValue).toArray();
        }

        private static long[] counts(Map<Long, Long> map) {
            return map.values().stream().mapToLong(Long::longValue).toArray();
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
