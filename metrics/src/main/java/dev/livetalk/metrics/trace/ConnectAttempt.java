package dev.livetalk.metrics.trace;

/**
 * One attempt of a client to open a connection: its session asked the transport to connect
 * {@code link} ({@code main}, {@code send} or {@code receive}) at {@code at}, and at {@code endedAt}
 * the transport either opened it ({@code opened}: a hello follows, {@link RequestSent}) or gave up (the
 * connection was refused, its handshake failed or timed out; the session then waits its reconnect
 * backoff before the next attempt). Times are trace-clock nanoseconds. What a late reconnect was made
 * of (docs/METRICS.md, Recovery: {@code slowest}): the attempts that failed and the waits between them.
 *
 * <p>Immutable; any thread.
 *
 * @param reason why a failed attempt failed, as its transport said (the reference client's
 *               {@code ConnectFailure}: {@code refused}, {@code timed out}, {@code closed}, or the transport's
 *               error); {@code null} for an attempt that opened
 */
public record ConnectAttempt(String link, long at, long endedAt, boolean opened, String reason) {
    public ConnectAttempt {
        if (link == null || endedAt < at || opened != (reason == null)) {
            throw new IllegalArgumentException("a connect attempt needs a link, must end at or after it began, and has"
                    + " a reason exactly when it failed: " + link + ", " + at + ", " + endedAt + ", " + opened + ", "
                    + reason);
        }
    }
}
