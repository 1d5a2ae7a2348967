package dev.livetalk.reports;

import dev.livetalk.metrics.drift.Drift;
import dev.livetalk.metrics.drift.DriftTrend;
import dev.livetalk.metrics.drift.MannKendall;
import dev.livetalk.metrics.results.Markup;
import dev.livetalk.metrics.results.StrategyResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The drift of a scenario's long runs (docs/METRICS.md, "Drift"): per strategy with a drift block,
 * per latency metric, the first and last full minute's p99, the change, the Theil-Sen slope per
 * minute, the Mann-Kendall p-value and whether the trend is marked; a sentence per marked trend.
 * In HTML for {@code index.html} and Markdown for {@code summary.md}; nothing for runs without a
 * drift block (under {@value Drift#MIN_MINUTES} full minutes, older documents).
 *
 * <p>Stateless; any thread.
 */
final class DriftTable {
    /** The columns, in order. */
    static final List<String> COLUMNS = List.of("metric", "first minute p99", "last minute p99", "change",
            "slope per minute", "p-value", "marked");

    private DriftTable() {
    }

    /** Whether any strategy of the run has a drift block. */
    static boolean hasData(ScenarioSection.SeedRun run) {
        return run.document().strategies().stream().anyMatch(s -> s.drift() != null);
    }

    /** What a marked trend means, with the block's thresholds. */
    static String note(Drift drift) {
        return String.format(Locale.ROOT, "p99 per full minute after the warm-up (%d minutes; corrected samples by "
                        + "the minute they completed in). slope: Theil-Sen, the median of the slopes between every "
                        + "two minutes. p-value: Mann-Kendall, two-sided. marked: p-value below %s and the p99 moved "
                        + "from the first full minute to the last, the way the test says, by at least %s%% and %s", drift.minutes().size(),
                plain(drift.alpha()), plain(drift.practicalPercent()), FigureText.duration(drift.practicalFloorNanos()));
    }

    /** The sentences of the marked trends of the run's strategies, or one saying there is none. */
    static List<String> sentences(ScenarioSection.SeedRun run) {
        List<String> sentences = new ArrayList<>();
        for (StrategyResult s : run.document().strategies()) {
            if (s.drift() == null) {
                continue;
            }
            for (DriftTrend t : s.drift().marked()) {
                sentences.add(sentence(s.strategy(), s.drift(), t));
            }
        }
        if (sentences.isEmpty()) {
            sentences.add(unmarkable(run).orElse("No marked trend: no latency p99 moved significantly and beyond the"
                    + " practical thresholds over the minutes."));
        }
        return sentences;
    }

    /**
     * Why no trend of the run could be marked whatever its minutes: each has too few minutes for
     * the Mann-Kendall test to reach {@code alpha} (the smallest two-sided p-value of {@code n}
     * minutes is 2 / n!, 0.083 with 4), so "no latency moved significantly" would say what the
     * test could not tell; empty when some trend could be marked.
     */
    private static java.util.Optional<String> unmarkable(ScenarioSection.SeedRun run) {
        int most = 0;
        double alpha = 0;
        for (StrategyResult s : run.document().strategies()) {
            if (s.drift() == null) {
                continue;
            }
            alpha = s.drift().alpha();
            for (DriftTrend t : s.drift().trends()) {
                most = Math.max(most, t.points());
            }
        }
        // an alpha outside (0, 1) (a results.json without one reads as 0) has no number of minutes to
        // name: 2 / n! reaches no alpha of 0, and the search for one never ended
        if (most == 0 || !(alpha > 0 && alpha < 1) || MannKendall.smallestTwoSidedP(most) < alpha) {
            return java.util.Optional.empty();
        }
        int needed = most;
        while (MannKendall.smallestTwoSidedP(needed) >= alpha) {
            needed++;
        }
        return java.util.Optional.of(String.format(Locale.ROOT, "No trend can be marked: %d full minute%s, and with"
                        + " fewer than %d the Mann-Kendall test cannot reach p < %s (at best p = %s); a trend needs a"
                        + " run of at least %d full minutes after the warm-up to be marked (a drift budget, judged on"
                        + " the change from the first full minute to the last, is judged all the same).", most, most == 1 ? "" : "s",
                needed, plain(alpha), most < 2 ? "1.000" : String.format(Locale.ROOT, "%.3f", MannKendall.smallestTwoSidedP(most)),
                needed));
    }

    static String sentence(String strategy, Drift drift, DriftTrend t) {
        // the direction of the figures the sentence gives, not of the fitted slope: the median of the
        // pairwise slopes is 0 for a step up after many equal minutes
        boolean rose = t.lastP99() > t.firstP99();
        return strategy + ": " + t.metric() + " p99 " + (rose ? "rose" : "fell") + " from "
                + FigureText.duration(t.firstP99()) + " in the first full minute to " + FigureText.duration(t.lastP99())
                + " in minute " + drift.minutes().size() + " (" + change(t) + ", " + slope(t) + " per minute, p = "
                + pValue(t) + ").";
    }

    static void html(ScenarioSection.SeedRun run, StringBuilder h) {
        h.append("<ul class=\"drift\">\n");
        sentences(run).forEach(s -> h.append("<li>").append(Markup.escape(s)).append("</li>\n"));
        h.append("</ul>\n");
        Drift any = null;
        for (StrategyResult s : run.document().strategies()) {
            if (s.drift() == null) {
                continue;
            }
            any = s.drift();
            h.append("<h4>").append(Markup.escape(s.strategy())).append("</h4>\n");
            StrategyTables.head(h, COLUMNS.toArray(String[]::new));
            for (DriftTrend t : s.drift().trends()) {
                List<String> cells = cells(t);
                StrategyTables.row(h, Markup.escape(cells.get(0)), num(cells.get(1)), num(cells.get(2)),
                        num(cells.get(3)), num(cells.get(4)), num(cells.get(5)),
                        t.marked() ? "<td class=\"bad\">marked</td>" : "<td>-</td>");
            }
            h.append("</tbody></table>\n");
        }
        if (any != null) {
            h.append("<p class=\"note\">").append(Markup.escape(note(any))).append(".</p>\n");
        }
    }

    /** Per scenario and strategy with a drift block (first seed), a table; nothing when no run has one. */
    static void markdown(List<ComparedSection> sections, StringBuilder md) {
        StringBuilder tables = new StringBuilder();
        Drift any = null;
        for (ComparedSection section : sections) {
            for (StrategyResult s : section.section().first().document().strategies()) {
                if (s.drift() == null) {
                    continue;
                }
                any = s.drift();
                tables.append("\n**").append(section.section().scenario()).append("** / ").append(s.strategy())
                        .append("\n\n| ").append(String.join(" | ", COLUMNS)).append(" |\n|---|---:|---:|---:|---:|---:|---|\n");
                for (DriftTrend t : s.drift().trends()) {
                    List<String> cells = cells(t);
                    tables.append("| ").append(String.join(" | ", cells.subList(0, 6))).append(" | ")
                            .append(t.marked() ? "**marked**" : "-").append(" |\n");
                }
                s.drift().marked().forEach(t -> tables.append("\n").append(sentence(s.strategy(), s.drift(), t))
                        .append('\n'));
            }
        }
        if (any == null) {
            return;
        }
        md.append("\n### Drift\n").append(tables).append('\n').append(note(any)).append(" (first seed).\n");
    }

    /** The text of a trend's row, without the marked column: metric, first, last, change, slope, p-value. */
    static List<String> cells(DriftTrend t) {
        return List.of(t.metric(), t.firstP99() == null ? "-" : FigureText.duration(t.firstP99()),
                t.lastP99() == null ? "-" : FigureText.duration(t.lastP99()), change(t), slope(t), pValue(t));
    }

    private static String change(DriftTrend t) {
        if (t.changePercent() == null) {
            return t.firstP99() != null && t.lastP99() != null ? "from 0" : "-";
        }
        return String.format(Locale.ROOT, "%+.1f%%", t.changePercent());
    }

    private static String slope(DriftTrend t) {
        if (t.slopeNanosPerMinute() == null) {
            return "-";
        }
        return String.format(Locale.ROOT, "%+.2f ms", t.slopeNanosPerMinute() / 1e6);
    }

    private static String pValue(DriftTrend t) {
        if (t.pValue() == null) {
            return "-";
        }
        return t.pValue() < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "%.3f", t.pValue());
    }

    private static String num(String text) {
        return "<td class=\"num\">" + Markup.escape(text) + "</td>";
    }

    private static String plain(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
