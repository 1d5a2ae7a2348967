package com.example.strategy;

import dev.livetalk.client.strategy.NamedStrategyProvider;
import dev.livetalk.client.strategy.builtin.EventOnlyStrategy;

/**
 * A provider outside the client's packages, registered in this module's test
 * META-INF/services, so that StrategiesTest sees a plugged-in strategy found by the
 * ServiceLoader. Not an example to copy: that is examples/strategy-template.
 */
public final class FixtureStrategyProvider extends NamedStrategyProvider {
    public FixtureStrategyProvider() {
        super("fixture", "a test's plugged-in strategy (plays as event-only)", EventOnlyStrategy::new);
    }
}
