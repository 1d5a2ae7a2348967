package dev.livetalk.junit;

import dev.livetalk.metrics.gate.Verdict;
import dev.livetalk.metrics.results.ResultsDocument;
import dev.livetalk.metrics.results.StrategyResult;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a run of the extension measured and how it is judged: per strategy its figures, the
 * verdict of the one rule (metrics' {@link Verdict}: a budget that fails fails the run), and
 * where its folder and report are.
 *
 * <p>Immutable; any thread.
 *
 * @param document the results document, as written to {@code results.json}
 * @param verdict  the verdict of the run, by the rule the command line follows
 * @param folder   the run's folder: {@code results.json}, {@code junit.xml}, {@code fault-schedule.json},
 *                 {@code STRATEGY.hlog}, {@code ledger/} and the report
 * @param report   the report's {@code index.html}, unless the run was told not to write it
 */
public record LiveTalkResults(ResultsDocument document, Verdict verdict, Path folder, Optional<Path> report) {
    public LiveTalkResults {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(report, "report");
    }

    /** The scenario's name. */
    public String scenario() {
        return document.scenario();
    }

    /** The seed the run used. */
    public long seed() {
        return document.seed();
    }

    /** {@code sim} or {@code toxiproxy}. */
    public String network() {
        return document.network();
    }

    /** Every strategy's figures, in the order they were played. */
    public List<StrategyFigures> strategies() {
        return document.strategies().stream().map(StrategyFigures::new).toList();
    }

    /**
     * The figures of the strategy named {@code name}.
     *
     * @throws IllegalArgumentException naming the strategies the run played
     */
    public StrategyFigures strategy(String name) {
        StrategyResult result = document.strategy(name);
        if (result == null) {
            throw new IllegalArgumentException("strategy " + name + " was not played in scenario " + scenario()
                    + "; played: " + String.join(", ", document.strategies().stream().map(StrategyResult::strategy).toList()));
        }
        return new StrategyFigures(result);
    }

    /** Whether every budget judged holds and one was (the verdict is PASS). */
    public boolean passed() {
        return verdict.passed();
    }

    /**
     * Every failed budget as the command line lists it ({@link Verdict.Failure#line()}):
     * {@code scenario / strategy (seed N): budget `...`: observed, budget ...}.
     */
    public List<String> failures() {
        return verdict.failures().stream().map(Verdict.Failure::line).toList();
    }

    /**
     * Every budget no strategy played applies to, as the command line lists it
     * ({@link Verdict.NotJudged#line()}): {@code scenario (seed N): budget `...`: not judged: it is
     * for reconcile, which the run did not play}. When the scenario has budgets and every one is
     * here, nothing was judged: the verdict is NOT JUDGED, not a pass.
     */
    public List<String> notJudged() {
        return verdict.notJudged().stream().map(Verdict.NotJudged::line).toList();
    }

    /**
     * The command line's blocks for the failures and the budgets not judged, why a run that judged
     * nothing is not a pass, and where the report is: what a test that fails on its budgets says.
     */
    public String failureMessage() {
        StringBuilder out = new StringBuilder();
        List<String> lines = failures();
        if (!lines.isEmpty() || verdict.notJudged().isEmpty()) {
            block("failed", lines, out);
        }
        if (!verdict.notJudged().isEmpty()) {
            block("not judged", notJudged(), out);
        }
        verdict.judgedNothing().forEach(r -> out.append(Verdict.nothingJudged(r.document().scenario(),
                "seed " + r.document().seed(), r.document().notJudged().size())).append('\n'));
        out.append("report: ").append(report.orElse(folder.resolve("results.json")).toAbsolutePath().normalize());
        return out.toString();
    }

    /** {@code name (N):} and the lines, indented: the command line's block. */
    private static void block(String name, List<String> lines, StringBuilder out) {
        out.append(name).append(" (").append(lines.size()).append("):\n");
        lines.forEach(line -> out.append("  ").append(line).append('\n'));
    }
}
