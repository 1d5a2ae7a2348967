package dev.livetalk.bench.cli;

import dev.livetalk.metrics.correctness.CorrectnessFigures;
import dev.livetalk.metrics.results.BudgetVerdict;
import dev.livetalk.metrics.results.JunitXmlWriter;
import dev.livetalk.metrics.results.LatencyFigures;
import dev.livetalk.metrics.results.Percentiles;
import dev.livetalk.metrics.results.StrategyResult;

import java.util.List;
import java.util.Locale;

/**
 * The verdict of a whole run: the table printed at the end and one {@code junit.xml} with a
 * test suite per scenario and strategy ({@code summary.md} and {@code index.html} come from
 * the reports module). Deterministic text: no times, no host names.
 */
final class RunSummary {
    private final List<ScenarioVerdict> scenarios;

    RunSummary(List<ScenarioVerdict> scenarios) {
        this.scenarios = List.copyOf(scenarios);
    }

    boolean passed() {
        return scenarios.stream().allMatch(ScenarioVerdict::passed);
    }

    /** The table printed at the end of {@code livetalk run}. */
    String table() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%-20s %-12s %-9s %6s %6s %6s %6s %9s %14s%n", "scenario", "strategy", "budgets", "lost", "dup",
                "phant", "inv", "converged", "peer-final p99"));
        for (ScenarioVerdict scenario : scenarios) {
            for (StrategyResult s : scenario.strategies()) {
                CorrectnessFigures c = s.correctness();
                out.append(String.format(Locale.ROOT, "%-20s %-12s %-9s %6d %6d %6d %6d %8.0f%% %14s%n",
                        scenario.results().scenario(), s.strategy(), budgets(s), c.lost(), c.duplicates(),
                        c.phantoms(), c.inversions(), c.convergedShare(), peerFinalP99(s)));
            }
        }
        out.append(passed() ? "verdict: PASS (every budget holds)\n" : "verdict: FAIL (see the failed budgets above)\n");
        return out.toString();
    }

    /** One JUnit XML document for the whole run. */
    String junitXml() {
        return JunitXmlWriter.toXml("livetalk", scenarios.stream()
                .map(s -> new JunitXmlWriter.Scenario(s.results(), s.regressions())).toList());
    }


    private static String budgets(StrategyResult s) {
        long passed = s.budgets().stream().filter(BudgetVerdict::passed).count();
        return s.budgets().isEmpty() ? "-" : passed + "/" + s.budgets().size() + (passed == s.budgets().size() ? " ok" : " FAIL");
    }

    /** Over every intended delivery: {@code never} once more than 1% never came. */
    private static String peerFinalP99(StrategyResult s) {
        LatencyFigures figures = s.latency("peer-final", "all");
        if (figures == null || figures.corrected().count() == 0) {
            return "-";
        }
        long p99 = figures.corrected().p99();
        return Percentiles.isNever(p99) ? "never" : String.format(Locale.ROOT, "%.1f ms", p99 / 1e6);
    }
}
