package dev.livetalk.metrics.gate;

import org.HdrHistogram.AbstractHistogram;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The confidence interval of the relative change of a latency percentile between two runs, by a
 * block bootstrap over their 1 s intervals ({@link IntervalSeries}): each resample draws as many intervals as
 * the run has, with replacement, from each run independently, and takes the percentile of their
 * sum. Samples inside one interval are correlated (a fault delays them together), so the
 * interval, not the sample, is the unit that is resampled: a change carried by one bad second
 * is not significant, a shift of every second is.
 *
 * <p>Resampling works on values binned at 0.5% of relative width (a tenth of the smallest
 * practical threshold anyone would set) and on cumulative counts per interval, so one
 * percentile of one resample is a binary search over the bins (O(K log V)); the point figures
 * are the exact percentiles of the summed histograms. Deliveries that never came ({@code never},
 * +infinity) have no interval: they are spread over the intervals in proportion to their samples.
 *
 * <p>Stateless; any thread.
 */
final class BlockBootstrap {
    private static final double BIN_STEP = Math.log(1.005);

    private BlockBootstrap() {
    }

    /**
     * One run's series.
     *
     * @param series its non-empty intervals
     * @param never  expected samples that never came
     */
    record Sample(IntervalSeries series, long never) {
        /** A sample of interval histograms, each walked once. */
        static Sample of(List<? extends AbstractHistogram> intervals, long never) {
            return new Sample(IntervalSeries.of(intervals), never);
        }

        Recorded recorded() {
            return new Recorded(series, never);
        }
    }

    /** A sample's intervals per bin and its values over all of them. */
    record Recorded(IntervalSeries series, long never) {
        long finite() {
            long sum = 0;
            for (long x : series.counts()) {
                sum += x;
            }
            return sum;
        }
    }

    /**
     * A percentile compared.
     *
     * @param percentile the percentile (50, 99)
     * @param baseline   its exact value in the baseline (ns; +infinity: never)
     * @param current    its exact value now
     * @param low        lower bound of the interval of the relative change (0.05: +5%; -1: to 0)
     * @param high       upper bound
     */
    record Estimate(double percentile, double baseline, double current, double low, double high) {
    }

    /** The estimates of {@code percentiles}, with {@code resamples} resamples at {@code confidence}, from {@code seed}. */
    static Estimate[] compare(Sample before, Sample now, double[] percentiles, int resamples, double confidence,
                              long seed) {
        Recorded rb = before.recorded();
        Recorded rc = now.recorded();
        long[] bins = bins(rb, rc);
        Cumulative b = new Cumulative(rb, bins);
        Cumulative c = new Cumulative(rc, bins);
        double[][] changes = new double[percentiles.length][resamples];
        SplittableRandom random = new SplittableRandom(seed);
        double[] qb = new double[percentiles.length];
        double[] qc = new double[percentiles.length];
        for (int r = 0; r < resamples; r++) {
            b.resample(random, percentiles, bins, qb);
            c.resample(random, percentiles, bins, qc);
            for (int p = 0; p < percentiles.length; p++) {
                changes[p][r] = relativeChange(qb[p], qc[p]);
            }
        }
        double tail = (1 - confidence) / 2;
        Estimate[] estimates = new Estimate[percentiles.length];
        for (int p = 0; p < percentiles.length; p++) {
            Arrays.sort(changes[p]);
            estimates[p] = new Estimate(percentiles[p], exact(rb, percentiles[p]), exact(rc, percentiles[p]),
                    quantile(changes[p], tail), quantile(changes[p], 1 - tail));
        }
        return estimates;
    }

    /** {@code now / before - 1}, with never as +infinity: never in both is no change, never to a value is -100%. */
    static double relativeChange(double before, double now) {
        if (Double.isInfinite(before)) {
            return Double.isInfinite(now) ? 0 : -1;
        }
        if (Double.isInfinite(now)) {
            return Double.POSITIVE_INFINITY;
        }
        if (before == 0) {
            return now == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        return now / before - 1;
    }

    /** The exact percentile of the summed intervals with the never samples above every value (NaN without samples). */
    static double exact(Recorded sample, double percentile) {
        long finite = sample.finite();
        long total = finite + sample.never();
        if (total == 0) {
            return Double.NaN;
        }
        long rank = Math.max(1, (long) Math.ceil(percentile / 100 * total));
        if (rank > finite) {
            return Double.POSITIVE_INFINITY;
        }
        long seen = 0;
        for (int i = 0; i < sample.series().values().length; i++) {
            seen += sample.series().counts()[i];
            if (seen >= rank) {
                return sample.series().values()[i];
            }
        }
        throw new IllegalStateException("rank " + rank + " beyond " + finite + " samples");
    }

    private static double quantile(double[] sorted, double q) {
        int i = (int) Math.floor(q * (sorted.length - 1));
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    /** The bin of {@code value}: 0.5% of relative width. */
    static long bin(long value) {
        return (long) Math.floor(Math.log(Math.max(1, value)) / BIN_STEP);
    }

    /** The bins any sample of either run falls in, sorted. */
    private static long[] bins(Recorded before, Recorded now) {
        return Stream.of(before, now).flatMap(r -> r.series().intervals().stream())
                .flatMapToLong(i -> Arrays.stream(i.bins()).asLongStream()).sorted().distinct().toArray();
    }

    /** Per interval, the cumulative counts over the bins, the last bin being never. */
    private static final class Cumulative {
        private final double[][] counts;
        private final double[] totals;
        private final int[] multiplicity;
        private final int[] chosen;

        Cumulative(Recorded sample, long[] bins) {
            int k = sample.series().size();
            long finite = sample.finite();
            counts = new double[k][bins.length + 1];
            totals = new double[k];
            multiplicity = new int[k];
            chosen = new int[k];
            for (int i = 0; i < k; i++) {
                double[] row = counts[i];
                long intervalCount = 0;
                IntervalSeries.Binned interval = sample.series().intervals().get(i);
                for (int j = 0; j < interval.bins().length; j++) {
                    row[Arrays.binarySearch(bins, interval.bins()[j])] += interval.counts()[j];
                    intervalCount += interval.counts()[j];
                }
                row[bins.length] = finite == 0 ? 0 : (double) sample.never() * intervalCount / finite;
                for (int j = 1; j < row.length; j++) {
                    row[j] += row[j - 1];
                }
                totals[i] = row[bins.length];
            }
        }

        /** Draws one resample and writes its percentiles (bin values; +infinity for never) into {@code out}. */
        void resample(SplittableRandom random, double[] percentiles, long[] bins, double[] out) {
            int k = totals.length;
            Arrays.fill(multiplicity, 0);
            int distinct = 0;
            double total = 0;
            for (int d = 0; d < k; d++) {
                int i = random.nextInt(k);
                if (multiplicity[i]++ == 0) {
                    chosen[distinct++] = i;
                }
                total += totals[i];
            }
            for (int p = 0; p < percentiles.length; p++) {
                double target = Math.max(Math.min(1, total), percentiles[p] / 100 * total);
                out[p] = valueOf(search(target, distinct, bins.length), bins);
            }
        }

        /** The first bin whose cumulative count over the resample reaches {@code target}. */
        private int search(double target, int distinct, int lastBin) {
            int lo = 0;
            int hi = lastBin;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                double sum = 0;
                for (int d = 0; d < distinct; d++) {
                    sum += multiplicity[chosen[d]] * counts[chosen[d]][mid];
                }
                if (sum >= target - 1e-9) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            return lo;
        }

        private static double valueOf(int bin, long[] bins) {
            return bin == bins.length ? Double.POSITIVE_INFINITY : Math.exp((bins[bin] + 0.5) * BIN_STEP);
        }
    }
}
