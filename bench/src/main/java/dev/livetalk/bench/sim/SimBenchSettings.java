package dev.livetalk.bench.sim;

import dev.livetalk.scenarios.Scenario;

/**
 * What {@link SimBenchmark} plays.
 *
 * @param scale      the scenario played in rounds (its own seed), codec on and off
 * @param strategy   the strategy of every client
 * @param warmup     rounds played first with the codec on and not counted (the first is the cold figure)
 * @param rounds     measured rounds per mode (at least 1)
 * @param sweep      the scenario of the seed sweep
 * @param sweepSeeds seeds 1..N swept (0: no sweep)
 * @param threads    the sweep's worker threads (at least 1)
 */
public record SimBenchSettings(Scenario scale, String strategy, int warmup, int rounds, Scenario sweep,
                               int sweepSeeds, int threads) {
    public SimBenchSettings {
        if (scale == null || strategy == null || sweep == null) {
            throw new IllegalArgumentException("scale, strategy and sweep are required");
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("warm-up rounds must be >= 0: " + warmup);
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be >= 1: " + rounds);
        }
        if (sweepSeeds < 0) {
            throw new IllegalArgumentException("sweep seeds must be >= 0: " + sweepSeeds);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1: " + threads);
        }
    }
}
