package dev.livetalk.run;

/**
 * Told how a run is going: {@link #onStatus} about once a second, on the runner's progress
 * thread; {@link #onMinute} once per minute of run time, on a thread of the run (a lane's
 * thread through Toxiproxy, the simulation's thread in the simulator), so an implementation
 * that shares state with {@link #onStatus} synchronizes.
 */
@FunctionalInterface
public interface RunProgress {
    /** Tells nothing. */
    RunProgress NONE = status -> { };

    void onStatus(Status status);

    /** A line worth showing once, such as how long a simulation took; ignored unless overridden. */
    default void onNote(String line) {
    }

    /**
     * The <em>interim</em> figures of a minute of run time (virtual time in the simulator),
     * computed online while the run goes on; not the run's measurement (docs/METRICS.md,
     * "Interim figures"). Ignored unless overridden; not computed at all for {@link #NONE} (they
     * cost CPU on every delivery: 5-15% of a simulation's, measured on the 200-client scenario).
     */
    default void onMinute(MinuteFigures minute) {
    }

    /**
     * The interim figures of one minute of a strategy's run, from the load's start; a run whose
     * length is not a whole number of minutes ends with a shorter last one. A p99 is -1 when
     * the minute had no sample of it; a memory figure is -1 when it is not known.
     *
     * @param scenario              the scenario
     * @param strategy              the strategy
     * @param minute                which minute, from 1
     * @param minutes               how many the run has
     * @param lengthNanos           the minute's length (a minute, or less for the last)
     * @param sent                  sends handed to clients in the minute
     * @param committed             messages the server committed in the minute
     * @param pending               sends so far not yet acknowledged to their sender, at the minute's end
     * @param echoP99Nanos          echo p99 of the echoes shown in the minute (intended send to first line at the sender)
     * @param peerFirstP99Nanos     peer-first p99 of the first lines shown at peers in the minute (from the intended send)
     * @param schedulingLagP99Nanos scheduling-lag p99 of the minute's sends (actual minus intended send)
     * @param heapUsedBytes         the harness's heap in use at the minute's end
     * @param rssBytes              the harness's resident memory at the minute's end ({@code VmRSS}), or -1
     */
    record MinuteFigures(String scenario, String strategy, int minute, int minutes, long lengthNanos, long sent,
                         long committed, long pending, long echoP99Nanos, long peerFirstP99Nanos,
                         long schedulingLagP99Nanos, long heapUsedBytes, long rssBytes) {
    }

    /**
     * Where one strategy's run is.
     *
     * @param scenario     the scenario
     * @param strategy     the strategy
     * @param elapsedNanos since the load began
     * @param totalNanos   the whole run: warm-up, duration, quiesce
     * @param activeFaults fault windows on now
     * @param sent         sends handed to clients so far
     * @param committed    messages the server committed so far
     */
    record Status(String scenario, String strategy, long elapsedNanos, long totalNanos, int activeFaults,
                  long sent, long committed) {
    }
}
