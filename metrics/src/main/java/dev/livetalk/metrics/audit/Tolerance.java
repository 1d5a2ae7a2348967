package dev.livetalk.metrics.audit;

/**
 * How close a figure of {@code results.json} must be to its recount from the ledger
 * (docs/METRICS.md, "Auditing a run").
 *
 * <p>Immutable; any thread.
 */
enum Tolerance {
    /** Counts, and anything else the ledger holds exactly. */
    EXACT("exact"),
    /** Shares and Kendall tau: the same arithmetic on the same counts, up to floating-point rounding. */
    FRACTION("|a-b| <= 1e-9"),
    /**
     * A time difference of the ledger: each time is floored to a microsecond on its own, so a
     * difference of two is within 1 µs of the nanosecond one.
     */
    MICROS("|a-b| <= 1 us"),
    /**
     * A latency percentile: the document's is the HdrHistogram's highest equivalent value at 3
     * significant digits (at most v/1024 above the sample v, never below it), the ledger's the
     * exact sample at the same rank of microsecond differences (within 1 µs of the nanosecond one),
     * so |a-b| <= ceil((b + 1 µs)/1024) + 1 µs, b the ledger's value.
     */
    HISTOGRAM("|a-b| <= ceil((b+1us)/1024) + 1us"),
    /**
     * A count of samples over a limit ({@code lateSends}): the document's counts a sample by its
     * HdrHistogram value (at most v/1024 above it), the ledger has it within 1 µs, so the ledger
     * brackets it between the samples surely over the limit and those that may be ({@link Reading.Span}).
     */
    BRACKETED("low <= a <= high");

    private final String rule;

    Tolerance(String rule) {
        this.rule = rule;
    }

    /** The rule as the audit prints it. */
    String rule() {
        return rule;
    }

    /** Whether the document's {@code reported} agrees with the ledger's {@code recounted}. */
    boolean agrees(Reading reported, Reading recounted) {
        if (recounted instanceof Reading.AnyOf any) {
            return any.readings().stream().anyMatch(r -> agrees(reported, r));
        }
        if (reported instanceof Reading.Fraction || recounted instanceof Reading.Fraction) {
            return reported instanceof Reading.Fraction || reported instanceof Reading.Whole
                    ? Math.abs(number(reported) - number(recounted)) <= 1e-9 : false;
        }
        if (recounted instanceof Reading.Span span) {
            return reported instanceof Reading.Whole a && span.low() <= a.value() && a.value() <= span.high();
        }
        if (!(reported instanceof Reading.Whole a) || !(recounted instanceof Reading.Whole b)) {
            return reported.equals(recounted);
        }
        long slack = switch (this) {
            case EXACT, FRACTION, BRACKETED -> 0;
            case MICROS -> 1_000;
            case HISTOGRAM -> (Math.max(0, b.value()) + 1_000 + 1_023) / 1_024 + 1_000;
        };
        return Math.abs(a.value() - b.value()) <= slack;
    }

    private static double number(Reading reading) {
        return switch (reading) {
            case Reading.Whole w -> w.value();
            case Reading.Fraction f -> f.value();
            default -> Double.NaN;
        };
    }
}
