package dev.livetalk.metrics.ledger;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A welcome a client received: its connection {@code link} ({@code main}, {@code send} or
 * {@code receive}) was accepted at {@code atUs} (microseconds since the end of the warm-up) by
 * the server history {@code epoch}, with the status of each room it asked to resume
 * ({@code resume}: {@code resumed}, {@code epoch-changed}, {@code history-truncated},
 * {@code forbidden}; empty on a first connection, and in a ledger written before it was recorded).
 * Every (re)connection of every client has one.
 *
 * <p>Immutable; any thread.
 */
public record WelcomeRow(String client, String link, long atUs, String epoch, Map<String, String> resume) {
    public WelcomeRow {
        resume = resume == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(resume)); // stable order in the JSON
    }
}
