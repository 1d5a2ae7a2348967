package dev.livetalk.reports;

import dev.livetalk.metrics.results.Percentiles;

import java.util.Locale;

/**
 * Formats figures for people, the same way on the page and in {@code summary.md}:
 * {@code 309.3 ms}, {@code 2.52 s}, {@code 75%}, {@code 12..80}.
 *
 * <p>Stateless; any thread.
 */
final class FigureText {
    private FigureText() {
    }

    /**
     * A latency in nanoseconds: {@code 127 us}, {@code 309.3 ms}, {@code 5.86 s}; {@code -} when
     * negative; {@code never} for +infinity or {@code Percentiles.NEVER} (it never happened).
     */
    static String duration(double nanos) {
        if (nanos < 0) {
            return "-";
        }
        if (nanos >= Percentiles.NEVER || Double.isInfinite(nanos)) {
            return "never"; // a baseline verdict's value when deliveries never came
        }
        if (nanos >= 10e9) {
            return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
        }
        if (nanos >= 1e9) {
            return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
        }
        if (nanos >= 1e6) {
            return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.0f us", nanos / 1e3);
    }

    /** A count; a median of two counts may have a half. */
    static String count(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.1f", value);
    }

    /** A share in percent, without decimals unless it needs one: {@code 75%}, {@code 12.5%}. */
    static String percent(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f%%", value)
                : String.format(Locale.ROOT, "%.1f%%", value);
    }

    /** Seconds on the fault schedule's clock: {@code 2.5 s}. */
    static String seconds(double nanos) {
        return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
    }

    /** A spread formatted by {@code one}: the value when constant, else {@code min..max (median m)}. */
    static String spread(KeyFigures.Spread spread, java.util.function.DoubleFunction<String> one) {
        if (spread.constant()) {
            return one.apply(spread.min());
        }
        return one.apply(spread.min()) + ".." + one.apply(spread.max()) + " (median " + one.apply(spread.median()) + ")";
    }
}
