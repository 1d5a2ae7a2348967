package dev.livetalk.metrics.recovery;

import java.util.function.LongFunction;

/**
 * The targeted client that set a fault window's {@code recovery} (docs/METRICS.md, Recovery): the
 * one whose max(back, converged) was the latest, the first by client id on a tie; of a window
 * that never recovered, the first by client id of the targeted clients that never converged or,
 * under a {@code restart}, were never welcomed again. It tells a late reconnect (the client's session:
 * {@code back}) from a late catch-up (the strategy: {@code converged}). Times are nanoseconds
 * after the window's end.
 *
 * <p>Immutable; any thread.
 *
 * @param client    the client's id
 * @param back      when it was back: its welcome after the window's end (per link the first, the latest
 *                  over its links; 0 when its last welcome came during the window); {@code null} when it
 *                  was not welcomed again after the window's start (its link held, or a restart dropped
 *                  it and it never came back)
 * @param connected when the connection that brought it back opened: its hello on the link welcomed last, the
 *                  latest before that welcome (0 when it came before the window's end). {@code back} minus it
 *                  is the server's part of a late reconnect (the welcome); it alone is the client's (its
 *                  reconnect backoff, connections refused or timed out). {@code null} when it was not welcomed
 *                  again, or its trace holds no hello
 * @param converged when every room of it had become a correct prefix for good, until the next window;
 *                  {@code null} when it never did
 */
public record SlowestClient(String client, Long back, Long connected, Long converged) {
    public SlowestClient {
        if (client == null || client.isEmpty()) {
            throw new IllegalArgumentException("the slowest client needs an id: " + client);
        }
        if ((back != null && back < 0) || (converged != null && converged < 0) || (connected != null && connected < 0)) {
            throw new IllegalArgumentException("the slowest client's times must be >= 0 ns after the window's end: "
                    + back + ", " + connected + ", " + converged);
        }
        if (connected != null && (back == null || connected > back)) {
            throw new IllegalArgumentException("a client connects before it is welcomed back: connected " + connected
                    + ", back " + back);
        }
    }

    /**
     * What held the window's recovery back, for a verdict or a table, each time written by {@code duration}:
     * "user023 back after 10.7s (connected after 10.6s)" (a late reconnect set it: here the client's, its
     * connection opened late), "user023 converged after 3.1s (back after 1.2s)"
     * (a late catch-up), "user023 converged at once" (no link dropped and every screen stayed right), "user023
     * never converged", "user023 never welcomed again" (a restart's window).
     */
    public String describe(boolean restart, LongFunction<String> duration) {
        if (restart && back == null) {
            return client + " never welcomed again";
        }
        if (converged == null) {
            return client + " never converged" + (back == null ? "" : " (back after " + duration.apply(back) + ")");
        }
        if (back == null && converged == 0) {
            return client + " converged at once"; // every targeted client's screen stayed right, and no link dropped
        }
        if (back != null && back >= converged) {
            return client + " back after " + duration.apply(back)
                    + (connected == null ? "" : " (connected after " + duration.apply(connected) + ")");
        }
        return client + " converged after " + duration.apply(converged)
                + (back == null ? "" : " (back after " + duration.apply(back) + ")");
    }
}
