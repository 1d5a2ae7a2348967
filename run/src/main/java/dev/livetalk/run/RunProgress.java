package dev.livetalk.run;

/**
 * Told how a run is going, about once a second, on the runner's progress thread.
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
                  int sent, int committed) {
    }
}
