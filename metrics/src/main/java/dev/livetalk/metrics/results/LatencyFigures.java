package dev.livetalk.metrics.results;

/**
 * One latency metric in one phase: corrected (from the intended send time) and raw (from the
 * actual one), and the expected samples that never came.
 *
 * <p>Immutable; any thread.
 *
 * @param metric    the metric's expression name ({@code peer-final})
 * @param phase     {@code all}, {@code before}, {@code during} or {@code after}
 * @param corrected from the intended start
 * @param raw       from the actual start
 * @param unmatched expected samples that never came (messages never delivered)
 */
public record LatencyFigures(String metric, String phase, Percentiles corrected, Percentiles raw, long unmatched) {
}
