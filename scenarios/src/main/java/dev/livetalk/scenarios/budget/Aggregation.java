package dev.livetalk.scenarios.budget;

/**
 * How a distribution is reduced to the one figure a budget compares: a percentile
 * ({@code p(99)}), {@code max} or {@code min}; {@link Value} for metrics that are one figure
 * already (counts, the converged share).
 *
 * <p>Immutable; any thread.
 */
public sealed interface Aggregation permits Aggregation.Percentile, Aggregation.Max,
        Aggregation.Min, Aggregation.Value {

    /** The percentile {@code p(percentile)}, in (0, 100]. */
    record Percentile(double percentile) implements Aggregation {
        public Percentile {
            if (!(percentile > 0.0 && percentile <= 100.0)) {
                throw new IllegalArgumentException("a percentile must be within (0, 100]: " + percentile);
            }
        }
    }

    /** The largest value. */
    record Max() implements Aggregation {
    }

    /** The smallest value. */
    record Min() implements Aggregation {
    }

    /** The metric's single figure (counts, the converged share). */
    record Value() implements Aggregation {
    }
}
