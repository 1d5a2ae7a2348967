package dev.livetalk.metrics.gate;

import dev.livetalk.metrics.Measurement;
import dev.livetalk.metrics.correctness.ConvergenceTimes;
import dev.livetalk.metrics.correctness.CorrectnessFigures;
import dev.livetalk.metrics.correctness.RoomCorrectness;
import dev.livetalk.metrics.latency.LatencyReport;

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
 */
record Subject(String strategy, CorrectnessFigures figures, ConvergenceTimes convergence, LatencyReport latency) {

    /** The strategy's figures, summed over rooms. */
    static Subject summed(Measurement measurement) {
        return new Subject(measurement.strategy(), measurement.correctness().figures(),
                measurement.correctness().convergence(), measurement.latency());
    }

    /** One room's figures (a room without latency samples gets empty series). */
    static Subject of(Measurement measurement, RoomCorrectness room) {
        LatencyReport latency = measurement.latency().rooms().get(room.room());
        return new Subject(measurement.strategy(), room.figures(), room.convergence(),
                latency != null ? latency : measurement.latency().emptyLike());
    }
}
