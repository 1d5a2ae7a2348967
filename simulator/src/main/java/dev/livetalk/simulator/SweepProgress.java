package dev.livetalk.simulator;

/**
 * Told by a {@link SeedSweep} each time a seed's runs are done, on the sweep's calling thread, in
 * seed order.
 */
@FunctionalInterface
public interface SweepProgress {
    /** Tells nothing. */
    SweepProgress NONE = status -> { };

    /**
     * Where a scenario's sweep is.
     *
     * @param scenario the scenario swept
     * @param seed     the last seed done
     * @param played   the runs done (seeds by strategies), of {@code runs}
     * @param runs     the runs the sweep plays (this shard's)
     * @param failing  the runs done that broke a budget or an invariant
     */
    record Status(String scenario, long seed, long played, long runs, long failing) {
    }

    /** A seed's runs are done. */
    void onSeed(Status status);
}
