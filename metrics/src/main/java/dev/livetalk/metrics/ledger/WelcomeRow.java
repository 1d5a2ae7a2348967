package dev.livetalk.metrics.ledger;

/**
 * A welcome a client received: its connection {@code link} ({@code main}, {@code send} or
 * {@code receive}) was accepted at {@code atUs} (microseconds since the end of the warm-up) by
 * the server history {@code epoch}. Every (re)connection of every client has one.
 *
 * <p>Immutable; any thread.
 */
public record WelcomeRow(String client, String link, long atUs, String epoch) {
}
