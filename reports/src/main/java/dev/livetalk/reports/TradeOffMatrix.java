package dev.livetalk.reports;

import dev.livetalk.metrics.gate.TradeOff;
import dev.livetalk.metrics.gate.TradeOff.FigureStanding;
import dev.livetalk.metrics.results.Markup;
import dev.livetalk.metrics.results.ResultsDocument;
import dev.livetalk.metrics.results.StrategyResult;
import dev.livetalk.metrics.results.Words;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The trade-off matrix of a run (docs/METRICS.md, "Telling strategies apart"): scenarios x
 * strategies, one row per scenario and figure on which some pair of its strategies differs beyond
 * the gate's noise ({@link TradeOff}, first seed), the value of each strategy in the figure's unit
 * and the best on it marked {@link #BEST} (bold as well, so it survives in Markdown and without
 * colour); the figures that separate no pair folded into one row per scenario. A scenario of one
 * strategy has no rows. In HTML for {@code index.html} (after the overview, followed by the
 * scenarios' trade-off sentences, {@link TradeOffText}) and Markdown for {@code summary.md}.
 *
 * <p>Stateless; any thread.
 */
final class TradeOffMatrix {
    /** The mark of a best value. */
    static final String BEST = "★";
    static final String NOTE = BEST + " best on the figure: no other strategy is better on it beyond the gate's "
            + "noise (counts: binomial test, p < 0.001; latency: threshold, floor and, with interval logs, the block "
            + "bootstrap). Only figures on which some pair differs are shown. Latency over the whole run, converged "
            + "in % of the clients, the other figures counts";
    /** A latency figure as the gate names it: {@code peer-final p99 all}. */
    private static final Pattern LATENCY = Pattern.compile(".+ p\\d+ " + TradeOff.PHASE);

    private TradeOffMatrix() {
    }

    /**
     * The figures of {@code t} that separate some pair, in the order the report names them: the
     * counts (correctness, then any cost figure the gate compares) before latency, each in the gate's order.
     */
    static List<FigureStanding> separating(TradeOff t) {
        return ordered(t).stream().filter(FigureStanding::separates).toList();
    }

    /** Every figure of {@code t}: the counts first, then latency. */
    static List<FigureStanding> ordered(TradeOff t) {
        List<FigureStanding> figures = new ArrayList<>(t.figures().stream().filter(f -> !latency(f.figure())).toList());
        figures.addAll(t.figures().stream().filter(f -> latency(f.figure())).toList());
        return figures;
    }

    /** The figures of {@code t} that separate no pair. */
    static List<FigureStanding> equal(TradeOff t) {
        return ordered(t).stream().filter(f -> !f.separates()).toList();
    }

    /** Whether a figure is a latency percentile. */
    static boolean latency(String figure) {
        return LATENCY.matcher(figure).matches();
    }

    /** The cost figures' names where the gate's short name would not say what they count. */
    private static final java.util.Map<String, String> LABELS = java.util.Map.of(
            "refetched", "messages refetched", "requests", "requests sent", "server-peak", "server peak requests/s");

    /**
     * A figure's name as the report writes it: {@code peer-final p99} (every latency is of the
     * whole run), {@code messages refetched}.
     */
    static String label(String figure) {
        return latency(figure) ? figure.substring(0, figure.length() - TradeOff.PHASE.length() - 1)
                : LABELS.getOrDefault(figure, figure);
    }

    /**
     * A strategy's value of a figure in the figure's unit: a latency in ms ({@code never}), the
     * converged clients in % of the clients, other figures as counts.
     */
    static String value(ResultsDocument document, String strategy, String figure, double value) {
        if (latency(figure)) {
            return FigureText.duration(value);
        }
        if (figure.equals("converged")) {
            StrategyResult r = document.strategy(strategy);
            long clients = r == null ? 0 : r.correctness().clients();
            return clients == 0 ? FigureText.count(value)
                    : FigureText.percent(Math.round(1000.0 * value / clients) / 10.0);
        }
        return FigureText.count(value);
    }

    /** The strategies of every section's first seed, in first-seen order: the matrix's columns. */
    static List<String> columns(List<ComparedSection> sections) {
        Set<String> names = new LinkedHashSet<>();
        sections.forEach(s -> names.addAll(s.tradeOff().strategies()));
        return List.copyOf(names);
    }

    /** The cell of one strategy on one figure, plain text: {@code 64}, {@code 0 ★}, {@code -} when it did not run. */
    static String cell(ComparedSection v, FigureStanding f, String strategy) {
        Double value = f.values().get(strategy);
        if (value == null) {
            return "-";
        }
        String text = value(v.section().first().document(), strategy, f.figure(), value);
        return best(f, strategy) ? text + " " + BEST : text;
    }

    /** Whether {@code strategy} is marked best on {@code f}: it separates some pair and no one beats it. */
    static boolean best(FigureStanding f, String strategy) {
        return f.separates() && f.best().contains(strategy);
    }

    /** Whether some section ran several strategies: else there is nothing to compare. */
    static boolean anyComparison(List<ComparedSection> sections) {
        return sections.stream().anyMatch(s -> s.tradeOff().strategies().size() > 1);
    }

    /** The folded row's text: {@code 12 more figures equal within noise}. */
    static String folded(ComparedSection v) {
        int equal = equal(v.tradeOff()).size();
        boolean shown = !separating(v.tradeOff()).isEmpty();
        return Words.count(equal, shown ? "more figure" : "figure") + " equal within noise";
    }

    /** The section of {@code index.html}: the matrix and each scenario's sentence. */
    static void html(List<ComparedSection> sections, StringBuilder h) {
        h.append("<section id=\"trade-offs\"><h2>Trade-offs</h2>\n");
        if (!anyComparison(sections)) {
            h.append("<p class=\"note\">Every scenario ran one strategy: nothing to compare.</p>\n");
        } else {
            List<String> columns = columns(sections);
            h.append("<table class=\"figures trade-off\">\n<thead><tr><th>scenario</th><th>figure</th>");
            columns.forEach(c -> h.append("<th><span class=\"swatch\" style=\"background:")
                    .append(PageStyle.hex(ChartStyle.colour(c))).append("\"></span>").append(Markup.escape(c))
                    .append("</th>"));
            h.append("</tr></thead>\n<tbody>\n");
            for (ComparedSection v : sections) {
                if (v.tradeOff().strategies().size() > 1) {
                    rows(v, columns, h);
                }
            }
            h.append("</tbody></table>\n<p class=\"note\">").append(Markup.escape(NOTE)).append(severalSeeds(sections)
                    ? "; of each scenario's first seed" : "").append(".</p>\n");
        }
        h.append("<ul class=\"trade-off\">\n");
        for (ComparedSection v : sections) {
            h.append("<li><a href=\"#").append(ScenarioHtml.anchor(v.section().scenario())).append("\"><b>")
                    .append(Markup.escape(v.section().scenario())).append("</b></a>: ")
                    .append(Markup.escape(TradeOffText.text(v))).append("</li>\n");
        }
        h.append("</ul></section>\n");
    }

    private static void rows(ComparedSection v, List<String> columns, StringBuilder h) {
        List<FigureStanding> shown = separating(v.tradeOff());
        List<FigureStanding> equal = equal(v.tradeOff());
        int span = shown.size() + (equal.isEmpty() ? 0 : 1);
        String scenario = v.section().scenario();
        for (int i = 0; i < shown.size(); i++) {
            FigureStanding f = shown.get(i);
            h.append("<tr").append(i == 0 ? " class=\"first\"" : "").append(">");
            if (i == 0) {
                scenarioCell(scenario, span, h);
            }
            h.append("<td>").append(Markup.escape(label(f.figure()))).append("</td>");
            for (String c : columns) {
                String text = Markup.escape(cell(v, f, c));
                h.append(best(f, c) ? "<td class=\"num best\"><b>" + text + "</b></td>" : "<td class=\"num\">" + text
                        + "</td>");
            }
            h.append("</tr>\n");
        }
        if (!equal.isEmpty()) {
            h.append("<tr").append(shown.isEmpty() ? " class=\"first\"" : "").append(">");
            if (shown.isEmpty()) {
                scenarioCell(scenario, span, h);
            }
            h.append("<td class=\"note\" colspan=\"").append(columns.size() + 1).append("\" title=\"")
                    .append(Markup.escape(String.join(", ", equal.stream().map(f -> label(f.figure())).toList())))
                    .append("\">").append(Markup.escape(folded(v))).append("</td></tr>\n");
        }
    }

    private static void scenarioCell(String scenario, int span, StringBuilder h) {
        h.append("<td rowspan=\"").append(span).append("\"><a href=\"#").append(ScenarioHtml.anchor(scenario))
                .append("\">").append(Markup.escape(scenario)).append("</a></td>");
    }

    /** The section of {@code summary.md}: each scenario's sentence, then the matrix, folded. */
    static void markdown(List<ComparedSection> sections, StringBuilder md) {
        md.append("\n### Trade-offs\n\n");
        for (ComparedSection v : sections) {
            md.append("- **").append(v.section().scenario()).append("**: ").append(TradeOffText.text(v)).append('\n');
        }
        if (!anyComparison(sections)) {
            return;
        }
        List<String> columns = columns(sections);
        md.append("\n<details><summary>Trade-off matrix: the figures that tell the strategies apart</summary>\n\n")
                .append("| scenario | figure | ").append(String.join(" | ", columns)).append(" |\n|---|---|")
                .append("---:|".repeat(columns.size())).append('\n');
        for (ComparedSection v : sections) {
            if (v.tradeOff().strategies().size() < 2) {
                continue;
            }
            String scenario = v.section().scenario();
            for (FigureStanding f : separating(v.tradeOff())) {
                md.append("| ").append(scenario).append(" | ").append(label(f.figure()));
                for (String c : columns) {
                    String text = cell(v, f, c);
                    md.append(" | ").append(best(f, c) ? "**" + text + "**" : text);
                }
                md.append(" |\n");
            }
            if (!equal(v.tradeOff()).isEmpty()) {
                md.append("| ").append(scenario).append(" | ").append(folded(v)).append(" |")
                        .append(" |".repeat(columns.size())).append('\n');
            }
        }
        md.append('\n').append(NOTE).append(severalSeeds(sections) ? "; of each scenario's first seed" : "")
                .append(".\n\n</details>\n");
    }

    private static boolean severalSeeds(List<ComparedSection> sections) {
        return sections.stream().anyMatch(s -> s.section().severalSeeds());
    }
}
