package dev.livetalk.metrics.drift;

import java.util.Arrays;

/**
 * The Theil-Sen estimator of a straight line through points (x, y): the slope is the median of
 * the slopes of every pair of points with different x (Theil 1950, Sen 1968), the intercept the
 * median of {@code y - slope * x}. A median of pairwise slopes ignores up to about 29% of wild
 * points (its breakdown point), where a least-squares fit follows a single one: a minute with a
 * stall should not make a trend.
 *
 * <p>Stateless; any thread.
 *
 * @param slope     the median pairwise slope (y units per x unit)
 * @param intercept the median of {@code y - slope * x}: the line's value at x = 0
 */
public record TheilSen(double slope, double intercept) {

    /**
     * The line through {@code (x[i], y[i])}.
     *
     * @throws IllegalArgumentException when the arrays differ in length, hold fewer than 2 points,
     *                                  a value is not finite or every x is the same
     */
    public static TheilSen fit(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y must have the same length: " + x.length + " and " + y.length);
        }
        if (x.length < 2) {
            throw new IllegalArgumentException("a line needs at least 2 points: " + x.length);
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                throw new IllegalArgumentException("points must be finite: (" + x[i] + ", " + y[i] + ")");
            }
        }
        double[] slopes = new double[x.length * (x.length - 1) / 2];
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = i + 1; j < x.length; j++) {
                if (x[j] != x[i]) {
                    slopes[n++] = (y[j] - y[i]) / (x[j] - x[i]);
                }
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("a line needs two points with different x: every x is " + x[0]);
        }
        double slope = median(Arrays.copyOf(slopes, n));
        double[] intercepts = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            intercepts[i] = y[i] - slope * x[i];
        }
        return new TheilSen(slope, median(intercepts));
    }

    /** The line through {@code (i, y[i])}: y sampled at x = 0, 1, 2, ... */
    public static TheilSen fit(double[] y) {
        double[] x = new double[y.length];
        Arrays.setAll(x, i -> i);
        return fit(x, y);
    }

    /** The line's value at {@code x}. */
    public double at(double x) {
        return intercept + slope * x;
    }

    /** The median of {@code values} (sorted in place): the mean of the two middle ones for an even count. */
    static double median(double[] values) {
        Arrays.sort(values);
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
