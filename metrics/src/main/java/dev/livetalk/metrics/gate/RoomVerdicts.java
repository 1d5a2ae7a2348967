package dev.livetalk.metrics.gate;

import dev.livetalk.metrics.Measurement;
import dev.livetalk.metrics.correctness.RoomCorrectness;
import dev.livetalk.metrics.results.BudgetVerdict;
import dev.livetalk.scenarios.budget.Budget;
import dev.livetalk.scenarios.budget.Threshold;

import java.util.Comparator;
import java.util.List;

/**
 * Budgets scoped to rooms: {@code in room-3} judges that room's figures, {@code in every room}
 * each room's separately and reports the worst room (see {@link #worst}).
 *
 * <p>Stateless; any thread.
 */
final class RoomVerdicts {
    private RoomVerdicts() {
    }

    /** The verdict over one room's figures; fails when no client was a member of the room. */
    static BudgetVerdict named(Budget budget, Measurement measurement, String room) {
        RoomCorrectness figures = measurement.correctness().room(room);
        if (figures == null) {
            return new BudgetVerdict(budget.expression(), measurement.strategy(), null, unit(budget), false,
                    BudgetEvaluator.subject(budget) + ": no client in the room, budget " + BudgetEvaluator.rule(budget))
                    .inRoom(room, "");
        }
        return BudgetEvaluator.evaluate(budget, Subject.of(measurement, figures)).inRoom(room, "");
    }

    /** The verdict of the worst room; fails when no room was measured. */
    static BudgetVerdict each(Budget budget, Measurement measurement) {
        List<RoomCorrectness> rooms = measurement.correctness().byRoom();
        if (rooms.isEmpty()) {
            return new BudgetVerdict(budget.expression(), measurement.strategy(), null, unit(budget), false,
                    BudgetEvaluator.subject(budget) + ": no rooms measured, budget " + BudgetEvaluator.rule(budget));
        }
        List<BudgetVerdict> verdicts = rooms.stream()
                .map(r -> BudgetEvaluator.evaluate(budget, Subject.of(measurement, r))).toList();
        int worst = worst(budget, verdicts);
        long failed = verdicts.stream().filter(v -> !v.passed()).count();
        return verdicts.get(worst).inRoom(rooms.get(worst).room(),
                " (worst of " + rooms.size() + (rooms.size() == 1 ? " room, " : " rooms, ") + failed + " failed)");
    }

    /**
     * The index of the worst verdict: a failed one before a passed one; among those, one without
     * a figure (never, no samples) first, then the figure furthest on the wrong side of the
     * threshold (the highest for {@code <} and {@code <=}, the lowest for {@code >} and
     * {@code >=}, the furthest from it for {@code ==}, the nearest for {@code !=}); the first room
     * in name order on a tie.
     */
    static int worst(Budget budget, List<BudgetVerdict> verdicts) {
        Comparator<BudgetVerdict> worse = Comparator.comparing((BudgetVerdict v) -> v.passed())
                .thenComparing(v -> v.observed() != null)
                .thenComparing(v -> v.observed() == null ? 0.0 : goodness(budget, v.observed()));
        int worst = 0;
        for (int i = 1; i < verdicts.size(); i++) {
            if (worse.compare(verdicts.get(i), verdicts.get(worst)) < 0) {
                worst = i;
            }
        }
        return worst;
    }

    /** Larger is better: how far the figure is on the good side of the threshold. */
    private static double goodness(Budget budget, double observed) {
        double limit = budget.threshold().inMeasuredUnit();
        return switch (budget.comparison()) {
            case LESS, LESS_OR_EQUAL -> limit - observed;
            case GREATER, GREATER_OR_EQUAL -> observed - limit;
            case EQUAL -> -Math.abs(observed - limit);
            case NOT_EQUAL -> Math.abs(observed - limit);
        };
    }

    private static String unit(Budget budget) {
        return budget.metric().isTime() ? "ns" : budget.threshold().unit() == Threshold.Unit.PERCENT ? "%" : "";
    }
}
