package dev.livetalk.scenarios;

import java.util.List;

/**
 * The reconciliation strategies a scenario runs: every one found ({@code all}) or a list of
 * names.
 *
 * <p>Immutable; any thread.
 */
public sealed interface StrategySelection permits StrategySelection.All, StrategySelection.Named {

    /** Every strategy found, built in and plugged in. */
    record All() implements StrategySelection {
    }

    /** The strategies named, in this order. */
    record Named(List<String> names) implements StrategySelection {
        public Named {
            names = List.copyOf(names);
            if (names.isEmpty()) {
                throw new IllegalArgumentException("strategies must name at least one strategy");
            }
        }
    }
}
