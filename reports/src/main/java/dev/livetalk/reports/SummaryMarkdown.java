package dev.livetalk.reports;

import dev.livetalk.metrics.correctness.CorrectnessFigures;
import dev.livetalk.metrics.results.Calibration;
import dev.livetalk.metrics.results.RoomResult;
import dev.livetalk.metrics.results.StrategyResult;
import dev.livetalk.metrics.results.Words;
import dev.livetalk.metrics.results.Percentiles;
import dev.livetalk.metrics.gate.Verdict;
import dev.livetalk.metrics.results.RegressionVerdict;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * {@code summary.md}: a compact Markdown verdict for a pull-request comment. The verdict is on
 * top (the run's {@link Verdict}: PASS, FAIL, or INTERRUPTED with where), then the failed budgets and
 * regressions, the budgets not judged ({@link NotJudgedText}), then one row per scenario and strategy (several seeds of a scenario show as
 * {@code min..max (median m)}), then per scenario the best strategy on correctness and on latency
 * ({@link RankingText}) and the trade-offs ({@link TradeOffMatrix}), then the worst conversations (rooms) of each scenario and strategy
 * (first seed, folded), the drift of long runs ({@link DriftTable}), then how the run was started ({@link InvocationText}) and the harness's
 * calibration. Deterministic: the same documents give the same text (the only time and the only
 * paths are those the documents hold: when the run started and its command line).
 *
 * <p>Stateless; any thread.
 */
public final class SummaryMarkdown {
    /** Regression messages listed per strategy; the page lists them all. */
    static final int WORST = 3;
    /** Rooms listed per scenario and strategy; the page lists {@link ConversationTable#ROWS}. */
    static final int ROOMS = 5;

    private SummaryMarkdown() {
    }

    /** The summary of {@code sections} judged by {@code verdict}; {@code withBaseline} adds the peer-final p99 change column. */
    public static String of(List<ComparedSection> sections, Verdict verdict, boolean withBaseline) {
        return of(sections, verdict, withBaseline, List.of());
    }

    /** As {@link #of(List, Verdict, boolean)}, of a run merged from {@code shards} (none: not merged). */
    public static String of(List<ComparedSection> sections, Verdict verdict, boolean withBaseline,
                            List<ShardOrigin> shards) {
        StringBuilder md = new StringBuilder();
        md.append("## LiveTalk Chaos Bench: ").append(verdict.word()).append("\n\n");
        verdict.stop().ifPresent(stop -> md.append("**The run stopped early: ").append(stop.sentence())
                .append(".** The figures below are those of the finished scenarios.\n\n"));
        md.append(Words.count(sections.size(), "scenario")).append(", ")
                .append(Words.count(verdict.strategyRuns(), "strategy run")).append(", ")
                .append(Words.count(verdict.failedBudgets().size(), "budget failure"));
        md.append(withBaseline ? ", " + Words.count(verdict.regressions().size(), "regression")
                + " against the baseline.\n\n" : ".\n\n");
        HealthText.markdown(verdict, md);
        if (!verdict.failures().isEmpty()) {
            failures(sections, verdict, md);
        }
        NotJudgedText.markdown(verdict, md);
        md.append("| scenario | strategy | budgets | lost | duplicates | phantoms | inversions | converged"
                + " | peer-final p99 |").append(withBaseline ? " vs baseline |\n" : "\n");
        md.append("|---|---|---|---:|---:|---:|---:|---:|---:|").append(withBaseline ? "---:|\n" : "\n");
        for (ComparedSection section : sections) {
            for (String strategy : section.section().strategies()) {
                md.append(row(section, strategy, withBaseline)).append('\n');
            }
        }
        md.append("\npeer-final p99 is over every intended delivery: never once more than 1% never came by the end "
                + "of the run.\n");
        RankingText.markdown(sections, md);
        TradeOffMatrix.markdown(sections, md);
        VersionComparison.markdown(sections, md);
        conversations(sections, md);
        recovery(sections, md);
        DriftTable.markdown(sections, md);
        return md.append(shards.isEmpty() ? InvocationText.markdown(sections) : ShardsText.markdown(shards))
                .append(environment(sections)).toString();
    }

    /**
     * Per scenario and strategy of the first seed, the {@value #ROOMS} worst rooms
     * ({@link ConversationTable#WORST_FIRST}), folded; nothing when no document has rooms.
     */
    static void conversations(List<ComparedSection> sections, StringBuilder md) {
        StringBuilder rows = new StringBuilder();
        List<String> hidden = new ArrayList<>();
        for (ComparedSection section : sections) {
            String scenario = section.section().scenario();
            for (StrategyResult s : section.section().first().document().strategies()) {
                List<RoomResult> rooms = ConversationTable.worstFirst(s);
                rooms.stream().limit(ROOMS).forEach(r -> rows.append(conversation(scenario, s.strategy(), r)));
                if (rooms.size() > ROOMS) {
                    hidden.add(scenario + " / " + s.strategy() + ": " + (rooms.size() - ROOMS));
                }
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        md.append("\n<details><summary>Conversations: the worst rooms of each scenario and strategy</summary>\n\n")
                .append("| scenario | strategy | room | members | lost | duplicates | phantoms | inversions | converged"
                        + " | peer-final p99 |\n|---|---|---|---:|---:|---:|---:|---:|---:|---:|\n")
                .append(rows)
                .append("\nWorst first: by lost + duplicates + phantoms + inversions, then by peer-final p99, then by "
                        + "name; at most ").append(ROOMS).append(" rooms each (first seed)")
                .append(hidden.isEmpty() ? "" : "; more rooms hidden: " + String.join(", ", hidden))
                .append(".\n\n</details>\n");
    }

    /**
     * Per scenario and strategy of the first seed, the recovery figures of every fault window, folded; nothing when
     * no document has them.
     */
    static void recovery(List<ComparedSection> sections, StringBuilder md) {
        StringBuilder rows = new StringBuilder();
        for (ComparedSection section : sections) {
            for (StrategyResult s : section.section().first().document().strategies()) {
                rows.append(RecoveryTable.markdownRows(section.section().scenario(), s));
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        md.append("\n<details><summary>Recovery: each fault window, per scenario and strategy</summary>\n\n")
                .append(RecoveryTable.MARKDOWN_HEAD).append(rows).append('\n').append(RecoveryTable.NOTE)
                .append(" (first seed).\n\n</details>\n");
    }

    private static String conversation(String scenario, String strategy, RoomResult r) {
        CorrectnessFigures c = r.correctness();
        long p99 = ConversationTable.peerFinalP99(r);
        return "| " + scenario + " | " + strategy + " | " + r.room() + " | " + c.clients() + " | " + c.lost() + " | "
                + c.duplicates() + " | " + c.phantoms() + " | " + c.inversions() + " | "
                + FigureText.percent(c.convergedShare()) + " | " + (p99 < 0 ? "-" : FigureText.duration(p99)) + " |\n";
    }

    /** The harness's calibration (its noise floor) per distinct calibration of the runs. */
    static String environment(List<ComparedSection> sections) {
        StringBuilder md = new StringBuilder("\n### Environment: the harness's own latency\n\n");
        Map<Calibration, List<String>> byCalibration = Calibrations.of(sections);
        List<String> parts = new ArrayList<>();
        byCalibration.forEach((calibration, scenarios) -> parts.add((byCalibration.size() > 1
                ? "**" + String.join(", ", scenarios) + "**:\n\n" : "") + CalibrationText.markdown(calibration)));
        return md.append(String.join("\n", parts)).toString();
    }

    private static void failures(List<ComparedSection> sections, Verdict verdict, StringBuilder md) {
        md.append("### Failures\n\n");
        for (ComparedSection section : sections) {
            String scenario = section.section().scenario();
            String seeds = section.section().severalSeeds() ? " (seed %d)" : "";
            List<Verdict.Failure> ofScenario = verdict.failures().stream()
                    .filter(f -> f.scenario().equals(scenario)).toList();
            for (Verdict.Failure f : ofScenario) {
                if (f instanceof Verdict.BudgetFailure b) {
                    md.append("- **").append(scenario).append("** / ").append(b.strategy())
                            .append(String.format(Locale.ROOT, seeds, b.seed())).append(": `")
                            .append(b.budget().budget()).append("`: ").append(b.budget().message()).append('\n');
                }
            }
            Map<String, List<RegressionVerdict>> regressed = new LinkedHashMap<>();
            ofScenario.stream().filter(f -> f instanceof Verdict.Regression).map(Verdict.Regression.class::cast)
                    .forEach(r -> regressed.computeIfAbsent(r.strategy() + String.format(Locale.ROOT, seeds, r.seed()),
                            k -> new ArrayList<>()).add(r.comparison()));
            regressed.forEach((who, list) -> md.append("- **").append(scenario).append("** / ").append(who)
                    .append(": ").append(list.size()).append(list.size() == 1 ? " figure" : " figures")
                    .append(" regressed against the baseline; worst: ").append(worst(list)).append('\n'));
        }
        md.append('\n');
    }

    /** The messages of the {@value #WORST} regressions that grew most, relatively. */
    private static String worst(List<RegressionVerdict> regressions) {
        List<RegressionVerdict> sorted = regressions.stream()
                .sorted(Comparator.comparingDouble(SummaryMarkdown::growth).reversed()).toList();
        String shown = String.join("; ", sorted.stream().limit(WORST).map(RegressionVerdict::message).toList());
        return sorted.size() > WORST ? shown + "; ..." : shown;
    }

    private static double growth(RegressionVerdict r) {
        return r.baseline() == 0 ? Double.MAX_VALUE : (r.current() - r.baseline()) / Math.abs(r.baseline());
    }

    private static String row(ComparedSection compared, String strategy, boolean withBaseline) {
        ScenarioSection section = compared.section();
        List<KeyFigures> runs = section.results(strategy).stream().map(KeyFigures::of).toList();
        String name = section.severalSeeds() ? section.scenario() + " (" + runs.size() + " seeds)" : section.scenario();
        StringBuilder row = new StringBuilder("| ").append(name).append(" | ").append(strategy).append(" | ")
                .append(budgets(runs));
        row.append(" | ").append(FigureText.spread(KeyFigures.Spread.of(runs, KeyFigures::lost), FigureText::count));
        row.append(" | ").append(FigureText.spread(KeyFigures.Spread.of(runs, KeyFigures::duplicates), FigureText::count));
        row.append(" | ").append(FigureText.spread(KeyFigures.Spread.of(runs, KeyFigures::phantoms), FigureText::count));
        row.append(" | ").append(FigureText.spread(KeyFigures.Spread.of(runs, KeyFigures::inversions), FigureText::count));
        row.append(" | ").append(FigureText.spread(KeyFigures.Spread.of(runs, KeyFigures::convergedShare),
                FigureText::percent));
        row.append(" | ").append(FigureText.spread(KeyFigures.Spread.of(runs, KeyFigures::peerFinalP99Nanos),
                FigureText::duration));
        if (withBaseline) {
            row.append(" | ").append(peerFinalChange(compared, strategy));
        }
        return row.append(" |").toString();
    }

    private static String budgets(List<KeyFigures> runs) {
        int passed = runs.stream().mapToInt(KeyFigures::budgetsPassed).sum();
        int total = runs.stream().mapToInt(KeyFigures::budgets).sum();
        return total == 0 ? "-" : passed + "/" + total + (passed == total ? " ok" : " FAIL");
    }

    /** The change of the first seed's peer-final p99 (all phases) against the baseline, or {@code -}. */
    static String peerFinalChange(ComparedSection compared, String strategy) {
        return compared.allComparisons().stream()
                .map(ComparedSection.SeededComparison::comparison)
                .filter(r -> r.strategy().equals(strategy) && r.figure().equals("peer-final p99 all"))
                .findFirst().map(SummaryMarkdown::change).orElse("-");
    }

    /** The relative change; a latency that is or was never reads {@code now never}, {@code was never} or {@code still never}. */
    static String change(RegressionVerdict r) {
        boolean neverNow = r.current() >= Percentiles.NEVER;
        boolean neverBefore = r.baseline() >= Percentiles.NEVER;
        String text = neverNow || neverBefore ? (neverNow == neverBefore ? "still never" : neverNow ? "now never" : "was never")
                : r.baseline() == 0 ? "new" : String.format(Locale.ROOT, "%+.1f%%",
                100 * (r.current() - r.baseline()) / r.baseline());
        return r.passed() ? text : text + " FAIL";
    }
}
