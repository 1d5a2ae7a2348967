package dev.livetalk.reports;

import dev.livetalk.metrics.gate.TradeOff;
import dev.livetalk.metrics.gate.TradeOff.Difference;
import dev.livetalk.metrics.gate.TradeOff.FigureStanding;
import dev.livetalk.metrics.results.Markup;
import dev.livetalk.metrics.results.ResultsDocument;
import dev.livetalk.metrics.results.StrategyResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A scenario's trade-off sentence: which strategy wins on what, and at what cost, worded from its
 * {@link TradeOff} (first seed) and nothing else. Every "x is ahead of y on f" is a
 * {@link Difference} the trade-off found beyond noise ({@link #claims}); "do not differ" is a
 * pair no figure separates; the cost figures of the chart ({@link TradeOffChart#COSTS}), which the
 * gate does not compare, are given as values and said to be untested. The same words in
 * {@code index.html} and {@code summary.md}.
 *
 * <p>Stateless; any thread.
 */
final class TradeOffText {
    private TradeOffText() {
    }

    /**
     * Some strategies ahead of others on some figures: each of {@code better} is better than each
     * of {@code worse} on each of {@code figures}, beyond noise.
     *
     * @param better  the strategies ahead, in document order
     * @param worse   the strategies behind, in document order
     * @param figures the figures, in the report's order ({@link TradeOffMatrix#ordered})
     */
    record Claim(List<String> better, List<String> worse, List<String> figures) {
        Claim {
            better = List.copyOf(better);
            worse = List.copyOf(worse);
            figures = List.copyOf(figures);
        }
    }

    /**
     * The claims of {@code t}: per figure that separates some pair, each strategy with the
     * strategies it is better than (the best first, then the others in document order: gap-fill
     * ahead of snapshot on the messages refetched where neither refetches nothing); strategies
     * ahead of the same ones grouped, figures with the same groups joined.
     */
    static List<Claim> claims(TradeOff t) {
        Map<List<List<String>>, List<String>> byGroups = new LinkedHashMap<>();
        for (FigureStanding f : TradeOffMatrix.separating(t)) {
            Map<List<String>, List<String>> betterByWorse = new LinkedHashMap<>();
            List<String> order = new ArrayList<>(f.best());
            t.strategies().stream().filter(s -> !f.best().contains(s)).forEach(order::add);
            for (String better : order) {
                List<String> worse = t.strategies().stream().filter(w -> beats(t, f.figure(), better, w)).toList();
                if (!worse.isEmpty()) {
                    betterByWorse.computeIfAbsent(worse, k -> new ArrayList<>()).add(better);
                }
            }
            betterByWorse.forEach((worse, better) -> byGroups.computeIfAbsent(List.of(better, worse),
                    k -> new ArrayList<>()).add(f.figure()));
        }
        List<Claim> claims = new ArrayList<>();
        byGroups.forEach((groups, figures) -> claims.add(new Claim(groups.get(0), groups.get(1), figures)));
        return claims;
    }

    /** Whether the trade-off found {@code better} better than {@code worse} on {@code figure}. */
    static boolean beats(TradeOff t, String figure, String better, String worse) {
        return !better.equals(worse) && t.pair(better, worse).differences().stream()
                .anyMatch(d -> d.figure().equals(figure) && d.better().equals(better) && d.worse().equals(worse));
    }

    /** The sentence of {@code v}, plain text. */
    static String text(ComparedSection v) {
        TradeOff t = v.tradeOff();
        ScenarioSection s = v.section();
        ResultsDocument document = s.first().document();
        String seeds = s.severalSeeds() ? "Seed " + document.seed() + " (the first of " + s.runs().size()
                + " seeds): " : "";
        if (t.strategies().isEmpty()) {
            return seeds + "No strategy finished (the run stopped: partial results): nothing to compare.";
        }
        if (t.strategies().size() < 2) {
            return seeds + "Only " + RankingText.names(t.strategies()) + " ran: nothing to compare.";
        }
        List<String> parts = new ArrayList<>();
        for (Claim c : claims(t)) {
            parts.add(RankingText.names(c.better()) + (c.better().size() == 1 ? " is" : " are") + " ahead of "
                    + RankingText.names(c.worse()) + " on " + RankingText.names(c.figures().stream()
                    .map(f -> TradeOffMatrix.label(f) + " (" + values(t, document, f, c) + ")").toList()));
        }
        if (parts.isEmpty()) {
            parts.add(RankingText.names(t.strategies()) + (t.strategies().size() == 2 ? " do" : " all do")
                    + " not differ beyond noise on any of the " + t.figures().size() + " figures compared");
        } else {
            for (List<String> group : alike(t)) {
                parts.add(RankingText.names(group) + " do not differ beyond noise on any figure");
            }
        }
        StringBuilder text = new StringBuilder(seeds).append(String.join("; ", parts)).append('.');
        cost(document, t).ifPresent(c -> text.append(' ').append(c));
        return text.toString();
    }

    /**
     * The strategies no figure tells apart, in groups of which every pair is unseparated: each
     * unseparated pair not yet in a group starts one, joined by every other strategy unseparated
     * from all its members (document order).
     */
    static List<List<String>> alike(TradeOff t) {
        java.util.Set<List<String>> unseparated = new java.util.HashSet<>();
        t.unseparated().forEach(p -> {
            unseparated.add(List.of(p.first(), p.second()));
            unseparated.add(List.of(p.second(), p.first()));
        });
        List<List<String>> groups = new ArrayList<>();
        for (TradeOff.Pair p : t.unseparated()) {
            if (groups.stream().anyMatch(g -> g.contains(p.first()) && g.contains(p.second()))) {
                continue;
            }
            List<String> group = new ArrayList<>();
            for (String s : t.strategies()) {
                if (s.equals(p.first()) || s.equals(p.second()) || unseparated.contains(List.of(s, p.first()))
                        && unseparated.contains(List.of(s, p.second()))
                        && group.stream().allMatch(g -> unseparated.contains(List.of(s, g)))) {
                    group.add(s);
                }
            }
            groups.add(List.copyOf(group));
        }
        return groups;
    }

    /** {@code 0 against 64 and 210}: the values of the better, then of the worse (one value when all are equal). */
    private static String values(TradeOff t, ResultsDocument document, String figure, Claim c) {
        FigureStanding f = t.figures().stream().filter(x -> x.figure().equals(figure)).findFirst().orElseThrow();
        return values(document, f, c.better()) + " against " + values(document, f, c.worse());
    }

    private static String values(ResultsDocument document, FigureStanding f, List<String> strategies) {
        List<String> texts = strategies.stream()
                .map(s -> TradeOffMatrix.value(document, s, f.figure(), f.values().get(s))).toList();
        return texts.stream().distinct().count() == 1 ? texts.get(0) : RankingText.names(texts);
    }

    /**
     * The cost figures of the chart that the run has and the trade-off does not compare (documents
     * written before the cost figures), as values: {@code Refetched messages per client recovery (not
     * tested against noise): event-only 0, gap-fill 3.5.}; empty without any.
     */
    static Optional<String> cost(ResultsDocument document, TradeOff t) {
        List<String> sentences = new ArrayList<>();
        for (TradeOffChart.Axis axis : TradeOffChart.COSTS) {
            if (TradeOffChart.compared(t, axis)) {
                continue; // the trade-off compares its total: its claims say who is cheaper beyond noise
            }
            List<String> values = new ArrayList<>();
            for (StrategyResult r : document.strategies()) {
                OptionalDouble value = axis.value().apply(r);
                if (value.isPresent()) {
                    values.add(r.strategy() + " " + FigureText.count(TradeOffChart.round(value.getAsDouble())));
                }
            }
            if (!values.isEmpty()) {
                sentences.add(Character.toUpperCase(axis.name().charAt(0)) + axis.name().substring(1)
                        + " (not tested against noise): " + String.join(", ", values) + ".");
            }
        }
        return sentences.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", sentences));
    }

    /** A scenario's trade-off in its section of {@code index.html}: the sentence and the chart. */
    static void html(ComparedSection v, Optional<ChartImage> chart, StringBuilder h) {
        h.append("<p class=\"trade-off\"><b>Trade-off:</b> ").append(Markup.escape(text(v))).append("</p>\n");
        chart.ifPresent(c -> h.append("<figure><a href=\"").append(Markup.escape(c.svg())).append("\"><img src=\"")
                .append(Markup.escape(c.png())).append("\" width=\"").append(c.width()).append("\" height=\"")
                .append(c.height()).append("\" alt=\"").append(Markup.escape(c.title())).append("\"></a></figure>\n"));
    }
}
