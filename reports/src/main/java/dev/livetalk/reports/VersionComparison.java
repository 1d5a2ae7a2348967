package dev.livetalk.reports;

import dev.livetalk.metrics.gate.BaselineComparison;
import dev.livetalk.metrics.gate.IntervalSource;
import dev.livetalk.metrics.gate.Tolerance;
import dev.livetalk.metrics.results.Markup;
import dev.livetalk.metrics.results.RegressionVerdict;
import dev.livetalk.metrics.results.RegressionVerdict.Change;
import dev.livetalk.metrics.results.ResultsDocument;
import dev.livetalk.metrics.results.StrategyResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Two versions of one strategy played in one run ({@code run --strategies mine,mine@baseline
 * --baseline-plugins old/mine.jar}): wherever a results document holds a strategy {@code S} and
 * {@code S@baseline}, {@code S} is judged against {@code S@baseline} as its baseline by the
 * gate's rules on every figure ({@link BaselineComparison}'s pairwise compare, both sides with the
 * document's interval logs). The verdicts carry {@code S}'s name, so a regression fails the run as
 * one against {@code --baseline} does. Made from the documents alone: {@code livetalk report}
 * re-rendering the folder, or merging its shards, judges it as the run did. Also the words of
 * the comparison: what the change bought, what it cost, and how many figures are within noise.
 *
 * <p>Stateless; any thread.
 */
public final class VersionComparison {
    /** What names the baseline's version of a strategy: {@code mine@baseline}. */
    public static final String SUFFIX = "@baseline";
    private static final Pattern LATENCY = Pattern.compile(".* p\\d+( .*)?");

    private VersionComparison() {
    }

    /** The baseline's version of {@code strategy}: {@code mine@baseline}. */
    public static String baselineOf(String strategy) {
        return strategy + SUFFIX;
    }

    /** Whether {@code strategy} names a baseline's version ({@code mine@baseline}). */
    public static boolean isBaseline(String strategy) {
        return strategy.endsWith(SUFFIX);
    }

    /** The strategy a baseline's version is of: {@code mine} for {@code mine@baseline}. */
    public static String currentOf(String baselineVersion) {
        return baselineVersion.substring(0, baselineVersion.length() - SUFFIX.length());
    }

    /**
     * A strategy and its baseline's version, both in a document.
     *
     * @param current  {@code mine}
     * @param baseline {@code mine@baseline}
     */
    public record Pair(String current, String baseline) {
        /** {@code mine against mine@baseline}. */
        public String title() {
            return current + " against " + baseline;
        }
    }

    /** The pairs of {@code document}, in the order of its strategies. */
    public static List<Pair> pairs(ResultsDocument document) {
        List<Pair> pairs = new ArrayList<>();
        for (StrategyResult s : document.strategies()) {
            if (!isBaseline(s.strategy()) && document.strategy(baselineOf(s.strategy())) != null) {
                pairs.add(new Pair(s.strategy(), baselineOf(s.strategy())));
            }
        }
        return pairs;
    }

    /** The verdicts of every pair of {@code document}, each {@code S} against {@code S@baseline}. */
    public static List<RegressionVerdict> compare(ResultsDocument document, IntervalSource intervals,
                                                  Tolerance tolerance) {
        List<RegressionVerdict> verdicts = new ArrayList<>();
        for (Pair pair : pairs(document)) {
            verdicts.addAll(BaselineComparison.compare(document, document.strategy(pair.baseline()), intervals,
                    document, document.strategy(pair.current()), intervals, tolerance));
        }
        return verdicts;
    }

    /** The verdicts of a run written to its folder, with its interval logs. */
    public static List<RegressionVerdict> compare(RunFolder run, Tolerance tolerance) {
        return pairs(run.document()).isEmpty() ? List.of()
                : compare(run.document(), LoggedIntervals.of(run), tolerance);
    }

    /** The verdicts of a report's seed run, with its interval logs. */
    static List<RegressionVerdict> compare(ScenarioSection.SeedRun run, Tolerance tolerance) {
        return pairs(run.document()).isEmpty() ? List.of()
                : compare(run.document(), LoggedIntervals.read(run.hlogFiles()), tolerance);
    }

    /** The verdicts of {@code pair} among {@code verdicts}. */
    static List<RegressionVerdict> of(Pair pair, List<RegressionVerdict> verdicts) {
        return verdicts.stream().filter(v -> v.strategy().equals(pair.current())).toList();
    }

    /**
     * One line of a pair's verdicts: {@code mine against mine@baseline: bought: lost 40 -> 28;
     * cost: peer-final p99 all 120ms -> 190ms (+58.3%) REGRESSION; within noise: 29 figures}.
     */
    public static String line(Pair pair, List<RegressionVerdict> verdicts) {
        List<RegressionVerdict> mine = of(pair, verdicts);
        return pair.title() + ": bought: " + listed(mine, Change.IMPROVEMENT) + "; cost: "
                + listed(mine, Change.REGRESSION) + "; within noise: " + figures(mine, Change.WITHIN_NOISE)
                + ", unchanged: " + figures(mine, Change.UNCHANGED);
    }

    /** The console's lines of a report's sections: one per scenario, seed and pair. */
    public static List<String> lines(List<ComparedSection> sections) {
        List<String> lines = new ArrayList<>();
        for (ComparedSection section : sections) {
            for (int i = 0; i < section.section().runs().size(); i++) {
                ResultsDocument d = section.section().runs().get(i).document();
                String where = section.section().scenario()
                        + (section.section().severalSeeds() ? " (seed " + d.seed() + ")" : "") + ": ";
                for (Pair pair : pairs(d)) {
                    lines.add(where + line(pair, section.versions().get(i)));
                }
            }
        }
        return lines;
    }

    /** The section of {@code summary.md}: one item per scenario, seed and pair; nothing without pairs. */
    static void markdown(List<ComparedSection> sections, StringBuilder md) {
        List<String> lines = lines(sections);
        if (lines.isEmpty()) {
            return;
        }
        md.append("\n### Two versions of a strategy\n\n");
        lines.forEach(l -> md.append("- ").append(l).append('\n'));
        md.append("\n").append(NOTE).append("\n");
    }

    /** The section of one scenario on the page: per seed and pair, the line and every figure; nothing without pairs. */
    static void html(ComparedSection v, StringBuilder h) {
        boolean any = v.section().runs().stream().anyMatch(r -> !pairs(r.document()).isEmpty());
        if (!any) {
            return;
        }
        h.append("<h3>Two versions of a strategy</h3>\n<p class=\"note\">").append(Markup.escape(NOTE)).append("</p>\n");
        for (int i = 0; i < v.section().runs().size(); i++) {
            ResultsDocument d = v.section().runs().get(i).document();
            for (Pair pair : pairs(d)) {
                List<RegressionVerdict> mine = of(pair, v.versions().get(i));
                h.append("<p class=\"versions\"><b>").append(Markup.escape(pair.title())).append("</b>")
                        .append(v.section().severalSeeds() ? " (seed " + d.seed() + ")" : "").append(": ")
                        .append(Markup.escape(line(pair, mine).substring(pair.title().length() + 2))).append("</p>\n");
                h.append("<table class=\"versions\"><tr><th>figure</th><th>").append(Markup.escape(pair.baseline()))
                        .append("</th><th>").append(Markup.escape(pair.current()))
                        .append("</th><th>change</th><th>verdict</th></tr>\n");
                for (RegressionVerdict r : mine) {
                    h.append("<tr").append(r.change() == Change.REGRESSION ? " class=\"fail\"" : "").append("><td>")
                            .append(Markup.escape(r.figure())).append("</td><td>").append(value(r, r.baseline()))
                            .append("</td><td>").append(value(r, r.current())).append("</td><td>")
                            .append(Markup.escape(SummaryMarkdown.change(r).replace(" FAIL", ""))).append("</td><td title=\"")
                            .append(Markup.escape(r.message())).append("\">").append(r.change().text()).append("</td></tr>\n");
                }
                h.append("</table>\n");
            }
        }
    }

    /** What the comparison is, for the page and the summary. */
    static final String NOTE = "Each strategy S played beside S@baseline (the version of --baseline-plugins) on the"
            + " same scenario, seed and schedule is judged against it by the gate's rules on every figure: bought"
            + " lists the improvements, cost the regressions (which fail the run); a change the gate cannot tell from"
            + " noise counts as within noise.";

    private static String listed(List<RegressionVerdict> verdicts, Change change) {
        List<String> items = verdicts.stream().filter(v -> v.change() == change)
                .map(v -> v.figure() + " " + value(v, v.baseline()) + " -> " + value(v, v.current())
                        + (latency(v) ? " (" + SummaryMarkdown.change(v).replace(" FAIL", "") + ")" : ""))
                .toList();
        return items.isEmpty() ? "nothing" : String.join(", ", items);
    }

    private static String figures(List<RegressionVerdict> verdicts, Change change) {
        long n = verdicts.stream().filter(v -> v.change() == change).count();
        return n + (n == 1 ? " figure" : " figures");
    }

    private static boolean latency(RegressionVerdict v) {
        return LATENCY.matcher(v.figure()).matches();
    }

    private static String value(RegressionVerdict v, double value) {
        if (Double.isInfinite(value)) {
            return "never";
        }
        return latency(v) ? FigureText.duration(value)
                : value == Math.rint(value) ? String.format(Locale.ROOT, "%d", (long) value) : FigureText.count(value);
    }
}
