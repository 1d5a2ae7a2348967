package dev.livetalk.scenarios;

import dev.livetalk.scenarios.budget.Budget;
import dev.livetalk.scenarios.budget.BudgetParser;
import dev.livetalk.scenarios.budget.BudgetSyntaxException;
import dev.livetalk.scenarios.budget.RoomScope;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the {@code budgets} list: each entry an expression for {@link BudgetParser}. A
 * syntax error points at the offending token inside the expression when the expression sits
 * on one line; strategies named in a budget must be ones the scenario runs, and a room named
 * ({@code in room-3}) one the scenario declares, and a drift budget needs a {@code duration} of
 * at least {@value Budget#DRIFT_MIN_MINUTES} full minutes (the runs that get a drift block).
 *
 * <p>Not thread-safe: one validation on one thread.
 */
final class BudgetBinder {
    private final Values values;
    private final Diagnostics diagnostics;
    private final List<String> sourceLines;

    BudgetBinder(Values values, Diagnostics diagnostics, String source) {
        this.values = values;
        this.diagnostics = diagnostics;
        this.sourceLines = source.lines().toList();
    }

    /**
     * The budgets; a room named in one must be among {@code rooms} (unchecked when empty: rooms invalid),
     * and a drift budget needs {@code duration} (unchecked when {@code null}: duration invalid) to hold
     * {@value Budget#DRIFT_MIN_MINUTES} full minutes.
     */
    List<Budget> budgets(YamlNode node, StrategySelection strategies, LoaderOptions options,
                         List<String> rooms, java.time.Duration duration) {
        List<Budget> budgets = new ArrayList<>();
        List<Parsed> parsed = new ArrayList<>();
        List<YamlNode> items = values.list(node, "budgets").orElse(List.of());
        for (int i = 0; i < items.size(); i++) {
            YamlNode item = items.get(i);
            String path = "budgets[" + i + "]";
            values.text(item, path).ifPresent(expression -> {
                try {
                    Budget budget = BudgetParser.parse(expression);
                    boolean once = notRepeated(budget, item, path, parsed, every(strategies, options));
                    parsed.add(new Parsed(budget, item, path));
                    boolean roomKnown = roomDeclared(budget, item, path, rooms);
                    boolean longEnough = longEnoughForDrift(budget, item, path, duration);
                    if (strategiesRun(budget, item, path, strategies, options) && roomKnown && longEnough
                            && once) {
                        budgets.add(budget);
                    }
                } catch (BudgetSyntaxException e) {
                    YamlNode.Mark at = positionOf(item.mark(), expression, e.offset());
                    diagnostics.error(at, path + ": " + e.getMessage() + " (in '" + expression + "')");
                }
            });
        }
        return budgets;
    }

    /** A budget parsed, where it is. */
    private record Parsed(Budget budget, YamlNode item, String path) {
    }

    /**
     * A budget that judges what an earlier one judges ({@link Budget#sameAs}) would be judged, listed
     * and counted twice: refused, naming the earlier one and its line.
     */
    private boolean notRepeated(Budget budget, YamlNode item, String path, List<Parsed> earlier, List<String> every) {
        for (Parsed first : earlier) {
            if (first.budget().sameAs(budget, every)) {
                diagnostics.error(item.mark(), path + ": '" + budget.expression() + "' repeats " + first.path()
                        + " at line " + first.item().mark().line() + " ('" + first.budget().expression()
                        + "'): a budget is judged once; remove one");
                return false;
            }
        }
        return true;
    }

    /**
     * Every strategy a budget is for is one the scenario runs; one found nowhere (not built in, not
     * plugged in) is said to be so, with where strategies were looked for.
     */
    private boolean strategiesRun(Budget budget, YamlNode item, String path, StrategySelection strategies,
            LoaderOptions options) {
        Set<String> known = options.knownStrategies();
        List<String> available = every(strategies, options);
        boolean ok = true;
        for (String name : budget.strategies()) {
            if (!available.isEmpty() && !available.contains(name)) {
                int offset = budget.expression().indexOf(name, budget.expression().lastIndexOf(" for "));
                String why = !known.isEmpty() && !known.contains(name) ? options.notFound(name)
                        : "strategy '" + name + "' is not run by this scenario" + ClosestName.hint(name, available)
                                + " (strategies: " + String.join(", ", available) + ")";
                diagnostics.error(positionOf(item.mark(), budget.expression(), Math.max(0, offset)),
                        path + ": " + why + " (in '" + budget.expression() + "')");
                ok = false;
            }
        }
        return ok;
    }

    /** The strategies the scenario runs: those it names, or every one found (sorted; none when unknown). */
    private static List<String> every(StrategySelection strategies, LoaderOptions options) {
        return strategies instanceof StrategySelection.Named named
                ? named.names() : options.knownStrategies().stream().sorted().toList();
    }

    private boolean longEnoughForDrift(Budget budget, YamlNode item, String path, java.time.Duration duration) {
        if (!budget.drift() || duration == null
                || duration.compareTo(java.time.Duration.ofMinutes(Budget.DRIFT_MIN_MINUTES)) >= 0) {
            return true;
        }
        int minutes = Budget.DRIFT_MIN_MINUTES;
        diagnostics.error(item.mark(), path + ": a drift budget needs a duration of at least " + minutes + "m ("
                + minutes + " full minutes after the warm-up, the runs that get a drift block): duration "
                + Durations.format(duration) + " (in '" + budget.expression() + "')");
        return false;
    }

    private boolean roomDeclared(Budget budget, YamlNode item, String path, List<String> rooms) {
        if (!(budget.room() instanceof RoomScope.Named named) || rooms.isEmpty() || rooms.contains(named.room())) {
            return true;
        }
        int offset = budget.expression().indexOf(" " + named.room(), budget.expression().lastIndexOf(" in ")) + 1;
        diagnostics.error(positionOf(item.mark(), budget.expression(), Math.max(0, offset)),
                path + ": room '" + named.room() + "' is not declared by this scenario"
                + ClosestName.hint(named.room(), rooms) + " (rooms: " + String.join(", ", rooms) + ")");
        return false;
    }

    /** The position of character {@code offset} of a scalar that starts at {@code start}. */
    private YamlNode.Mark positionOf(YamlNode.Mark start, String expression, int offset) {
        if (start.line() > sourceLines.size()) {
            return start;
        }
        String line = sourceLines.get(start.line() - 1);
        int from = start.column() - 1;
        if (from < line.length() && (line.charAt(from) == '"' || line.charAt(from) == '\'')) {
            from++;
        }
        int clamped = Math.min(offset, expression.length());
        if (!line.startsWith(expression.substring(0, clamped), from)) {
            return start;
        }
        return new YamlNode.Mark(start.line(), from + clamped + 1);
    }
}
