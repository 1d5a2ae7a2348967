package dev.livetalk.simulator;

import java.time.Duration;

/**
 * How the simulator plays scenarios, beyond what the scenario file says. All durations are
 * virtual time.
 *
 * @param latency         the one-way delay of every link, drawn per frame (fault latency adds to it)
 * @param codec           whether every frame is encoded and decoded with the protocol's codec on its
 *                        way (slower, but codec bugs show); otherwise event records travel as they are
 * @param readEvery       how often each client marks what it displays as read (as the Toxiproxy runner)
 * @param reconnectCap    the clients' largest reconnect backoff (as the Toxiproxy runner)
 * @param serverTick      how often the server core is ticked (idle closes)
 * @param startupTimeout  how long every client may take to connect and join before the run fails
 * @param selfCheck       whether {@link SimulatedScenarioRunner} plays each strategy twice and compares
 *                        the trace hashes (a mismatch is a harness bug)
 */
public record SimSettings(LatencyDistribution latency, boolean codec, Duration readEvery, Duration reconnectCap,
                          Duration serverTick, Duration startupTimeout, boolean selfCheck) {
    /**
     * Links of 1-3 ms uniform, frames through the codec, reads every 500 ms, reconnects capped at
     * 2 s, a server tick every 500 ms, 60 s to start, the determinism self-check on.
     */
    public static final SimSettings DEFAULTS = new SimSettings(
            new LatencyDistribution.Uniform(Duration.ofMillis(1), Duration.ofMillis(3)), true,
            Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ofSeconds(60), true);

    public SimSettings {
        if (latency == null) {
            throw new IllegalArgumentException("latency is required");
        }
        positive("readEvery", readEvery);
        positive("reconnectCap", reconnectCap);
        positive("serverTick", serverTick);
        positive("startupTimeout", startupTimeout);
    }

    public SimSettings withLatency(LatencyDistribution value) {
        return new SimSettings(value, codec, readEvery, reconnectCap, serverTick, startupTimeout, selfCheck);
    }

    public SimSettings withCodec(boolean value) {
        return new SimSettings(latency, value, readEvery, reconnectCap, serverTick, startupTimeout, selfCheck);
    }

    public SimSettings withSelfCheck(boolean value) {
        return new SimSettings(latency, codec, readEvery, reconnectCap, serverTick, startupTimeout, value);
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0: " + value);
        }
    }
}
