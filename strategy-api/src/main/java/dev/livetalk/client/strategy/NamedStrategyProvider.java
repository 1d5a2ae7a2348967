package dev.livetalk.client.strategy;

import java.util.function.Function;

/**
 * A {@link StrategyProvider} made of a name, a description and a constructor: what most
 * providers are. Subclasses need a public no-argument constructor for the
 * {@link java.util.ServiceLoader}. Thread-safe: immutable.
 */
public abstract class NamedStrategyProvider implements StrategyProvider {
    private final String name;
    private final String description;
    private final Function<StrategySettings, ReconciliationStrategy> factory;

    protected NamedStrategyProvider(String name, String description,
                                    Function<StrategySettings, ReconciliationStrategy> factory) {
        this.name = name;
        this.description = description;
        this.factory = factory;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final ReconciliationStrategy create(StrategySettings settings) {
        return factory.apply(settings);
    }
}
