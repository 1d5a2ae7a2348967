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
 * @param attempts  how many connection attempts the client began on the link welcomed last after the window's
 *                  start, up to the one that opened at {@code connected}, that one included (1: its first attempt
 *                  opened); {@code null} when {@code connected} is, or no attempt began on that link after the
 *                  window's start (its trace holds none, or the one that opened began before it)
 * @param lastFailed when the latest of those attempts that failed gave up (refused, a failed or timed-out
 *                  handshake; 0 when before the window's end): {@code connected} minus it is the client's reconnect
 *                  backoff and its last attempt's opening. {@code null} when none failed, or {@code attempts} is
 *                  {@code null}
 * @param converged when every room of it had become a correct prefix for good, until the next window;
 *                  {@code null} when it never did
 */
public record SlowestClient(String client, Long back, Long connected, Integer attempts, Long lastFailed,
                            Long converged) {
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
        if (attempts != null && (connected == null || attempts < 1)) {
            throw new IllegalArgumentException("the slowest client's attempts count those up to the one that opened,"
                    + " at least 1, and need its connected time: " + attempts + ", connected " + connected);
        }
        if (lastFailed != null && (attempts == null || lastFailed < 0 || lastFailed > connected)) {
            throw new IllegalArgumentException("a failed attempt is one of the attempts and comes before the one that"
                    + " opened, at >= 0 ns after the window's end: failed " + lastFailed + ", connected " + connected
                    + ", attempts " + attempts);
        }
    }

    /** Without its connection attempts (a trace that holds none). */
    public SlowestClient(String client, Long back, Long connected, Long converged) {
        this(client, back, connected, null, null, converged);
    }

    /**
     * What held the window's recovery back, for a verdict or a table, each time written by {@code duration}:
     * "user023 back after 10.7s (connected after 10.6s at attempt 7; the last failed at 5.3s)" (a late reconnect
     * set it: here the client's, its connection opened late, after a failed attempt and a backoff),
     * "user023 converged after 3.1s (back after 1.2s)"
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
                    + (connected == null ? "" : " (connected after " + duration.apply(connected) + attempts(duration) + ")");
        }
        return client + " converged after " + duration.apply(converged)
                + (back == null ? "" : " (back after " + duration.apply(back) + ")");
    }

    /**
     * " at attempt 7; the last failed at 5.3s" (or "by the window's end"), " at attempt 2" (an earlier one opened
     * and was lost), " at its first attempt", or nothing without attempts.
     */
    private String attempts(LongFunction<String> duration) {
        if (attempts == null) {
            return "";
        }
        if (attempts == 1 && lastFailed == null) {
            return " at its first attempt";
        }
        if (lastFailed == null) {
            return " at attempt " + attempts;
        }
        return " at attempt " + attempts + "; the last failed "
                + (lastFailed == 0 ? "by the window's end" : "at " + duration.apply(lastFailed));
    }
}
