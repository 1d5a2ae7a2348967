package dev.livetalk.bench.soak;

/**
 * One simulated minute of a soak play, sampled on the playing thread when the first play's
 * virtual clock passed it.
 *
 * @param minute         the simulated minute since the stage opened (1, 2, ...)
 * @param heapAfterGc    heap used right after a full collection there, bytes
 * @param wallNanos      wall time of that minute's play, the forced collections left out
 * @param cpuNanos       CPU time of the playing thread in that minute, the forced collections left out
 * @param gcNanos        how long the forced collection took (wall)
 */
public record SoakSample(int minute, long heapAfterGc, long wallNanos, long cpuNanos, long gcNanos) {
}
