package dev.livetalk.metrics.gate;

import java.util.Map;
import java.util.TreeMap;

/**
 * The fallback's significance when a series has too few intervals for the block bootstrap: a
 * Mann-Whitney rank test on the samples themselves (normal approximation, ties corrected, the
 * never samples ranked above every value). Samples inside an interval are correlated, so this
 * test is optimistic; the fallback uses it only for p50 and only together with the practical
 * threshold and the floor, and says so in the message.
 *
 * <p>Stateless; any thread.
 */
final class RankTest {
    private RankTest() {
    }

    /** The z score of "now is larger than before" (positive: now ranks higher); 0 without samples on a side. */
    static double z(BlockBootstrap.Recorded before, BlockBootstrap.Recorded now) {
        TreeMap<Long, long[]> counts = new TreeMap<>();
        add(counts, before, 0);
        add(counts, now, 1);
        long n1 = before.finite() + before.never();
        long n2 = now.finite() + now.never();
        if (n1 == 0 || n2 == 0) {
            return 0;
        }
        counts.computeIfAbsent(Long.MAX_VALUE, k -> new long[2])[0] += before.never();
        counts.get(Long.MAX_VALUE)[1] += now.never();
        double rankSumNow = 0;
        double ties = 0;
        long below = 0;
        for (Map.Entry<Long, long[]> e : counts.entrySet()) {
            long t = e.getValue()[0] + e.getValue()[1];
            double midRank = below + (t + 1) / 2.0;
            rankSumNow += e.getValue()[1] * midRank;
            ties += (double) t * t * t - t;
            below += t;
        }
        double n = n1 + n2;
        double u = rankSumNow - n2 * (n2 + 1) / 2.0;
        double mean = n1 * (double) n2 / 2;
        double variance = n1 * (double) n2 / 12 * ((n + 1) - ties / (n * (n - 1)));
        return variance <= 0 ? 0 : (u - mean) / Math.sqrt(variance);
    }

    private static void add(TreeMap<Long, long[]> counts, BlockBootstrap.Recorded sample, int side) {
        for (int i = 0; i < sample.series().values().length; i++) {
            counts.computeIfAbsent(sample.series().values()[i], k -> new long[2])[side] += sample.series().counts()[i];
        }
    }

    /** The z a two-sided test at {@code confidence} needs (the normal quantile of 1 - (1 - confidence) / 2). */
    static double critical(double confidence) {
        return normalQuantile(1 - (1 - confidence) / 2);
    }

    /** Acklam's rational approximation of the standard normal quantile (relative error below 1.2e-9). */
    static double normalQuantile(double p) {
        double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
            -3.066479806614716e+01, 2.506628277459239e+00};
        double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
            -1.328068155288572e+01};
        double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
            4.374664141464968e+00, 2.938163982698783e+00};
        double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
        if (p < 0.02425) {
            double q = Math.sqrt(-2 * Math.log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > 1 - 0.02425) {
            return -normalQuantile(1 - p);
        }
        double q = p - 0.5;
        double r = q * q;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }
}
