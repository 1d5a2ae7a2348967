package dev.livetalk.bench.cli;

import dev.livetalk.metrics.correctness.CorrectnessFigures;
import dev.livetalk.metrics.gate.Verdict;
import dev.livetalk.metrics.results.Words;
import dev.livetalk.metrics.results.BudgetVerdict;
import dev.livetalk.metrics.results.JunitXmlWriter;
import dev.livetalk.metrics.results.LatencyFigures;
import dev.livetalk.metrics.results.Percentiles;
import dev.livetalk.metrics.results.StrategyResult;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What {@code livetalk run} prints at the end and its run-level {@code junit.xml}, both
 * following the run's {@link Verdict}: the table, every failed budget and every regression
 * (scenario, seed, strategy, observed and allowed), every budget not judged, harness health, why the run stopped, the
 * report's path, then the verdict line. Deterministic text: no times, no host names.
 */
final class RunSummary {
    private final Verdict verdict;

    RunSummary(Verdict verdict) {
        this.verdict = verdict;
    }

    /**
     * The end of {@code livetalk run}'s output: the table, then {@link #quietText}; {@code report}
     * is where the page is, or null when none was written.
     */
    String text(Path report) {
        return table() + (verdict.failures().isEmpty() && verdict.notJudged().isEmpty() ? "" : "\n")
                + quietText(report);
    }

    /**
     * What {@code --quiet} prints: every failed budget and regression (scenario, strategy, seed,
     * observed and allowed), every budget not judged, the harness's health warnings, why the run stopped, the report's path
     * and the verdict line; for a passing run only the last two.
     */
    String quietText(Path report) {
        StringBuilder out = new StringBuilder(failedList(verdict.failures()));
        out.append(notJudgedList(verdict.notJudged()));
        verdict.health().forEach(h -> out.append(h).append('\n'));
        verdict.stop().ifPresent(s -> out.append("stopped: ").append(s.sentence()).append('\n'));
        if (report != null) {
            out.append("report: ").append(report.toAbsolutePath().normalize()).append('\n');
        }
        return out.append(verdictLine()).append('\n').toString();
    }

    /** {@code failed (N):} and one {@link Verdict.Failure#line()} per failure; empty without failures. */
    static String failedList(List<Verdict.Failure> failures) {
        if (failures.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "failed (%d):%n", failures.size()));
        failures.forEach(f -> out.append("  ").append(f.line()).append('\n'));
        return out.toString();
    }

    /** {@code not judged (N):} and one {@link Verdict.NotJudged#line()} per budget; empty when every budget applied. */
    static String notJudgedList(List<Verdict.NotJudged> budgets) {
        if (budgets.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "not judged (%d):%n", budgets.size()));
        budgets.forEach(b -> out.append("  ").append(b.line()).append('\n'));
        return out.toString();
    }

    /** The last line: {@code verdict: PASS (...)}. */
    String verdictLine() {
        return switch (verdict.outcome()) {
            case PASS -> "verdict: PASS (every " + (verdict.notJudged().isEmpty() ? "" : "judged ") + "budget holds"
                    + (hasBaseline() ? " and nothing regressed" : "") + ": " + played() + notJudgedCount() + ")";
            case NOT_JUDGED -> "verdict: NOT JUDGED (a scenario's budgets all apply to strategies the run did not"
                    + " play: " + played() + notJudgedCount() + ")";
            case FAIL -> "verdict: FAIL (" + Words.count(verdict.failedBudgets().size(), "failed budget") + ", "
                    + Words.count(verdict.regressions().size(), "regression") + ", listed above)";
            case STOPPED -> "verdict: " + verdict.word() + " (" + verdict.stop().orElseThrow().detail() + ")";
            case UNTRUSTED -> "verdict: UNTRUSTED (--strict: the harness's own scheduling lag was too high to trust"
                    + " its figures, listed above)";
        };
    }

    /** {@code ; 2 budgets not judged, listed above}, or empty. */
    private String notJudgedCount() {
        int n = verdict.notJudged().size();
        return n == 0 ? "" : "; " + Words.count(n, "budget") + " not judged, listed above";
    }

    /** {@code 6 strategy runs in 3 scenarios}. */
    private String played() {
        long scenarios = verdict.runs().stream().map(r -> r.document().scenario()).distinct().count();
        return Words.count(verdict.strategyRuns(), "strategy run") + " in " + Words.count(scenarios, "scenario");
    }

    private boolean hasBaseline() {
        return verdict.runs().stream().anyMatch(r -> !r.comparisons().isEmpty());
    }

    /** The table of scenarios and strategies; the strategy column widens for longer names ({@code mine@baseline}). */
    String table() {
        int width = Math.max(12, verdict.runs().stream().flatMap(r -> r.document().strategies().stream())
                .mapToInt(s -> s.strategy().length()).max().orElse(0));
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%-20s %-" + width + "s %-9s %6s %6s %6s %6s %9s %14s%n", "scenario", "strategy", "budgets", "lost", "dup",
                "phant", "inv", "converged", "peer-final p99"));
        for (Verdict.CheckedRun run : verdict.runs()) {
            for (StrategyResult s : run.document().strategies()) {
                CorrectnessFigures c = s.correctness();
                out.append(String.format(Locale.ROOT, "%-20s %-" + width + "s %-9s %6d %6d %6d %6d %9s %14s%n",
                        run.document().scenario(), s.strategy(), budgets(s), c.lost(), c.duplicates(),
                        c.phantoms(), c.inversions(), Words.percent(c.convergedShare()), peerFinalP99(s)));
            }
        }
        return out.toString();
    }

    /** One JUnit XML document for the whole run. */
    String junitXml() {
        return JunitXmlWriter.toXml("livetalk", verdict);
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
