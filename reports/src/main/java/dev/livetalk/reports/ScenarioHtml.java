package dev.livetalk.reports;

import dev.livetalk.metrics.results.Markup;

import dev.livetalk.metrics.gate.Verdict;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The section of {@code index.html} for one scenario: verdict, trade-off ({@link TradeOffText},
 * {@link TradeOffChart}), fault timeline, latency charts,
 * correctness over time, drift per minute of long runs ({@link DriftTable}, {@link DriftChart}), then the tables ({@link StrategyTables}), among them the conversations
 * ({@link ConversationTable}, {@link ConversationChart}). Says plainly what the
 * results document does not hold.
 *
 * <p>Stateless; any thread.
 */
final class ScenarioHtml {
    private ScenarioHtml() {
    }

    /** The id of a scenario's section. */
    static String anchor(String scenario) {
        return "scenario-" + ChartFiles.slug(scenario);
    }

    static void section(ComparedSection v, ScenarioCharts charts, boolean withBaseline, Path commandsFrom,
                        StringBuilder h) {
        ScenarioSection s = v.section();
        Verdict verdict = v.verdict();
        h.append("<section class=\"scenario\" id=\"").append(anchor(s.scenario())).append("\" data-scenario=\"")
                .append(Markup.escape(s.scenario())).append("\">\n<h2>").append(Markup.escape(s.scenario()))
                .append("<span class=\"badge ").append(verdict.passed() ? "pass\">PASS" : "fail\">FAIL").append("</span></h2>\n");
        h.append("<p class=\"note\">").append(s.severalSeeds() ? "seeds " + join(s.seeds()) + " (charts: seed "
                + s.first().document().seed() + ")" : "seed " + s.first().document().seed()).append(" · network ")
                .append(Markup.escape(s.first().document().network())).append(" · strategies: ")
                .append(Markup.escape(String.join(", ", s.strategies()))).append("</p>\n");
        RankingText.html(v, h);
        TradeOffText.html(v, charts.tradeOff(), h);
        failures(v, verdict, h);
        VersionComparison.html(v, h);
        missingHlogs(s, h);
        h.append("<h3>Fault timeline</h3>\n");
        figureOr(charts.faults(), "No fault windows: a control run.", h);
        StrategyTables.faultWindows(s.first().document().faultSchedule().windows(), h);
        h.append("<h3>Latency by percentile").append(firstSeed(s)).append("</h3>\n<div class=\"charts\">\n");
        charts.percentiles().forEach(c -> figure(c, h));
        h.append("</div>\n");
        if (charts.percentiles().isEmpty()) {
            h.append("<p class=\"missing\">No latency samples in this run.</p>\n");
        }
        h.append("<h3>Latency over time").append(firstSeed(s)).append("</h3>\n");
        figureOr(charts.timeline(), "No interval logs (.hlog) next to the results: latency over time cannot be drawn.", h);
        h.append("<h3>Correctness over time").append(firstSeed(s)).append("</h3>\n");
        if (charts.correctness().isPresent()) {
            figure(charts.correctness().get(), h);
        } else {
            h.append("<p class=\"missing\">This results document holds no per-interval correctness counts (written "
                    + "before they were recorded): only the totals and the first few examples of each kind.</p>\n");
        }
        if (DriftTable.hasData(s.first())) {
            h.append("<h3 id=\"").append(anchor(s.scenario())).append("-drift\">Drift").append(firstSeed(s))
                    .append("</h3>\n");
            charts.drift().ifPresent(c -> figure(c, h));
            DriftTable.html(s.first(), h);
        }
        h.append("<h3>When the recorded examples happened").append(firstSeed(s)).append("</h3>\n");
        figureOr(charts.examples(), "No correctness examples were recorded: nothing was lost, duplicated or misordered.", h);
        h.append("<h3>Correctness</h3>\n");
        StrategyTables.correctness(s, h);
        h.append("<h3>Status truth</h3>\n");
        StrategyTables.statusTruth(s, h);
        if (RecoveryTable.hasData(s.first())) {
            h.append("<h3>Recovery").append(firstSeed(s)).append("</h3>\n");
            RecoveryTable.of(s.first(), h);
        }
        h.append("<h3>Convergence per client").append(firstSeed(s)).append("</h3>\n");
        convergencePerClient(s.first(), h);
        h.append("<h3>Conversations").append(firstSeed(s)).append("</h3>\n");
        conversations(s.first(), charts, h);
        if (s.severalSeeds()) {
            h.append("<h3>Spread across seeds</h3>\n");
            StrategyTables.seeds(s, h);
        }
        if (withBaseline) {
            h.append("<h3>Against the baseline</h3>\n");
            StrategyTables.baseline(v, h);
        }
        h.append("<h3>Budgets</h3>\n");
        StrategyTables.budgets(s, h);
        h.append("<h3>Latency per strategy and phase").append(firstSeed(s)).append("</h3>\n");
        StrategyTables.latency(s.first(), h);
        h.append("<h3>First examples of errors").append(firstSeed(s)).append("</h3>\n");
        StrategyTables.examples(s.first(), commandsFrom, h);
        h.append("</section>\n");
    }

    private static void convergencePerClient(ScenarioSection.SeedRun run, StringBuilder h) {
        if (ConvergenceTable.hasData(run)) {
            ConvergenceTable.of(run, h);
        } else if (CorrectnessTimelineChart.hasData(run)) {
            h.append("<p class=\"note\">No fault window targeted a client: nothing to converge from.</p>\n");
        } else {
            h.append("<p class=\"missing\">This results document holds convergence times only aggregated over "
                    + "clients and fault windows (written before they were recorded per client): see the convergence "
                    + "columns above.</p>\n");
        }
    }

    private static void conversations(ScenarioSection.SeedRun run, ScenarioCharts charts, StringBuilder h) {
        if (!ConversationTable.hasData(run)) {
            h.append("<p class=\"missing\">This results document holds no figures per room (written before they "
                    + "were recorded): only the figures summed over rooms above.</p>\n");
            return;
        }
        charts.conversations().ifPresent(c -> figure(c, h));
        ConversationTable.of(run, h);
    }

    private static void failures(ComparedSection v, Verdict verdict, StringBuilder h) {
        if (verdict.failures().isEmpty()) {
            return;
        }
        h.append("<ul class=\"failures\">\n");
        verdict.failedBudgets().forEach(f -> h.append("<li><span class=\"bad\">budget</span> ")
                .append(Markup.escape(f.strategy())).append(": <code>")
                .append(Markup.escape(f.budget().budget())).append("</code>: ")
                .append(Markup.escape(f.budget().message())).append(seed(v, f.seed())).append("</li>\n"));
        verdict.regressions().forEach(r -> h.append("<li><span class=\"bad\">regression</span> ")
                .append(Markup.escape(r.comparison().message())).append(seed(v, r.seed())).append("</li>\n"));
        h.append("</ul>\n");
    }

    private static String seed(ComparedSection v, long seed) {
        return v.section().severalSeeds() ? " (seed " + seed + ")" : "";
    }

    private static void missingHlogs(ScenarioSection s, StringBuilder h) {
        List<Path> missing = s.first().missingHlogs();
        if (!missing.isEmpty()) {
            h.append("<p class=\"missing\">Interval logs named by the results but not found (percentile charts fall "
                    + "back to the five percentiles of the results): ")
                    .append(Markup.escape(missing.stream().map(p -> p.getFileName().toString()).toList().toString()))
                    .append("</p>\n");
        }
    }

    private static void figureOr(Optional<ChartImage> chart, String otherwise, StringBuilder h) {
        if (chart.isPresent()) {
            figure(chart.get(), h);
        } else {
            h.append("<p class=\"note\">").append(Markup.escape(otherwise)).append("</p>\n");
        }
    }

    private static void figure(ChartImage c, StringBuilder h) {
        h.append("<figure><a href=\"").append(Markup.escape(c.svg())).append("\"><img src=\"")
                .append(Markup.escape(c.png())).append("\" width=\"").append(c.width()).append("\" height=\"")
                .append(c.height()).append("\" alt=\"").append(Markup.escape(c.title())).append("\"></a></figure>\n");
    }

    private static String firstSeed(ScenarioSection s) {
        return s.severalSeeds() ? " (seed " + s.first().document().seed() + ")" : "";
    }

    private static String join(List<Long> seeds) {
        return String.join(", ", seeds.stream().map(String::valueOf).toList());
    }
}
