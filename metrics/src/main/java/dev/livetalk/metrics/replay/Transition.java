package dev.livetalk.metrics.replay;

/**
 * From {@code at} on, a transcript was ({@code good}) or was not a complete, correctly ordered
 * prefix of the entitled server log.
 *
 * <p>Immutable; any thread.
 */
public record Transition(long at, boolean good) {
}
