package dev.livetalk.simulator;

import dev.livetalk.client.strategy.ReconciliationStrategy;
import dev.livetalk.client.strategy.StrategyProvider;
import dev.livetalk.client.strategy.StrategySettings;

/**
 * For the seed-sweep test: a strategy whose every session runs out of heap as it is made, so
 * that a sweep's run ends in an {@link OutOfMemoryError} without filling the test's heap.
 */
public final class OutOfHeapStrategy {
    static final String NAME = "test-out-of-heap";

    private OutOfHeapStrategy() {
    }

    /** Registered as a test strategy ({@code META-INF/services}). */
    public static final class Provider implements StrategyProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String description() {
            return "test only: every session runs out of heap as it is made";
        }

        @Override
        public ReconciliationStrategy create(StrategySettings settings) {
            throw new OutOfMemoryError("Java heap space (test-out-of-heap)");
        }
    }
}
