package dev.livetalk.metrics.gate;

import dev.livetalk.metrics.Measurement;
import dev.livetalk.metrics.correctness.ConvergenceTimes;
import dev.livetalk.metrics.correctness.CorrectnessFigures;
import dev.livetalk.metrics.correctness.RoomCorrectness;
import dev.livetalk.metrics.latency.LatencyReport;
import dev.livetalk.metrics.recovery.RecoveryReport;

/**
 * The figures a budget is judged on: a strategy's summed over rooms, or one room's.
 *
 * <p>Immutable apart from the histograms of the latency report, which nobody writes any more;
 * any thread.
 *
 * @param strategy    the strategy measured
 * @param figures     the correctness figures
 * @param convergence the convergence samples
 * @param latency     the latency series
 * @param recovery    the recovery figures of the fault windows; {@code null} for a room (they are kept for the
 *                    whole run only, and budgets on them take no room)
 */
record Subject(String strategy, CorrectnessFigures figures, ConvergenceTimes convergence, LatencyReport latency,
               RecoveryReport recovery) {

    /** The strategy's figures, summed over rooms. */
    static Subject summed(Measurement measurement) {
        return new Subject(measurement.strategy(), measurement.correctness().figures(),
                measurement.correctness().convergence(), measurement.latency(), measurement.recovery());
    }

    /** One room's figures (a room without latency samples gets empty series). */
    static Subject of(Measurement measurement, RoomCorrectness room) {
        LatencyReport latency = measurement.latency().rooms().get(room.room());
        return new Subject(measurement.strategy(), room.figures(), room.convergence(),
                latency != null ? latency : measurement.latency().emptyLike(), null);
    }
}
