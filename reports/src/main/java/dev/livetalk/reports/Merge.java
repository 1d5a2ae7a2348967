package dev.livetalk.reports;

import dev.livetalk.metrics.results.ResultsDocument;
import dev.livetalk.metrics.results.StrategyResult;
import dev.livetalk.metrics.results.UnjudgedBudget;
import dev.livetalk.scenarios.Durations;
import dev.livetalk.scenarios.fault.FaultSchedule;
import dev.livetalk.scenarios.fault.FaultWindow;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Joins results documents into report sections: documents of one scenario and seed are
 * shards (their strategies are put together, each keeping its folder), documents of one
 * scenario with other seeds become further seeds of its section (the report shows the
 * spread across them). Sections and strategies keep the order they were given in.
 *
 * <p>Stateless; any thread.
 */
public final class Merge {
    private Merge() {
    }

    /**
     * The sections of {@code runs}.
     *
     * @throws IllegalArgumentException when a strategy appears twice for one scenario and seed,
     *                                  or shards of one seed have different fault schedules
     */
    public static List<ScenarioSection> sections(List<RunFolder> runs) {
        Map<String, Map<Long, List<RunFolder>>> byScenario = new LinkedHashMap<>();
        for (RunFolder run : runs) {
            byScenario.computeIfAbsent(run.scenario(), s -> new LinkedHashMap<>())
                    .computeIfAbsent(run.seed(), s -> new ArrayList<>()).add(run);
        }
        List<ScenarioSection> sections = new ArrayList<>();
        byScenario.forEach((scenario, bySeed) -> sections.add(new ScenarioSection(scenario,
                bySeed.values().stream().map(Merge::shards).toList())));
        return sections;
    }

    /**
     * The budgets none of {@code shards} judged: those a document lists as not judged that apply to
     * none of the strategies the documents played together (two runs of one scenario and seed, one
     * of which played only strategies another's budgets are not for), once each, in the order
     * found. Shards of one run list the same, those the whole run left unjudged.
     */
    private static List<UnjudgedBudget> notJudged(List<RunFolder> shards, List<StrategyResult> strategies) {
        List<String> played = strategies.stream().map(StrategyResult::strategy).toList();
        return shards.stream().flatMap(s -> s.document().notJudged().stream()).distinct()
                .filter(b -> !b.appliesToAny(played)).toList();
    }

    /** Where two different schedules first differ: the seed, the first window that differs, or the count of windows. */
    static String difference(FaultSchedule a, FaultSchedule b) {
        if (a.seed() != b.seed()) {
            return "seed " + a.seed() + " and " + b.seed();
        }
        for (int i = 0; i < Math.min(a.windows().size(), b.windows().size()); i++) {
            FaultWindow x = a.windows().get(i);
            FaultWindow y = b.windows().get(i);
            if (!x.equals(y)) {
                return "window " + i + ": " + describe(x) + " and " + describe(y);
            }
        }
        return a.windows().size() + " and " + b.windows().size() + " windows";
    }

    private static String describe(FaultWindow w) {
        return w.fault() + " #" + w.occurrence() + " " + w.kind().yamlName() + " " + Durations.format(w.start()) + ".."
                + Durations.format(w.end()) + " " + w.parameters() + " " + w.direction().yamlName() + " "
                + w.clients() + " " + w.link().yamlName() + (w.serverSide() ? " server side" : "");
    }

    /** The shards of one scenario and seed as one run. */
    static ScenarioSection.SeedRun shards(List<RunFolder> shards) {
        RunFolder first = shards.get(0);
        Map<String, Path> seen = new LinkedHashMap<>();
        List<StrategyResult> strategies = new ArrayList<>();
        List<Path> folders = new ArrayList<>();
        for (RunFolder shard : shards) {
            if (!shard.document().faultSchedule().equals(first.document().faultSchedule())) {
                throw new IllegalArgumentException("shards of scenario " + first.scenario() + " seed " + first.seed()
                        + " must have the same fault schedule: " + first.folder() + " and " + shard.folder()
                        + " differ (" + difference(first.document().faultSchedule(), shard.document().faultSchedule())
                        + ")");
            }
            for (StrategyResult strategy : shard.document().strategies()) {
                Path earlier = seen.putIfAbsent(strategy.strategy(), shard.folder());
                if (earlier != null) {
                    throw new IllegalArgumentException("strategy " + strategy.strategy() + " of scenario "
                            + first.scenario() + " seed " + first.seed() + " appears twice: in " + earlier + " and in "
                            + shard.folder());
                }
                strategies.add(strategy);
                folders.add(shard.folder());
            }
        }
        ResultsDocument doc = first.document();
        ResultsDocument merged = ResultsDocument.of(doc.scenario(), doc.seed(), doc.network(), doc.environment(),
                doc.faultSchedule(), strategies).withNotJudged(notJudged(shards, strategies),
                shards.stream().anyMatch(s -> s.document().judgedInOtherShards())); // a fact of the whole run
        return new ScenarioSection.SeedRun(shards.stream().map(s -> s.document().stopped()).filter(Objects::nonNull)
                .findFirst().map(merged::stoppedBy).orElse(merged), folders);
    }
}
