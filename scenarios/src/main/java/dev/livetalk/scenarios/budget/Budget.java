package dev.livetalk.scenarios.budget;

import java.util.List;
import java.util.Objects;

/**
 * One budget of a scenario, parsed from an expression such as
 * {@code peer-final p(99) < 800ms during in every room for reconcile} by {@link BudgetParser}.
 * {@code strategies} empty means every strategy the scenario runs; {@code room} says whether
 * it looks at the figures summed over rooms, one room's or each room's. A {@code drift} budget
 * ({@code scheduling-lag p(99) drift < 20%}) bounds the change of a latency figure from the first
 * full minute after the warm-up to the last, in percent of the first (docs/METRICS.md, "Drift").
 *
 * <p>Immutable; any thread.
 */
public record Budget(
        String expression,
        Metric metric,
        Aggregation aggregation,
        Comparison comparison,
        Threshold threshold,
        Phase phase,
        RoomScope room,
        List<String> strategies,
        boolean drift) {
    /**
     * The fewest full minutes of load after the warm-up (the scenario's {@code duration}) a run needs
     * for a drift block, and so a scenario with a drift budget.
     */
    public static final int DRIFT_MIN_MINUTES = 3;

    public Budget {
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(aggregation, "aggregation");
        Objects.requireNonNull(comparison, "comparison");
        Objects.requireNonNull(threshold, "threshold");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(room, "room");
        strategies = List.copyOf(strategies);
    }

    /** A budget on the figure itself (not its drift). */
    public Budget(String expression, Metric metric, Aggregation aggregation, Comparison comparison,
                  Threshold threshold, Phase phase, RoomScope room, List<String> strategies) {
        this(expression, metric, aggregation, comparison, threshold, phase, room, strategies, false);
    }

    /** A budget over the figures summed over rooms. */
    public Budget(String expression, Metric metric, Aggregation aggregation, Comparison comparison,
                  Threshold threshold, Phase phase, List<String> strategies) {
        this(expression, metric, aggregation, comparison, threshold, phase, new RoomScope.Summed(), strategies);
    }

    /** Whether this budget applies to the strategy named. */
    public boolean appliesTo(String strategy) {
        return strategies.isEmpty() || strategies.contains(strategy);
    }

    /**
     * Whether this budget applies to one of the strategies {@code played}: a run that plays none of
     * them leaves it unjudged.
     */
    public boolean appliesToAny(java.util.Collection<String> played) {
        return played.stream().anyMatch(this::appliesTo);
    }

    /**
     * Whether {@code other} judges what this budget judges, however written: the same metric,
     * aggregation, drift, comparator, threshold compared exactly ({@code 800ms} is {@code 0.8s},
     * {@code 1001ms} is {@code 1.001s}), phase and room, for the same strategies in any order, where
     * {@code for all} is every strategy in {@code every} (the scenario's).
     */
    public boolean sameAs(Budget other, java.util.Collection<String> every) {
        return metric == other.metric && aggregation.equals(other.aggregation) && drift == other.drift
                && comparison == other.comparison && threshold.exact().compareTo(other.threshold.exact()) == 0
                && (threshold.unit() == Threshold.Unit.PERCENT) == (other.threshold.unit() == Threshold.Unit.PERCENT)
                && phase == other.phase && room.equals(other.room)
                && judged(every).equals(other.judged(every));
    }

    /** The strategies this budget judges of {@code every}: all of them for {@code for all}. */
    private java.util.Set<String> judged(java.util.Collection<String> every) {
        return java.util.Set.copyOf(strategies.isEmpty() ? every : strategies);
    }

    /**
     * Whether the observed figure keeps this budget: nanoseconds for times, percent when the
     * threshold is a percentage (the converged share), the count otherwise.
     */
    public boolean holds(double observed) {
        return comparison.holds(observed, threshold.inMeasuredUnit());
    }
}
