package dev.livetalk.reports;

import dev.livetalk.metrics.correctness.CorrectnessFigures;
import dev.livetalk.metrics.gate.StrategyRanking;
import dev.livetalk.metrics.gate.StrategyRanking.Entry;
import dev.livetalk.metrics.gate.StrategyRanking.Evidence;
import dev.livetalk.metrics.gate.StrategyRanking.Kind;
import dev.livetalk.metrics.gate.StrategyRanking.Outcome;
import dev.livetalk.metrics.gate.StrategyRanking.Standing;
import dev.livetalk.metrics.results.Markup;

import java.util.ArrayList;
import java.util.List;

/**
 * A scenario's verdict paragraph: which strategy is best on correctness and which on latency,
 * with the figures that decide it. It decides nothing: it words the section's
 * {@link StrategyRanking}, the same words in {@code index.html} and {@code summary.md}.
 *
 * <p>Stateless; any thread.
 */
final class RankingText {
    private RankingText() {
    }

    /** The paragraph of {@code v}, plain text. */
    static String text(ComparedSection v) {
        StrategyRanking r = v.ranking();
        ScenarioSection s = v.section();
        String seeds = s.severalSeeds() ? "Seed " + r.seed() + " (the first of " + s.runs().size() + " seeds): " : "";
        if (r.entries().isEmpty()) {
            return seeds + "No strategy finished (the run stopped: partial results), so nothing is ranked.";
        }
        if (r.correctness().kind() == Kind.ALONE) {
            Entry only = r.entries().get(0);
            return seeds + "Only " + only.strategy() + " ran, so nothing is ranked: " + correctness(only, true)
                    + "; " + StrategyRanking.LATENCY_FIGURE + " " + latency(only) + ".";
        }
        return seeds + correctness(r) + " " + latency(r);
    }

    /** The paragraph of {@code v} for the page. */
    static void html(ComparedSection v, StringBuilder h) {
        h.append("<p class=\"ranking\"><b>Verdict:</b> ").append(Markup.escape(text(v))).append("</p>\n");
    }

    /** Every section's paragraph for {@code summary.md}. */
    static void markdown(List<ComparedSection> sections, StringBuilder md) {
        md.append("\n### Which strategy is best\n\n");
        for (ComparedSection v : sections) {
            md.append("- **").append(v.section().scenario()).append("**: ").append(text(v)).append('\n');
        }
    }

    private static String correctness(StrategyRanking r) {
        Outcome o = r.correctness();
        List<Entry> best = o.best().stream().map(r::entry).toList();
        StringBuilder t = new StringBuilder();
        if (best.get(0).correct()) {
            t.append(names(o.best())).append(o.best().size() == 1 ? " is" : " are").append(" correct (")
                    .append(correctness(best.get(0), true)).append(")");
            List<Standing> beaten = o.beaten();
            if (!beaten.isEmpty()) {
                t.append("; not correct: ").append(String.join(", ",
                        beaten.stream().map(b -> b.strategy() + " (" + correctness(r.entry(b.strategy()), false) + ")")
                                .toList()));
            }
            return t.append(".").toString();
        }
        t.append("No strategy is correct; ");
        switch (o.kind()) {
            case WINNER -> t.append("on correctness ").append(o.best().get(0)).append(" is best (")
                    .append(correctness(best.get(0), false)).append(")");
            case TIE -> t.append(names(o.best())).append(" tie on correctness (").append(o.best().size() == 2 ? "both" : "each")
                    .append(": ").append(correctness(best.get(0), false)).append(")");
            default -> {
                t.append(names(o.best())).append(" are indistinguishable on correctness: ");
                List<String> parts = new ArrayList<>();
                for (Standing c : o.close()) {
                    parts.add(c.relation() == StrategyRanking.Relation.TIE ? c.strategy() + " ties with " + c.best()
                            : count(r, c.criterion(), c.best()) + " for " + c.best() + " against "
                            + count(r, c.criterion(), c.strategy()) + " for " + c.strategy());
                }
                t.append(String.join(", ", parts)).append(" (within count noise)");
            }
        }
        List<Standing> beaten = o.beaten();
        if (!beaten.isEmpty()) {
            t.append("; ahead of ").append(String.join(", ", beaten.stream().map(b -> b.strategy() + " on "
                    + label(b.criterion()) + ": " + figure(r, b.criterion(), b.best()) + " against "
                    + figure(r, b.criterion(), b.strategy())).toList()));
        }
        return t.append(".").toString();
    }

    private static String latency(StrategyRanking r) {
        Outcome o = r.latency();
        String figure = StrategyRanking.LATENCY_FIGURE;
        StringBuilder t = new StringBuilder("On latency ");
        Entry first = r.entry(o.best().get(0));
        switch (o.kind()) {
            case WINNER -> t.append(first.strategy()).append(" is best: ").append(figure).append(' ').append(latency(first));
            case TIE -> {
                t.append(names(o.best())).append(" tie: ").append(figure).append(' ');
                String each = o.best().size() == 2 ? "for both" : "for each";
                if (first.hasLatency() || first.peerFinal() < 0) {
                    t.append(latency(first)).append(' ').append(each);
                } else { // never ties with never whatever the counts: each its own count
                    t.append("never ").append(each).append(" (deliveries that never came or never took their place: ")
                            .append(String.join(", ", o.best().stream().map(b -> r.entry(b).never() + " of "
                                    + r.entry(b).intended() + (o.best().size() > 1 ? " for " + b : "")).toList()))
                            .append(")");
                }
            }
            default -> t.append(names(o.best())).append(" are indistinguishable: ").append(figure).append(' ')
                    .append(String.join(", ", o.best().stream().map(b -> latency(r.entry(b)) + " for " + b).toList()))
                    .append(noise(r, o.close()));
        }
        List<Standing> beaten = o.beaten();
        if (!beaten.isEmpty()) {
            t.append(o.kind() == Kind.WINNER ? " against " : "; ahead of ").append(behind(r, beaten));
            if (beaten.stream().anyMatch(b -> b.evidence() != Evidence.NONE)) {
                t.append("; the differences are ").append(beyond(r, beaten));
            }
        }
        return t.append(".").toString();
    }

    /**
     * The latencies of the beaten: {@code 795.9 ms for gap-fill}, then those that are never
     * together with how many deliveries never came, then those without samples.
     */
    private static String behind(StrategyRanking r, List<Standing> beaten) {
        List<String> parts = new ArrayList<>();
        List<Entry> entries = beaten.stream().map(b -> r.entry(b.strategy())).toList();
        entries.stream().filter(Entry::hasLatency).forEach(e -> parts.add(latency(e) + " for " + e.strategy()));
        List<Entry> never = entries.stream().filter(e -> !e.hasLatency() && e.peerFinal() >= 0).toList();
        if (!never.isEmpty()) {
            parts.add("never for " + names(never.stream().map(Entry::strategy).toList())
                    + " (deliveries that never came or never took their place: " + String.join(", ",
                    never.stream().map(e -> e.never() + " of " + e.intended()).toList()) + ")");
        }
        List<Entry> none = entries.stream().filter(e -> e.peerFinal() < 0).toList();
        if (!none.isEmpty()) {
            parts.add("no samples for " + names(none.stream().map(Entry::strategy).toList()));
        }
        return String.join(", ", parts);
    }

    /**
     * Why close latencies do not count as different, each for its own reason: within the
     * threshold and floor, or beyond them but not significant by the block bootstrap (795.9 ms
     * against 336.9 ms is not "within noise" of the threshold; the bootstrap found it could be).
     */
    private static String noise(StrategyRanking r, List<Standing> close) {
        List<Standing> differ = close.stream().filter(c -> c.relation() == StrategyRanking.Relation.INDISTINGUISHABLE)
                .toList();
        List<Standing> notSignificant = differ.stream().filter(c -> StrategyRanking.beyondThreshold(
                r.entry(c.strategy()).peerFinal(), r.entry(c.best()).peerFinal(), r.tolerance())).toList();
        List<Standing> within = differ.stream().filter(c -> !notSignificant.contains(c)).toList();
        StringBuilder t = new StringBuilder();
        if (!within.isEmpty()) {
            t.append(", within the harness's noise (threshold ").append(threshold(r))
                    .append(within.stream().anyMatch(c -> c.evidence() == Evidence.THRESHOLD)
                            ? "; by threshold only: too few interval logs for the bootstrap" : "").append(")");
        }
        if (!notSignificant.isEmpty()) {
            t.append(within.isEmpty() ? ": " : "; ").append(String.join(", ", notSignificant.stream()
                    .map(c -> c.strategy() + " against " + c.best()).toList()))
                    .append(" beyond the threshold ").append(threshold(r))
                    .append(" but not significant by the block bootstrap over the interval logs");
        }
        return t.toString();
    }

    /** Why the beaten ones are behind: beyond threshold and floor, and significant where tested. */
    private static String beyond(StrategyRanking r, List<Standing> beaten) {
        boolean bootstrap = beaten.stream().anyMatch(b -> b.evidence() == Evidence.BOOTSTRAP);
        boolean threshold = beaten.stream().anyMatch(b -> b.evidence() == Evidence.THRESHOLD);
        return "beyond the threshold " + threshold(r) + (bootstrap ? " and significant by the block bootstrap"
                : "") + (threshold ? (bootstrap ? "; some" : ";") + " by threshold only: too few interval logs for the"
                + " bootstrap" : "");
    }

    /** The gate's thresholds the latencies were compared with: {@code +10% and 49.0 ms}. */
    private static String threshold(StrategyRanking r) {
        return "+" + FigureText.percent(r.tolerance().latencyRelative() * 100) + " and "
                + FigureText.duration(r.tolerance().latencyFloorNanos());
    }

    /** A criterion as the paragraph names it: the converged share rather than the clients not converged. */
    private static String label(String criterion) {
        return criterion.equals("clients not converged") ? "converged" : criterion;
    }

    /** A criterion's figure of one strategy without its name: {@code 25}, {@code 80%}. */
    private static String figure(StrategyRanking r, String criterion, String strategy) {
        String text = count(r, criterion, strategy);
        return text.substring(0, text.indexOf(' '));
    }

    /** A criterion's figure of one strategy: {@code 25 lost}, {@code 80% converged}. */
    private static String count(StrategyRanking r, String criterion, String strategy) {
        CorrectnessFigures f = r.entry(strategy).correctness();
        for (StrategyRanking.Criterion c : StrategyRanking.CRITERIA) {
            if (c.name().equals(criterion)) {
                return c.name().equals("clients not converged") ? FigureText.percent(f.convergedShare()) + " converged"
                        : c.count().applyAsLong(f) + " " + c.name();
            }
        }
        throw new IllegalArgumentException("not a correctness criterion: " + criterion);
    }

    /**
     * A strategy's correctness figures: every one when {@code all}, else those that are not 0
     * and the converged share.
     */
    private static String correctness(Entry e, boolean all) {
        List<String> parts = new ArrayList<>();
        for (StrategyRanking.Criterion c : StrategyRanking.CRITERIA) {
            long value = c.count().applyAsLong(e.correctness());
            if (!c.name().equals("clients not converged") && (all || value > 0)) {
                parts.add(value + " " + c.name());
            }
        }
        parts.add(FigureText.percent(e.correctness().convergedShare()) + " converged");
        return String.join(", ", parts);
    }

    private static String latency(Entry e) {
        if (e.peerFinal() < 0) {
            return "without samples";
        }
        String value = FigureText.duration(e.peerFinal());
        return e.hasLatency() ? value : value + " (" + e.never() + " of " + e.intended() + " never came or never took"
                + " their place)";
    }

    /** {@code a}, {@code a and b}, {@code a, b and c}. */
    static String names(List<String> names) {
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }
}
