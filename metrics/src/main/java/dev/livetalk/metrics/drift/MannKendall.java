package dev.livetalk.metrics.drift;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The Mann-Kendall test for a monotonic trend in a series taken in time order (Mann 1945,
 * Kendall 1975, as Gilbert 1987, section 16.4, gives it): {@code S} is the number of later
 * values above an earlier one minus the number below, over every pair; under the null
 * hypothesis (no trend, the values exchangeable) S is symmetric about 0. The p-value is
 * two-sided, P(|S'| >= |S|):
 * <ul>
 *   <li>exact, from the distribution of S over every ordering of the values, when no two values
 *       are equal and there are at most {@value #EXACT_MAX} of them (Kendall's distribution:
 *       S = pairs - 2 x inversions, and the number of orderings with k inversions is a Mahonian
 *       number, counted here as probabilities);</li>
 *   <li>else by the normal approximation with the variance corrected for ties,
 *       {@code Var S = [n(n-1)(2n+5) - sum t(t-1)(2t+5)] / 18} over groups of t equal values,
 *       and a continuity correction: {@code Z = (S - sign S) / sqrt(Var S)}.</li>
 * </ul>
 * With no spread at all (every value equal) S is 0 and the p-value 1. The exact form matters for
 * short series: with 4 values the smallest two-sided p-value is 2/24 = 0.083, so no trend over 4
 * values is significant at 0.05; with 5 it is 2/120 = 0.017.
 *
 * <p>Stateless; any thread.
 *
 * @param n        the number of values
 * @param s        Mann-Kendall's S
 * @param variance Var S under the null hypothesis (tie-corrected)
 * @param pValue   two-sided p-value
 * @param exact    whether the p-value is exact (else normal approximation)
 */
public record MannKendall(int n, long s, double variance, double pValue, boolean exact) {
    /** The longest series whose p-value is computed exactly (when no values are equal). */
    public static final int EXACT_MAX = 30;

    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    /**
     * Tests {@code values}, in time order.
     *
     * @throws IllegalArgumentException with fewer than 2 values or a value that is not finite
     */
    public static MannKendall test(double[] values) {
        int n = values.length;
        if (n < 2) {
            throw new IllegalArgumentException("a trend test needs at least 2 values: " + n);
        }
        long s = 0;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("values must be finite: " + values[i]);
            }
            for (int j = i + 1; j < n; j++) {
                s += Double.compare(values[j], values[i]) > 0 ? 1 : values[j] < values[i] ? -1 : 0;
            }
        }
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        double ties = 0;
        boolean tied = false;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j < n && sorted[j] == sorted[i]) {
                j++;
            }
            long t = j - i;
            if (t > 1) {
                tied = true;
                ties += t * (t - 1) * (2 * t + 5);
            }
            i = j;
        }
        double variance = ((double) n * (n - 1) * (2 * n + 5) - ties) / 18.0;
        if (!tied && n <= EXACT_MAX) {
            return new MannKendall(n, s, variance, exactTwoSided(n, s), true);
        }
        if (s == 0 || variance <= 0) {
            return new MannKendall(n, s, variance, 1.0, false);
        }
        double z = (s - Long.signum(s)) / Math.sqrt(variance);
        double p = Math.min(1.0, 2 * STANDARD_NORMAL.survivalProbability(Math.abs(z)));
        return new MannKendall(n, s, variance, p, false);
    }

    /**
     * P(|S'| >= |s|) over every ordering of {@code n} distinct values: S' = N - 2 I' with N the
     * pairs and I' the inversions, whose distribution is built one value at a time (inserting the
     * k-th value adds 0 to k-1 inversions, each equally likely).
     */
    static double exactTwoSided(int n, long s) {
        if (s == 0) {
            return 1.0;
        }
        int pairs = n * (n - 1) / 2;
        double[] inversions = {1.0};
        for (int k = 2; k <= n; k++) {
            double[] next = new double[inversions.length + k - 1];
            for (int i = 0; i < inversions.length; i++) {
                for (int add = 0; add < k; add++) {
                    next[i + add] += inversions[i] / k;
                }
            }
            inversions = next;
        }
        // S' >= |s| when I' <= (N - |s|) / 2
        long most = (pairs - Math.abs(s)) / 2;
        double upper = 0;
        for (int i = 0; i <= most; i++) {
            upper += inversions[i];
        }
        return Math.min(1.0, 2 * upper);
    }

    /**
     * The smallest two-sided p-value the exact test gives {@code n} distinct values, that of a series
     * strictly rising or falling throughout: 2 / n! ({@link #exactTwoSided} of every pair in order), 1 below 2.
     */
    public static double smallestTwoSidedP(int n) {
        double factorial = 1;
        for (int i = 2; i <= n; i++) {
            factorial *= i;
        }
        return n < 2 ? 1 : Math.min(1, 2 / factorial);
    }

    /** Whether the trend is significant at level {@code alpha} (two-sided). */
    public boolean significantAt(double alpha) {
        return pValue < alpha;
    }
}
