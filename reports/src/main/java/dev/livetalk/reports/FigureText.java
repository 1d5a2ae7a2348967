package dev.livetalk.reports;

import dev.livetalk.metrics.results.Percentiles;
import dev.livetalk.metrics.results.Words;

import java.util.Locale;

/**
 * Formats figures for people, the same way on the page and in {@code summary.md}, one unit per
 * kind of figure: a latency in milliseconds with one decimal ({@code 0.4 ms}, {@code 309.3 ms},
 * {@code 2520.0 ms}: the unit of the charts' latency axes and of the console; the harness's own,
 * mostly below a millisecond, with two: {@code 0.52 ms}), a time on the
 * fault schedule's clock or a duration after a fault window (recovery, convergence) in seconds
 * with three decimals ({@code 2.520 s}), a share in percent ({@code 75%}), a spread
 * {@code 12..80}.
 *
 * <p>Stateless; any thread.
 */
final class FigureText {
    private FigureText() {
    }

    /**
     * A latency in nanoseconds, in milliseconds with one decimal: {@code 0.1 ms}, {@code 309.3 ms},
     * {@code 5860.0 ms}; {@code -} when negative; {@code never} for +infinity or
     * {@code Percentiles.NEVER} (it never happened).
     */
    static String duration(double nanos) {
        if (nanos < 0) {
            return "-";
        }
        if (nanos >= Percentiles.NEVER || Double.isInfinite(nanos)) {
            return "never"; // a baseline verdict's value when deliveries never came
        }
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    /**
     * The harness's own latency (calibration), in milliseconds with two decimals, for it is
     * mostly below one: {@code 0.52 ms}, {@code 49.70 ms}.
     */
    static String harnessLatency(double nanos) {
        return nanos < 0 ? "-" : String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
    }

    /** A count; a median of two counts may have a half. */
    static String count(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.1f", value);
    }

    /** A share in percent, as the console and budget verdicts write it: {@code 75%}, {@code 12.5%} ({@link Words#percent}). */
    static String percent(double value) {
        return Words.percent(value);
    }

    /** Seconds on the fault schedule's clock, or a duration after a fault window: {@code 2.500 s}. */
    static String seconds(double nanos) {
        return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
    }

    /**
     * A convergence time after a fault window in seconds ({@code 0.453 s}); {@code at once} for 0:
     * the client's display was a correct prefix when the window ended and stayed one, which says
     * nothing of what it still lacked then (messages due, own sends pending).
     */
    static String convergence(double nanos) {
        return nanos == 0 ? "at once" : seconds(nanos);
    }

    /**
     * {@link #spread} as the content of a page's table cell (escaped): the median on a line of its
     * own, so that a figure of several seeds is no wider than its range and leaves the row's other
     * cells their room ({@code 3170.9 ms..3846.2 ms (median 3508.6 ms)} on one line widened the
     * overview past 1400 px and squeezed its budgets into broken words).
     */
    static String spreadCell(KeyFigures.Spread spread, java.util.function.DoubleFunction<String> one) {
        if (spread.constant()) {
            return dev.livetalk.metrics.results.Markup.escape(one.apply(spread.min()));
        }
        return dev.livetalk.metrics.results.Markup.escape(one.apply(spread.min()) + ".." + one.apply(spread.max()))
                + "<br>(median " + dev.livetalk.metrics.results.Markup.escape(one.apply(spread.median())) + ")";
    }

    /** A spread formatted by {@code one}: the value when constant, else {@code min..max (median m)}. */
    static String spread(KeyFigures.Spread spread, java.util.function.DoubleFunction<String> one) {
        if (spread.constant()) {
            return one.apply(spread.min());
        }
        return one.apply(spread.min()) + ".." + one.apply(spread.max()) + " (median " + one.apply(spread.median()) + ")";
    }
}
