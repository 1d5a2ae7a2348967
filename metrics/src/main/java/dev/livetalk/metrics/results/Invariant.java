package dev.livetalk.metrics.results;

import dev.livetalk.metrics.correctness.CorrectnessFigures;

import java.util.function.ToDoubleFunction;

/**
 * The correctness invariants every strategy is checked against in the JUnit XML, whatever
 * the budgets say: what a user of a consistent chat expects.
 *
 * <p>Immutable; any thread.
 */
public enum Invariant {
    LOST("lost == 0", CorrectnessFigures::lost, 0),
    DUPLICATES("duplicates == 0", CorrectnessFigures::duplicates, 0),
    PHANTOMS("phantoms == 0", CorrectnessFigures::phantoms, 0),
    INVERSIONS("inversions == 0", CorrectnessFigures::inversions, 0),
    CAUSAL_VIOLATIONS("causal-violations == 0", CorrectnessFigures::causalViolations, 0),
    STUCK_PENDING("stuck-pending == 0", CorrectnessFigures::stuckPending, 0),
    CONVERGED("converged == 100%", CorrectnessFigures::convergedShare, 100);

    private final String expression;
    private final ToDoubleFunction<CorrectnessFigures> figure;
    private final double expected;

    Invariant(String expression, ToDoubleFunction<CorrectnessFigures> figure, double expected) {
        this.expression = expression;
        this.figure = figure;
        this.expected = expected;
    }

    public String expression() {
        return expression;
    }

    /** The observed figure. */
    public double observed(CorrectnessFigures figures) {
        return figure.applyAsDouble(figures);
    }

    /**
     * The observed figure for people, in its unit: a count as an integer ({@code 64}), the
     * converged share in percent with the clients ({@code 16.7% (1 of 6 clients)}); a share below
     * 100% never reads 100%.
     */
    public String observedText(CorrectnessFigures figures) {
        double value = observed(figures);
        if (this != CONVERGED) {
            return Long.toString(Math.round(value));
        }
        return Words.percent(value) + " (" + Words.number(figures.convergedClients()) + " of " + Words.count(figures.clients(), "client") + ")";
    }

    /** Whether the figures keep the invariant. */
    public boolean holds(CorrectnessFigures figures) {
        return observed(figures) == expected;
    }
}
