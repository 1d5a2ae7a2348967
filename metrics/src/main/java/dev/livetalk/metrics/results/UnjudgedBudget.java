package dev.livetalk.metrics.results;

import dev.livetalk.scenarios.budget.Budget;

import java.util.Collection;
import java.util.List;

/**
 * A budget of the scenario that applies to none of the strategies the run played
 * ({@code --strategies} named others): listed with why, never counted as kept.
 *
 * <p>Immutable; any thread.
 *
 * @param budget     the expression as written
 * @param strategies the strategies it is for
 */
public record UnjudgedBudget(String budget, List<String> strategies) {
    public UnjudgedBudget {
        java.util.Objects.requireNonNull(budget, "budget");
        strategies = List.copyOf(strategies);
    }

    /**
     * The budgets of {@code budgets} that apply to none of the strategies {@code played} (the whole
     * run's, not one shard's: another shard judges those), in budget order.
     */
    public static List<UnjudgedBudget> of(List<Budget> budgets, Collection<String> played) {
        return budgets.stream().filter(b -> !b.appliesToAny(played))
                .map(b -> new UnjudgedBudget(b.expression(), b.strategies())).toList();
    }

    /**
     * Whether it applies to one of the strategies {@code played}: a report that puts runs of its
     * scenario and seed together, one of which played such a strategy, judged it.
     */
    public boolean appliesToAny(java.util.Collection<String> played) {
        return played.stream().anyMatch(strategies::contains);
    }

    /** For a human: {@code not judged: it is for reconcile, which the run did not play}. */
    public String message() {
        return "not judged: it is for " + String.join(", ", strategies) + ", which the run did not play";
    }
}
