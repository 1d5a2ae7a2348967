package dev.livetalk.scenarios;

import java.util.Optional;
import java.util.Set;

/**
 * What the caller knows beyond the file: a network backend that overrides the file's
 * {@code network} (the command line's {@code --network}), and the strategy names found on
 * the class path (empty: names are not checked).
 *
 * <p>Immutable; any thread.
 */
public record LoaderOptions(Optional<Backend> network, Set<String> knownStrategies) {
    public static final LoaderOptions DEFAULTS = new LoaderOptions(Optional.empty(), Set.of());

    public LoaderOptions {
        knownStrategies = Set.copyOf(knownStrategies);
    }

    public LoaderOptions withNetwork(Backend backend) {
        return new LoaderOptions(Optional.of(backend), knownStrategies);
    }

    public LoaderOptions withKnownStrategies(Set<String> names) {
        return new LoaderOptions(network, names);
    }
}
