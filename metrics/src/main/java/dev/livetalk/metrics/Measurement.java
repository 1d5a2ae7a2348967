package dev.livetalk.metrics;

import dev.livetalk.metrics.correctness.CorrectnessChecker;
import dev.livetalk.metrics.correctness.CorrectnessReport;
import dev.livetalk.metrics.latency.LatencyCollector;
import dev.livetalk.metrics.latency.LatencyReport;
import dev.livetalk.metrics.recovery.RecoveryCheck;
import dev.livetalk.metrics.recovery.RecoveryReport;
import dev.livetalk.metrics.replay.ReplayedRun;
import dev.livetalk.metrics.trace.RunTrace;

/**
 * What one strategy's run measured: the correctness checkers' report, the latency series and
 * the recovery figures per fault window.
 * {@link #of(RunTrace)} is the entry point from a trace to the figures.
 *
 * <p>Immutable apart from the histograms inside the latency report, which nobody writes after
 * {@link #of}; read it from any thread once built.
 */
public record Measurement(String strategy, CorrectnessReport correctness, LatencyReport latency,
                          RecoveryReport recovery) {

    /** A measurement without recovery figures (no fault windows). */
    public Measurement(String strategy, CorrectnessReport correctness, LatencyReport latency) {
        this(strategy, correctness, latency, RecoveryReport.none());
    }

    /**
     * Replays the trace once, then runs the correctness checkers and the latency collector over
     * it; interval logs get 1 s intervals from the end of the warm-up.
     */
    public static Measurement of(RunTrace trace) {
        return of(trace, LatencyReport.DEFAULT_INTERVAL_NANOS);
    }

    /** As {@link #of(RunTrace)}, with intervals of {@code intervalNanos} for the interval logs. */
    public static Measurement of(RunTrace trace, long intervalNanos) {
        return of(ReplayedRun.of(trace), intervalNanos);
    }

    /** Runs the correctness checkers and the latency collector over a run replayed once (shared with the ledger). */
    public static Measurement of(ReplayedRun run, long intervalNanos) {
        CorrectnessReport correctness = CorrectnessChecker.check(run);
        return new Measurement(run.trace().strategy(), correctness, LatencyCollector.collect(run, intervalNanos),
                RecoveryCheck.of(run, correctness.byClient()));
    }
}
