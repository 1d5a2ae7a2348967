package dev.livetalk.scenarios;

import java.util.Optional;
import java.util.Set;

/**
 * What the caller knows beyond the file: a network backend that overrides the file's
 * {@code network} (the command line's {@code --network}), the strategy names found (empty:
 * names are not checked), and where they were looked for, which an unknown name's error
 * repeats (empty: nothing to add).
 *
 * <p>Immutable; any thread.
 */
public record LoaderOptions(Optional<Backend> network, Set<String> knownStrategies, String strategiesLookedFor) {
    public static final LoaderOptions DEFAULTS = new LoaderOptions(Optional.empty(), Set.of(), "");

    public LoaderOptions {
        knownStrategies = Set.copyOf(knownStrategies);
        strategiesLookedFor = strategiesLookedFor == null ? "" : strategiesLookedFor;
    }

    public LoaderOptions withNetwork(Backend backend) {
        return new LoaderOptions(Optional.of(backend), knownStrategies, strategiesLookedFor);
    }

    public LoaderOptions withKnownStrategies(Set<String> names) {
        return new LoaderOptions(network, names, strategiesLookedFor);
    }

    /**
     * The error of a strategy name that is not among those found: the closest name, those found,
     * and where they were looked for.
     */
    public String notFound(String name) {
        java.util.List<String> known = knownStrategies.stream().sorted().toList();
        return "no strategy '" + name + "' is found" + ClosestName.hint(name, known) + " (found: "
                + String.join(", ", known) + ")" + (strategiesLookedFor.isEmpty() ? "" : "; " + strategiesLookedFor);
    }

    /**
     * The strategy names found and a sentence saying where they were looked for and how to add
     * one, appended to the error of a name that is not among them.
     */
    public LoaderOptions withKnownStrategies(Set<String> names, String lookedFor) {
        return new LoaderOptions(network, names, lookedFor);
    }
}
