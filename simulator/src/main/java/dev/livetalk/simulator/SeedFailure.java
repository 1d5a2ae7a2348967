package dev.livetalk.simulator;

import java.util.List;

/**
 * One seed of a sweep whose run broke a check for one strategy.
 *
 * <p>Immutable; any thread.
 *
 * @param seed      the seed
 * @param strategy  the strategy
 * @param failed    what failed, one line each: an invariant with the observed figure
 *                  ({@code duplicates == 0: observed 2}) or a budget verdict's message
 * @param traceHash the run's trace hash: a replay with this seed must give it again
 * @param repro     the command line that replays it
 */
public record SeedFailure(long seed, String strategy, List<String> failed, String traceHash, String repro) {
    public SeedFailure {
        failed = List.copyOf(failed);
    }
}
