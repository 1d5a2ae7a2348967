package dev.livetalk.metrics.results;

/**
 * One figure of a strategy compared with a baseline run.
 *
 * <p>Immutable; any thread.
 *
 * @param strategy the strategy
 * @param figure   what is compared ({@code peer-final p99 during}, {@code lost})
 * @param baseline the baseline's value (nanoseconds for times)
 * @param current  this run's value
 * @param passed   whether the change is within the tolerance
 * @param message  for a human, with by how much it changed and the tolerance
 */
public record RegressionVerdict(String strategy, String figure, double baseline, double current, boolean passed,
                                String message) {
}
