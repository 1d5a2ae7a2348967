package dev.livetalk.reports;

import dev.livetalk.metrics.results.Markup;

import dev.livetalk.metrics.gate.Verdict;
import dev.livetalk.metrics.results.BudgetVerdict;
import dev.livetalk.metrics.results.Calibration;
import dev.livetalk.metrics.results.Environment;
import dev.livetalk.metrics.results.ResultsDocument;
import dev.livetalk.metrics.results.StrategyResult;
import dev.livetalk.metrics.results.Words;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code index.html}: one self-contained page (inline styles and script, images from the
 * local {@code charts/} folder, nothing from the network). The verdict on top (with the harness's
 * health, {@link HealthText}, and the budgets not judged, {@link NotJudgedText}), an overview of
 * scenarios x strategies, the trade-offs ({@link TradeOffMatrix}), the environment (with how the run was started: {@link InvocationText}), then
 * one section per scenario ({@link ScenarioHtml}, opening with its verdict paragraph: {@link RankingText}).
 * A small script checks that every image loaded and records the result in {@code #report-check}.
 *
 * <p>Stateless; any thread.
 */
final class IndexPage {
    private IndexPage() {
    }

    /** The page of {@code verdicts}, judged by {@code verdict}, whose charts are {@code charts} (same order). */
    static String html(List<ComparedSection> verdicts, Verdict verdict, List<ScenarioCharts> charts,
                       boolean withBaseline, List<JmhResults.Row> jmh) {
        return html(verdicts, verdict, charts, withBaseline, jmh, List.of(), null);
    }

    /**
     * As {@link #html(List, Verdict, List, boolean, List)}, of a run merged from {@code shards}
     * (none: not merged) into the folder {@code commandsFrom}, the report's, from which the page's
     * commands name the run's folders ({@code null}: by their absolute paths).
     */
    static String html(List<ComparedSection> verdicts, Verdict verdict, List<ScenarioCharts> charts,
                       boolean withBaseline, List<JmhResults.Row> jmh, List<ShardOrigin> shards,
                       java.nio.file.Path commandsFrom) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>LiveTalk Chaos Bench report</title>\n<style>\n").append(PageStyle.CSS)
                .append("</style>\n<script>\n").append(PageStyle.ERROR_CAPTURE).append("</script>\n</head>\n<body>\n");
        header(verdict, verdicts.size(), withBaseline, h);
        nav(verdicts, h);
        overview(verdicts, withBaseline, h);
        TradeOffMatrix.html(verdicts, h);
        environment(verdicts, shards, h);
        for (int i = 0; i < verdicts.size(); i++) {
            ScenarioHtml.section(verdicts.get(i), charts.get(i), withBaseline, commandsFrom, h);
        }
        JmhResults.section(jmh, h);
        h.append("<div id=\"report-check\" data-state=\"pending\"></div>\n<script>\n").append(PageStyle.IMAGE_CHECK)
                .append("</script>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void header(Verdict verdict, int scenarios, boolean withBaseline, StringBuilder h) {
        h.append("<header><h1>LiveTalk Chaos Bench</h1>\n<p class=\"verdict ").append(verdict.passed() ? "pass" : "fail")
                .append("\" id=\"verdict\">").append(verdict.word()).append(": ")
                .append(Words.count(scenarios, "scenario")).append(", ")
                .append(Words.count(verdict.strategyRuns(), "strategy run")).append(", ")
                .append(Words.count(verdict.failedBudgets().size(), "budget failure"))
                .append(withBaseline ? ", " + Words.count(verdict.regressions().size(), "regression")
                        + " against the baseline" : "")
                .append("</p>\n");
        verdict.stop().ifPresent(stop -> h.append("<p class=\"verdict fail\" id=\"stopped\">The run stopped early: ")
                .append(Markup.escape(stop.sentence())).append(". The figures below are those of the finished "
                        + "scenarios.</p>\n"));
        HealthText.html(verdict, h);
        NotJudgedText.html(verdict, h);
        h.append("<p class=\"note\">Latency is measured from the intended send time of an "
                + "open-model schedule (no coordinated omission). Times are seconds since the end of the warm-up. "
                + "Click a chart for its SVG.</p></header>\n");
    }

    private static void nav(List<ComparedSection> verdicts, StringBuilder h) {
        h.append("<nav><a href=\"#overview\">overview</a> · <a href=\"#trade-offs\">trade-offs</a> · "
                + "<a href=\"#environment\">environment</a>");
        for (ComparedSection v : verdicts) {
            String name = v.section().scenario();
            h.append(" · <a class=\"").append(v.verdict().passed() ? "ok" : "bad").append("\" href=\"#")
                    .append(ScenarioHtml.anchor(name)).append("\">").append(Markup.escape(name)).append("</a>");
        }
        h.append("</nav>\n");
    }

    private static void overview(List<ComparedSection> verdicts, boolean withBaseline, StringBuilder h) {
        h.append("<section id=\"overview\"><h2>Overview</h2>\n<table class=\"figures\">\n<thead><tr><th>scenario</th>"
                + "<th>strategy</th><th>budgets</th><th>lost</th><th>duplicates</th><th>phantoms</th><th>inversions</th>"
                + "<th>converged</th><th>peer-final p99</th>").append(withBaseline ? "<th>p99 vs baseline</th>" : "")
                .append("</tr></thead>\n<tbody>\n");
        for (ComparedSection v : verdicts) {
            ScenarioSection section = v.section();
            List<String> strategies = section.strategies();
            for (int i = 0; i < strategies.size(); i++) {
                h.append("<tr").append(i == 0 ? " class=\"first\"" : "").append(">");
                if (i == 0) {
                    h.append("<td rowspan=\"").append(strategies.size()).append("\"><a href=\"#")
                            .append(ScenarioHtml.anchor(section.scenario())).append("\">")
                            .append(Markup.escape(section.scenario())).append("</a>")
                            .append(section.severalSeeds() ? "<br><small>" + section.runs().size() + " seeds</small>" : "")
                            .append("</td>");
                }
                figuresRow(v, strategies.get(i), withBaseline, h);
                h.append("</tr>\n");
            }
        }
        h.append("</tbody></table>\n<p class=\"note\">Cells in red break a correctness invariant (lost, duplicates, "
                + "phantoms, inversions == 0, converged == 100%): reported, not gated; only the budgets and the baseline "
                + "decide the verdict (write an invariant as a budget to gate it). Several seeds "
                + "show as min..max (median). peer-final p99 is over every intended delivery: never once more than "
                + "1% never came by the end of the run.</p></section>\n");
    }

    /** The strategy, budgets and key-figure cells of one row. */
    static void figuresRow(ComparedSection v, String strategy, boolean withBaseline, StringBuilder h) {
        List<StrategyResult> results = v.section().results(strategy);
        List<KeyFigures> runs = results.stream().map(KeyFigures::of).toList();
        h.append("<td class=\"strategy\"><span class=\"swatch\" style=\"background:")
                .append(PageStyle.hex(ChartStyle.colour(strategy))).append("\"></span>")
                .append(Markup.escape(strategy)).append("</td><td>");
        Map<String, List<BudgetVerdict>> byBudget = new LinkedHashMap<>();
        results.forEach(r -> r.budgets().forEach(b -> byBudget.computeIfAbsent(b.budget(), k -> new ArrayList<>()).add(b)));
        byBudget.values().forEach(seeds -> budgetBadge(seeds, h));
        if (results.stream().allMatch(r -> r.budgets().isEmpty())) {
            h.append("<span class=\"none\">none</span>");
        }
        h.append("</td>");
        count(KeyFigures.Spread.of(runs, KeyFigures::lost), h);
        count(KeyFigures.Spread.of(runs, KeyFigures::duplicates), h);
        count(KeyFigures.Spread.of(runs, KeyFigures::phantoms), h);
        count(KeyFigures.Spread.of(runs, KeyFigures::inversions), h);
        KeyFigures.Spread converged = KeyFigures.Spread.of(runs, KeyFigures::convergedShare);
        h.append("<td class=\"num").append(converged.min() < 100 ? " bad" : "").append("\">")
                .append(FigureText.spreadCell(converged, FigureText::percent)).append("</td><td class=\"num\">")
                .append(FigureText.spreadCell(KeyFigures.Spread.of(runs, KeyFigures::peerFinalP99Nanos), FigureText::duration))
                .append("</td>");
        if (withBaseline) {
            String change = SummaryMarkdown.peerFinalChange(v, strategy);
            h.append("<td class=\"num").append(change.endsWith("FAIL") ? " bad" : "").append("\">")
                    .append(Markup.escape(change)).append("</td>");
        }
    }

    /** One badge per budget; over several seeds it fails when any seed failed, and says how many. */
    private static void budgetBadge(List<BudgetVerdict> seeds, StringBuilder h) {
        long failed = seeds.stream().filter(b -> !b.passed()).count();
        String title = String.join("\n", seeds.stream().map(BudgetVerdict::message).distinct().toList());
        h.append("<span class=\"budget ").append(failed == 0 ? "ok" : "bad").append("\" title=\"")
                .append(Markup.escape(title)).append("\">").append(failed == 0 ? "✓ " : "✗ ")
                .append(Markup.escape(seeds.get(0).budget().replaceFirst(" for [\\w.-]+(, [\\w.-]+)*$", "")))
                .append(seeds.size() > 1 && failed > 0 ? " (" + failed + " of " + seeds.size() + " seeds)" : "")
                .append("</span> ");
    }

    private static void count(KeyFigures.Spread spread, StringBuilder h) {
        h.append("<td class=\"num").append(spread.max() > 0 ? " bad" : "").append("\">")
                .append(FigureText.spreadCell(spread, FigureText::count)).append("</td>");
    }

    private static void environment(List<ComparedSection> verdicts, List<ShardOrigin> shards, StringBuilder h) {
        Map<String, List<String>> byEnvironment = new LinkedHashMap<>();
        for (ComparedSection v : verdicts) {
            for (ScenarioSection.SeedRun run : v.section().runs()) {
                ResultsDocument d = run.document();
                Environment e = d.environment();
                String key = "<td>" + Markup.escape(d.network()) + "</td><td>"
                        + Markup.escape(e == null || e.toxiproxyVersion() == null ? "-" : e.toxiproxyVersion())
                        + "</td><td>" + Markup.escape(e == null ? "-" : e.jvm()) + "</td><td class=\"num\">"
                        + (e == null ? "-" : String.valueOf(e.cores())) + "</td>";
                byEnvironment.computeIfAbsent(key, k -> new ArrayList<>())
                        .add(Markup.escape(d.scenario()) + " (seed " + d.seed() + ")");
            }
        }
        h.append("<section id=\"environment\"><h2>Environment</h2>\n<table class=\"figures\"><thead><tr>"
                + "<th>network backend</th><th>Toxiproxy</th><th>JVM</th><th>cores</th><th>runs (seed)</th></tr></thead>"
                + "<tbody>\n");
        byEnvironment.forEach((env, runs) -> h.append("<tr>").append(env).append("<td>").append(String.join(", ", runs))
                .append("</td></tr>\n"));
        h.append("</tbody></table>\n");
        if (shards.isEmpty()) {
            InvocationText.html(verdicts, h);
        } else {
            ShardsText.html(shards, h); // each shard's own invocation: a scenario may have been played by several
        }
        h.append("<h3>The harness's own latency</h3>\n");
        Map<Calibration, List<String>> byCalibration = Calibrations.of(verdicts);
        byCalibration.forEach((calibration, scenarios) -> h.append(byCalibration.size() > 1
                ? "<p><b>" + Markup.escape(String.join(", ", scenarios)) + "</b></p>\n" : "")
                .append(CalibrationText.html(calibration)));
        h.append("</section>\n");
    }
}
