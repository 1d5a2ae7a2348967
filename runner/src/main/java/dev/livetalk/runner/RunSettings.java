package dev.livetalk.runner;

import java.time.Duration;

/**
 * How the runner plays scenarios, beyond what the scenario file says.
 *
 * @param readEvery      how often each client marks what it displays as read
 * @param startupTimeout how long every client may take to connect and join before the run fails
 * @param connectTimeout how long one WebSocket handshake may take
 */
public record RunSettings(Duration readEvery, Duration startupTimeout, Duration connectTimeout) {
    /** Read every 500 ms; 60 s to start; 3 s per handshake. */
    public static final RunSettings DEFAULTS =
            new RunSettings(Duration.ofMillis(500), Duration.ofSeconds(60), Duration.ofSeconds(3));

    public RunSettings {
        positive("readEvery", readEvery);
        positive("startupTimeout", startupTimeout);
        positive("connectTimeout", connectTimeout);
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0: " + value);
        }
    }
}
