package dev.livetalk.run;

import dev.livetalk.client.strategy.Strategies;

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
 * @param strategies     where the strategies a run names are made: those on the class path, plus
 *                       plugged-in jars and strategies given as classes
 */
public record RunSettings(Duration readEvery, Duration startupTimeout, Duration reconnectCap,
                          Duration deliveredEvery, Strategies strategies) {
    /**
     * Read every 500 ms; 60 s to start; reconnect backoff capped at 2 s; delivered markers batched
     * for 500 ms; the strategies on the class path.
     */
    public static final RunSettings DEFAULTS = new RunSettings(Duration.ofMillis(500), Duration.ofSeconds(60),
            Duration.ofSeconds(2), Duration.ofMillis(500), Strategies.load());

    public RunSettings {
        positive("readEvery", readEvery);
        positive("startupTimeout", startupTimeout);
        positive("reconnectCap", reconnectCap);
        positive("deliveredEvery", deliveredEvery);
        if (strategies == null) {
            throw new IllegalArgumentException("strategies must be given");
        }
    }

    /** These settings with {@code strategies} as where strategies are made. */
    public RunSettings withStrategies(Strategies strategies) {
        return new RunSettings(readEvery, startupTimeout, reconnectCap, deliveredEvery, strategies);
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0: " + value);
        }
    }
}
