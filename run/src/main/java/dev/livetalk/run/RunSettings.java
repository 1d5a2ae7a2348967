package dev.livetalk.run;

import java.time.Duration;

/**
 * How a run is played on any backend, beyond what the scenario file says. Durations are on
 * the backend's clock (virtual time in the simulator).
 *
 * @param readEvery      how often each simulated user marks what it displays as read
 * @param startupTimeout how long every client may take to connect and join before the run fails
 * @param reconnectCap   the clients' largest reconnect backoff (full jitter below it)
 * @param deliveredEvery how long clients batch their delivered markers; every marker is a
 *                       receipt to every other member, so at 200 clients this is most of the
 *                       traffic (50 ms: 40,000 receipts/s in the scale scenario; 500 ms: 4,000)
 */
public record RunSettings(Duration readEvery, Duration startupTimeout, Duration reconnectCap,
                          Duration deliveredEvery) {
    /** Read every 500 ms; 60 s to start; reconnect backoff capped at 2 s; delivered markers batched for 500 ms. */
    public static final RunSettings DEFAULTS = new RunSettings(Duration.ofMillis(500), Duration.ofSeconds(60),
            Duration.ofSeconds(2), Duration.ofMillis(500));

    public RunSettings {
        positive("readEvery", readEvery);
        positive("startupTimeout", startupTimeout);
        positive("reconnectCap", reconnectCap);
        positive("deliveredEvery", deliveredEvery);
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0: " + value);
        }
    }
}
