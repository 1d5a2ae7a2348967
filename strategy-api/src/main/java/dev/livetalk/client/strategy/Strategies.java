package dev.livetalk.client.strategy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The strategies on the class path, built in and plugged in, by name. Immutable after
 * construction, so safe to share between threads.
 */
public final class Strategies {
    /** The names of the built-in strategies, in the order of README.md's strategy table. */
    public static final List<String> BUILT_IN = List.of(
            "event-only", "naive-retry", "ordered", "gap-fill", "reconcile", "snapshot");

    private final Map<String, StrategyProvider> providers;

    private Strategies(Map<String, StrategyProvider> providers) {
        this.providers = Collections.unmodifiableMap(providers);
    }

    /** Every provider found by {@link ServiceLoader} with this class's class loader. */
    public static Strategies load() {
        return load(Strategies.class.getClassLoader());
    }

    /** Every provider found by {@link ServiceLoader} with {@code loader}. */
    public static Strategies load(ClassLoader loader) {
        Map<String, StrategyProvider> found = new LinkedHashMap<>();
        for (StrategyProvider provider : ServiceLoader.load(StrategyProvider.class, loader)) {
            StrategyProvider clash = found.putIfAbsent(provider.name(), provider);
            if (clash != null && clash.getClass() != provider.getClass()) {
                throw new IllegalStateException("two strategies are named " + provider.name() + ": "
                        + clash.getClass().getName() + " and " + provider.getClass().getName());
            }
        }
        return new Strategies(found);
    }

    /**
     * These strategies and {@code provider} besides, for a strategy given as a class rather than
     * found on the class path (a test's own strategy); fails when another provider has its name.
     */
    public Strategies with(StrategyProvider provider) {
        Map<String, StrategyProvider> more = new LinkedHashMap<>(providers);
        StrategyProvider clash = more.putIfAbsent(provider.name(), provider);
        if (clash != null && clash.getClass() != provider.getClass()) {
            throw new IllegalArgumentException("two strategies are named " + provider.name() + ": "
                    + clash.getClass().getName() + " and " + provider.getClass().getName());
        }
        return new Strategies(more);
    }

    /** The names found: built-in ones first, in table order, then plugged-in ones sorted. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        BUILT_IN.stream().filter(providers::containsKey).forEach(names::add);
        providers.keySet().stream().filter(n -> !BUILT_IN.contains(n)).sorted().forEach(names::add);
        return names;
    }

    /** Whether {@code name} is built in (rather than plugged in). */
    public static boolean isBuiltIn(String name) {
        return BUILT_IN.contains(name);
    }

    /** The provider named {@code name}; fails naming the unknown name and the known ones. */
    public StrategyProvider provider(String name) {
        StrategyProvider provider = providers.get(name);
        if (provider == null) {
            throw new IllegalArgumentException("unknown strategy \"" + name + "\"; known strategies: "
                    + String.join(", ", names()));
        }
        return provider;
    }

    /**
     * A new strategy named {@code name}; fails naming the provider's class when it made none
     * ({@code null}), rather than leaving the caller a bare {@code NullPointerException}.
     */
    public ReconciliationStrategy create(String name, StrategySettings settings) {
        StrategyProvider provider = provider(name);
        ReconciliationStrategy strategy = provider.create(settings);
        if (strategy == null) {
            throw new IllegalStateException("strategy " + name + ": its provider " + provider.getClass().getName()
                    + " returned null from create(settings); it must return a new strategy");
        }
        return strategy;
    }
}
