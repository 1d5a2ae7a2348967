package dev.livetalk.metrics.trace;

/**
 * What the measurement of a part of a run (one room's {@link TraceRecorder#slice}) needs to know
 * of the whole run, which the part alone cannot tell: which history the run is judged against,
 * when it began, and where the trace ends.
 *
 * <p>Immutable; any thread.
 *
 * @param finalEpoch      the final epoch ({@link RunTrace#finalEpoch()}), or {@code null}
 * @param finalEpochBegan when the final epoch began ({@link RunTrace#finalEpochBegan()})
 * @param lastEvent       the trace time of the run's last event: a change of a transcript, a
 *                        commit, the end of a fault window ({@link Long#MIN_VALUE}: none)
 */
public record RunLookahead(String finalEpoch, long finalEpochBegan, long lastEvent) {
}
