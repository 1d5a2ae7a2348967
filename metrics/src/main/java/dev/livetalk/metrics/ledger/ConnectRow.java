package dev.livetalk.metrics.ledger;

/**
 * A connection attempt of a client: its session asked to connect {@code link} ({@code main},
 * {@code send} or {@code receive}) at {@code beganUs}, and at {@code endedUs} (microseconds since the
 * end of the warm-up) the transport opened it ({@code opened}: its hello followed) or gave up (refused,
 * a handshake that failed or timed out, for {@code reason}; the session's reconnect backoff waits before the
 * next). What a late reconnect was made of (docs/METRICS.md, Recovery: {@code slowest}).
 *
 * <p>Immutable; any thread.
 *
 * @param reason why it failed ({@code refused}, {@code timed out}, {@code closed}, or the transport's error);
 *               {@code null} when it opened
 */
public record ConnectRow(String client, String link, long beganUs, long endedUs, boolean opened, String reason) {
}
