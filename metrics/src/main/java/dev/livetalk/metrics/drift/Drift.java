package dev.livetalk.metrics.drift;

import dev.livetalk.metrics.Measurement;
import dev.livetalk.metrics.correctness.CorrectnessInterval;
import dev.livetalk.metrics.latency.LatencyReport;
import dev.livetalk.metrics.latency.LatencySeries;
import dev.livetalk.metrics.results.Percentiles;
import dev.livetalk.scenarios.budget.Budget;
import dev.livetalk.scenarios.budget.Metric;
import dev.livetalk.scenarios.budget.Phase;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Drift over a long run, per full minute after the warm-up (docs/METRICS.md, "Drift"): per latency
 * metric the corrected samples that completed in the minute (count, p50, p99, max) and those
 * intended in it that never came, per minute the correctness samples' mean and max, and per
 * metric the trend of its p99 over the minutes: Theil-Sen slope, Mann-Kendall p-value and the
 * change from the first full minute to the last.
 *
 * <p>Built from the data the run already has: the latency report's 1 s intervals (the ones
 * written to the {@code .hlog}, their corrected samples read a window at a time:
 * {@link LatencyReport#forEachCorrected}) and the 1 s correctness samples. A minute is 60 s of the
 * load after the warm-up: minute m covers [60 m, 60 (m + 1)) s since the end of the warm-up,
 * and only minutes that end within the scenario's {@code duration} count (the quiet tail after
 * the load is no minute). A run gets a block when its duration holds at least
 * {@value #MIN_MINUTES} full minutes.
 *
 * <p>A trend is marked when the Mann-Kendall p-value is below {@link #ALPHA} and the p99 moved,
 * first full minute to last, the way the test's S says (up for S above 0) by at least
 * {@link #PRACTICAL_PERCENT} percent and at least {@link #PRACTICAL_FLOOR_NANOS} (a 0 first minute:
 * the floor alone).
 *
 * <p>Immutable; any thread.
 *
 * @param minuteNanos         the length of a minute, nanoseconds (60 s)
 * @param alpha               the significance level of the trend test
 * @param practicalPercent    the smallest relative change, first to last full minute, of a marked trend
 * @param practicalFloorNanos the smallest absolute change of a marked trend
 * @param minutes             the full minutes, in order
 * @param trends              per latency metric in report order, its trend
 */
public record Drift(long minuteNanos, double alpha, double practicalPercent, long practicalFloorNanos,
                    List<DriftMinute> minutes, List<DriftTrend> trends) {
    /** The length of a minute. */
    public static final long MINUTE_NANOS = 60_000_000_000L;
    /** The fewest full minutes of load after the warm-up that give a drift block. */
    public static final int MIN_MINUTES = Budget.DRIFT_MIN_MINUTES;
    /** The fewest minutes with samples for a trend. */
    public static final int MIN_POINTS = 3;
    /** The significance level of the trend test (two-sided). */
    public static final double ALPHA = 0.05;
    /** The smallest relative change of a marked trend, percent. */
    public static final double PRACTICAL_PERCENT = 20.0;
    /** The smallest absolute change of a marked trend: 1 ms. */
    public static final long PRACTICAL_FLOOR_NANOS = 1_000_000L;

    public Drift {
        minutes = List.copyOf(minutes);
        trends = List.copyOf(trends);
    }

    /** The full minutes in {@code duration} of load after the warm-up. */
    public static int fullMinutes(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, duration.toNanos() / MINUTE_NANOS);
    }

    /**
     * The drift block of a measurement whose load ran {@code duration} after the warm-up, or
     * {@code null} when that holds fewer than {@value #MIN_MINUTES} full minutes.
     */
    public static Drift of(Measurement measurement, Duration duration) {
        return of(measurement.latency(), measurement.correctness().overTime(), duration);
    }

    /**
     * The drift block of a latency report (intervals from the end of the warm-up) and correctness
     * samples (starts since the end of the warm-up), or {@code null} under {@value #MIN_MINUTES}
     * full minutes.
     *
     * @throws IllegalArgumentException when the report's interval does not divide a minute
     */
    public static Drift of(LatencyReport latency, List<CorrectnessInterval> overTime, Duration duration) {
        int count = fullMinutes(duration);
        if (count < MIN_MINUTES) {
            return null;
        }
        if (MINUTE_NANOS % latency.intervalNanos() != 0) {
            throw new IllegalArgumentException("drift needs intervals that divide a minute: " + latency.intervalNanos()
                    + " ns");
        }
        long perMinute = MINUTE_NANOS / latency.intervalNanos();
        // per minute and metric the corrected samples of its intervals, recorded as they come (a
        // window of intervals after the other): the same counts, so the same figures, as the
        // interval histograms summed; a minute's sums are let go once no window can reach it
        List<List<MinuteLatency>> figures = new ArrayList<>();
        TreeMap<Long, Histogram[]> sums = new TreeMap<>();
        latency.forEachCorrected(Phase.ALL, (metric, interval, corrected) -> {
            long m = Math.floorDiv(interval, perMinute);
            if (m < 0 || m >= count) {
                return;
            }
            Histogram[] of = sums.computeIfAbsent(m, k -> new Histogram[LatencyReport.METRICS.size()]);
            int i = LatencyReport.METRICS.indexOf(metric);
            if (of[i] == null) {
                of[i] = new Histogram(LatencySeries.SIGNIFICANT_DIGITS);
            }
            of[i].recordValue(corrected);
            // the windows come in order: a minute that ends by this sample's window start is complete
            long windowStart = Math.floorDiv(interval, LatencyReport.WINDOW_INTERVALS) * LatencyReport.WINDOW_INTERVALS;
            while ((figures.size() + 1) * perMinute <= windowStart) {
                figures.add(minuteFigures(latency, figures.size(), perMinute, sums.remove((long) figures.size())));
            }
        });
        while (figures.size() < count) {
            figures.add(minuteFigures(latency, figures.size(), perMinute, sums.remove((long) figures.size())));
        }
        List<DriftMinute> minutes = new ArrayList<>();
        for (int m = 0; m < count; m++) {
            minutes.add(new DriftMinute(m, m * MINUTE_NANOS, figures.get(m), correctness(overTime, m)));
        }
        List<DriftTrend> trends = new ArrayList<>();
        for (Metric metric : LatencyReport.METRICS) {
            trends.add(trend(metric.expressionName(), minutes));
        }
        return new Drift(MINUTE_NANOS, ALPHA, PRACTICAL_PERCENT, PRACTICAL_FLOOR_NANOS, minutes, trends);
    }

    /** Minute {@code m}'s figures per metric from its samples ({@code null}: none). */
    private static List<MinuteLatency> minuteFigures(LatencyReport latency, int m, long perMinute, Histogram[] sums) {
        List<MinuteLatency> figures = new ArrayList<>();
        for (int i = 0; i < LatencyReport.METRICS.size(); i++) {
            Metric metric = LatencyReport.METRICS.get(i);
            Histogram sum = sums == null || sums[i] == null ? new Histogram(LatencySeries.SIGNIFICANT_DIGITS) : sums[i];
            figures.add(minute(latency.series(metric, Phase.ALL), sum, m * perMinute, (m + 1) * perMinute,
                    metric.expressionName()));
        }
        return figures;
    }

    private static MinuteLatency minute(LatencySeries series, Histogram sum, long from, long to, String metric) {
        long never = series.neverByInterval().subMap(from, to).values().stream().mapToLong(Long::longValue).sum();
        Percentiles p = Percentiles.of(sum);
        return new MinuteLatency(metric, p.count(), p.p50(), p.p99(), p.max(), never);
    }

    private static MinuteCorrectness correctness(List<CorrectnessInterval> overTime, int minute) {
        long from = minute * MINUTE_NANOS;
        long to = from + MINUTE_NANOS;
        int samples = 0;
        long inversions = 0;
        long pending = 0;
        long missing = 0;
        long inversionsMax = 0;
        long pendingMax = 0;
        long missingMax = 0;
        for (CorrectnessInterval i : overTime) {
            if (i.start() >= from && i.start() < to) {
                samples++;
                inversions += i.inversions();
                pending += i.pending();
                missing += i.missing();
                inversionsMax = Math.max(inversionsMax, i.inversions());
                pendingMax = Math.max(pendingMax, i.pending());
                missingMax = Math.max(missingMax, i.missing());
            }
        }
        double n = Math.max(1, samples);
        return new MinuteCorrectness(samples, inversions / n, inversionsMax, pending / n, pendingMax, missing / n,
                missingMax);
    }

    private static DriftTrend trend(String metric, List<DriftMinute> minutes) {
        List<double[]> points = new ArrayList<>();
        for (DriftMinute minute : minutes) {
            MinuteLatency figures = minute.latency(metric);
            if (figures.count() > 0) {
                points.add(new double[] {minute.minute(), figures.p99()});
            }
        }
        MinuteLatency first = minutes.get(0).latency(metric);
        MinuteLatency last = minutes.get(minutes.size() - 1).latency(metric);
        Long firstP99 = first.count() > 0 ? first.p99() : null;
        Long lastP99 = last.count() > 0 ? last.p99() : null;
        Double change = firstP99 == null || lastP99 == null ? null : changePercent(firstP99, lastP99);
        if (points.size() < MIN_POINTS) {
            return new DriftTrend(metric, points.size(), firstP99, lastP99, change, null, null, null, null, false);
        }
        double[] x = points.stream().mapToDouble(p -> p[0]).toArray();
        double[] y = points.stream().mapToDouble(p -> p[1]).toArray();
        TheilSen line = TheilSen.fit(x, y);
        MannKendall test = MannKendall.test(y);
        // the test's direction and the first-to-last move must agree: a warm-up minute high above a
        // steady rise after it is no rise from the first minute to the last, nor a fall
        boolean marked = test.significantAt(ALPHA) && firstP99 != null && lastP99 != null
                && Long.signum(test.s()) == Long.signum(lastP99 - firstP99) && beyondPractical(firstP99, lastP99);
        return new DriftTrend(metric, points.size(), firstP99, lastP99, change, line.slope(), line.intercept(),
                test.s(), test.pValue(), marked);
    }

    /**
     * The relative change from {@code first} to {@code last} in percent: 0 when both are 0,
     * {@code null} when only the first is (no relative change from 0).
     */
    public static Double changePercent(long first, long last) {
        if (first == 0) {
            return last == 0 ? 0.0 : null;
        }
        return 100.0 * (last - first) / first;
    }

    /** Whether a move from {@code first} to {@code last} passes the practical thresholds. */
    static boolean beyondPractical(long first, long last) {
        if (Math.abs(last - first) < PRACTICAL_FLOOR_NANOS) {
            return false;
        }
        Double change = changePercent(first, last);
        return change == null || Math.abs(change) >= PRACTICAL_PERCENT;
    }

    /** The trend of a metric (expression name), or {@code null}. */
    public DriftTrend trend(String metric) {
        return trends.stream().filter(t -> t.metric().equals(metric)).findFirst().orElse(null);
    }

    /** The trends that are marked. */
    public List<DriftTrend> marked() {
        return trends.stream().filter(DriftTrend::marked).toList();
    }
}
