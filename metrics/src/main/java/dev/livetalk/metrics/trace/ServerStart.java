package dev.livetalk.metrics.trace;

/**
 * The server started (or started again after a restart) with history {@code epoch} at
 * {@code at}, trace-clock nanoseconds. The last start names the history the server held at
 * the end of the run, whether or not anyone committed or connected after it.
 *
 * <p>Immutable; any thread.
 */
public record ServerStart(String epoch, long at) {
    public ServerStart {
        if (epoch == null || epoch.isEmpty()) {
            throw new IllegalArgumentException("a server start needs its epoch: " + epoch);
        }
    }
}
