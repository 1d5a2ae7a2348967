package dev.livetalk.metrics.results;

/**
 * Whether a strategy kept one budget.
 *
 * <p>Immutable; any thread.
 *
 * @param budget   the expression as written
 * @param strategy the strategy
 * @param observed the figure compared, in the measured unit (nanoseconds for times, percent,
 *                 or the count); {@code null} when there is none (no samples, never converged)
 * @param unit     {@code ns}, {@code %} or empty for counts
 * @param passed   whether the budget holds
 * @param message  for a human: {@code peer-final p(99) = 912ms, budget < 800ms}
 */
public record BudgetVerdict(String budget, String strategy, Double observed, String unit, boolean passed,
                            String message) {
}
