package dev.livetalk.metrics.gate;

import dev.livetalk.metrics.results.Percentiles;
import dev.livetalk.metrics.results.Words;
import dev.livetalk.scenarios.budget.Threshold;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Formats figures for verdict messages in the unit the budget was written in:
 * {@code 912ms}, {@code 1.25s}, {@code 97.5%} (a share as everywhere else), {@code 3}.
 *
 * <p>Stateless; any thread.
 */
final class Figures {
    private Figures() {
    }

    /** {@code value} (ns, percent or a count) in {@code unit}. */
    static String format(double value, Threshold.Unit unit) {
        return switch (unit) {
            case NONE -> number(value);
            case PERCENT -> Words.percent(value);
            default -> number(value / nanosOf(unit)) + unit.symbol();
        };
    }

    /** Nanoseconds in a millisecond-or-larger readable unit: {@code 912ms}, {@code 1.5s}; {@code never} for never. */
    static String duration(double nanos) {
        if (nanos >= Percentiles.NEVER) {
            return "never";
        }
        if (Math.abs(nanos) >= 1e9) {
            return number(nanos / 1e9) + "s";
        }
        if (Math.abs(nanos) >= 1e6) {
            return number(nanos / 1e6) + "ms";
        }
        return number(nanos / 1e3) + "us";
    }

    /** Three significant digits, as HdrHistogram keeps them; integers above 1000 whole. */
    static String number(double value) {
        if (Math.abs(value) >= 1000 || value == Math.rint(value)) {
            return Long.toString(Math.round(value));
        }
        return new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }

    /** The number as written ({@code 99.9}, {@code 99.99}). */
    static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    static long nanosOf(Threshold.Unit unit) {
        return switch (unit) {
            case NANOSECONDS -> 1L;
            case MICROSECONDS -> 1_000L;
            case MILLISECONDS -> 1_000_000L;
            case SECONDS -> 1_000_000_000L;
            case MINUTES -> 60_000_000_000L;
            case NONE, PERCENT -> 1L;
        };
    }
}
