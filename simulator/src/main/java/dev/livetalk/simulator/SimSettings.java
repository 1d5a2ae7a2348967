package dev.livetalk.simulator;

import java.time.Duration;

/**
 * How the simulator plays scenarios, beyond what the scenario file and the run's settings
 * ({@code dev.livetalk.run.RunSettings}: reading, start-up timeout, reconnect backoff, delivered
 * markers, the same on every network) say. All durations are virtual time.
 *
 * @param latency    the one-way delay of every link, drawn per frame (fault latency adds to it)
 * @param codec      whether every frame is encoded and decoded with the protocol's codec on its
 *                   way (slower, but codec bugs show); otherwise event records travel as they are.
 *                   Where the one runner checks a play by a second one ({@code selfCheck}), only the
 *                   second does it: the first, whose trace is measured, passes the records, and the
 *                   two traces must be the same ({@link SimBackend#checkedPlay()})
 * @param serverTick how often the server core is ticked (idle closes)
 * @param selfCheck  whether each strategy is played twice and the trace hashes compared (a
 *                   mismatch is a harness bug): {@link SimBackend#checksReplay()}
 */
public record SimSettings(LatencyDistribution latency, boolean codec, Duration serverTick, boolean selfCheck) {
    /** Links of 1-3 ms uniform, frames through the codec, a server tick every 500 ms, the determinism self-check on. */
    public static final SimSettings DEFAULTS = new SimSettings(
            new LatencyDistribution.Uniform(Duration.ofMillis(1), Duration.ofMillis(3)), true,
            Duration.ofMillis(500), true);

    public SimSettings {
        if (latency == null) {
            throw new IllegalArgumentException("latency is required");
        }
        if (serverTick == null || serverTick.isNegative() || serverTick.isZero()) {
            throw new IllegalArgumentException("serverTick must be > 0: " + serverTick);
        }
    }

    public SimSettings withLatency(LatencyDistribution value) {
        return new SimSettings(value, codec, serverTick, selfCheck);
    }

    public SimSettings withCodec(boolean value) {
        return new SimSettings(latency, value, serverTick, selfCheck);
    }

    public SimSettings withSelfCheck(boolean value) {
        return new SimSettings(latency, codec, serverTick, value);
    }
}
