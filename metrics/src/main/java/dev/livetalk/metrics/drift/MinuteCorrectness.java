package dev.livetalk.metrics.drift;

/**
 * Correctness over one minute of a drift block: the mean and the largest of the 1 s samples of
 * correctness over time ({@link dev.livetalk.metrics.correctness.CorrectnessInterval}) that start
 * in the minute.
 *
 * <p>Immutable; any thread.
 *
 * @param samples        the samples in the minute (60 with 1 s samples; fewer where the trace ended)
 * @param inversionsMean mean of the displayed inversions (0 without samples)
 * @param inversionsMax  the most displayed inversions in one sample
 * @param pendingMean    mean of the lines showing pending
 * @param pendingMax     the most lines showing pending in one sample
 * @param missingMean    mean of the entitled messages missing
 * @param missingMax     the most entitled messages missing in one sample
 */
public record MinuteCorrectness(int samples, double inversionsMean, long inversionsMax, double pendingMean,
                                long pendingMax, double missingMean, long missingMax) {
}
