package dev.livetalk.reports;

import dev.livetalk.metrics.gate.StrategyRanking;
import dev.livetalk.metrics.gate.TradeOff;
import dev.livetalk.metrics.gate.TradeOff.Difference;
import dev.livetalk.metrics.gate.TradeOff.FigureStanding;
import dev.livetalk.metrics.results.Markup;
import dev.livetalk.metrics.results.ResultsDocument;
import dev.livetalk.metrics.results.StrategyResult;
import dev.livetalk.metrics.results.Words;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * A scenario's trade-off sentence (docs/METRICS.md, "Telling strategies apart"), worded from its
 * {@link TradeOff} (first seed) and nothing else, in one or two sentences: who wins on correctness
 * (the top of the first of {@link #CORRECTNESS} that separates), who is fastest (peer-final p99),
 * what the winners pay on the cost figures ({@link #COSTS}) and who is cheapest ({@link #plan});
 * then the strategies no figure tells apart. Every "x is ahead of y" the sentence says or implies
 * ("loses nothing (the others 64–119)", "at a cost of 80 against 0 for b") is a {@link Difference}
 * the trade-off found beyond noise ({@link #claims}); every other difference is left to the matrix
 * ({@link TradeOffMatrix}). In results written before the cost figures, the cost figures of the chart
 * ({@link TradeOffChart#COSTS}), which the gate does not compare there, are given as values and said
 * to be untested. The same words in {@code index.html} and {@code summary.md}.
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
     * The strategies on top of one figure and those they beat: each of {@code better} is better
     * than each of {@code worse} beyond noise.
     *
     * @param figure the figure, as the gate names it
     * @param better the strategies on top, in document order
     * @param worse  the strategies every one of them beats, in document order
     * @param clean  whether {@code better} are all the figure's best and every other strategy is in
     *               {@code worse}: only then does the sentence say "the fewest", else "ahead of"
     */
    record Top(String figure, List<String> better, List<String> worse, boolean clean) {
        Top {
            better = List.copyOf(better);
            worse = List.copyOf(worse);
        }

        Claim claim() {
            return new Claim(better, worse, List.of(figure));
        }
    }

    /**
     * What the winners pay on one cost figure: {@code payers} (winners) are beaten on it by each of
     * {@code common}, and each residual claim's worse by its better besides.
     */
    record Payment(String figure, List<String> payers, List<String> common, List<Claim> residual) {
        Payment {
            payers = List.copyOf(payers);
            common = List.copyOf(common);
            residual = List.copyOf(residual);
        }

        /** Every strategy said to be cheaper than some payer. */
        Set<String> cheaper() {
            Set<String> all = new LinkedHashSet<>(common);
            residual.forEach(c -> all.addAll(c.better()));
            return all;
        }
    }

    /**
     * What the sentence says, before its words.
     *
     * @param winners  the top on the first correctness figure that separates ({@link #CORRECTNESS} order)
     * @param fastest  the top on peer-final p99, when it separates
     * @param payments what the winners (else the fastest) pay, per cost figure on which one is beaten
     * @param cheapest the top of each cost figure that separates, unless the payments already name them all
     */
    record Plan(Optional<Top> winners, Optional<Top> fastest, List<Payment> payments, List<Top> cheapest) {
        /** The strategies the payments are of. */
        List<String> payers() {
            return winners.or(() -> fastest).map(Top::better).orElse(List.of());
        }
    }

    /** The correctness criteria as the trade-off names them, most serious first ({@link StrategyRanking#CRITERIA}). */
    static final List<String> CORRECTNESS = StrategyRanking.CRITERIA.stream()
            .map(c -> c.name().equals("clients not converged") ? "converged" : c.name().replace(' ', '-')).toList();
    /** The latency that says who is fastest, as the trade-off names it. */
    static final String LATENCY = StrategyRanking.LATENCY_FIGURE + " " + TradeOff.PHASE;
    /** The cost figures the gate compares, as the trade-off names them, in its order. */
    static final List<String> COSTS = List.of("refetched", "requests", "server-peak");

    /**
     * How a figure's top is worded, each verb in the plural: {@code zero} when the top's value is 0
     * (for converged: every client), {@code fewest} otherwise, {@code most} for the few a cost
     * figure's many best beat; {@code paid} a value paid ({@code %s} the value).
     */
    private record Wording(String zero, String fewest, String most, String paid) {
    }

    private static final Map<String, Wording> WORDING = Map.of(
            "lost", new Wording("lose nothing", "lose the fewest messages", "lose the most messages", "%s lost"),
            "duplicates", new Wording("show no duplicates", "show the fewest duplicates", "show the most duplicates",
                    "%s duplicates"),
            "phantoms", new Wording("show no phantoms", "show the fewest phantoms", "show the most phantoms",
                    "%s phantoms"),
            "inversions", new Wording("show no inversions", "show the fewest inversions", "show the most inversions",
                    "%s inversions"),
            "stuck-pending", new Wording("leave no send stuck pending", "leave the fewest sends stuck pending",
                    "leave the most sends stuck pending", "%s stuck pending"),
            "converged", new Wording("converge every client", "converge the most clients",
                    "converge the fewest clients",
                    "%s converged"),
            "refetched", new Wording("refetch nothing", "refetch the fewest messages", "refetch the most messages",
                    "%s messages refetched"),
            "requests", new Wording("send no requests", "send the fewest requests", "send the most requests",
                    "%s requests sent"),
            "server-peak", new Wording("put no load on the server", "put the lowest peak load on the server",
                    "put the highest peak load on the server", "a server peak of %s requests/s"));

    /** The plan of {@code t}'s sentence. */
    static Plan plan(TradeOff t) {
        Optional<Top> winners = CORRECTNESS.stream().map(f -> top(t, f)).flatMap(Optional::stream).findFirst();
        Optional<Top> fastest = top(t, LATENCY);
        List<String> payers = winners.or(() -> fastest).map(Top::better).orElse(List.of());
        List<Payment> payments = new ArrayList<>();
        List<Top> cheapest = new ArrayList<>();
        for (String figure : COSTS) {
            Optional<Payment> payment = payment(t, figure, payers);
            payment.ifPresent(payments::add);
            top(t, figure).filter(top -> payment.map(p -> !p.cheaper().containsAll(top.better())).orElse(true))
                    .ifPresent(cheapest::add);
        }
        return new Plan(winners, fastest, payments, cheapest);
    }

    /**
     * The claims of {@code t}'s sentence: the winners ahead of those they beat, the fastest
     * likewise, each payment's cheaper strategies ahead of the winners they beat, the cheapest
     * ahead of those they beat.
     */
    static List<Claim> claims(TradeOff t) {
        Plan plan = plan(t);
        List<Claim> claims = new ArrayList<>();
        plan.winners().map(Top::claim).ifPresent(claims::add);
        plan.fastest().map(Top::claim).ifPresent(claims::add);
        for (Payment p : plan.payments()) {
            if (!p.common().isEmpty()) {
                claims.add(new Claim(p.common(), p.payers(), List.of(p.figure())));
            }
            claims.addAll(p.residual());
        }
        plan.cheapest().forEach(c -> claims.add(c.claim()));
        return claims;
    }

    /**
     * The top of {@code figure} in {@code t}, empty when it does not separate: its best and the
     * strategies each of them beats; when none is beaten by them all, the best that beat the fewest
     * are left out one by one until some are.
     */
    static Optional<Top> top(TradeOff t, String figure) {
        FigureStanding f = t.figures().stream().filter(x -> x.figure().equals(figure)).findFirst().orElse(null);
        if (f == null || !f.separates()) {
            return Optional.empty();
        }
        List<String> better = new ArrayList<>(f.best());
        while (!better.isEmpty()) {
            List<String> worse = t.strategies().stream().filter(w -> !better.contains(w)
                    && better.stream().allMatch(b -> beats(t, figure, b, w))).toList();
            if (!worse.isEmpty()) {
                return Optional.of(new Top(figure, better, worse, better.size() == f.best().size()
                        && better.size() + worse.size() == t.strategies().size()));
            }
            better.remove(better.stream().min(Comparator.comparingLong(b -> t.strategies().stream()
                    .filter(w -> beats(t, figure, b, w)).count())).orElseThrow());
        }
        return Optional.empty();
    }

    /** What {@code payers} pay on {@code figure}: empty when none of them is beaten on it. */
    private static Optional<Payment> payment(TradeOff t, String figure, List<String> payers) {
        Map<String, List<String>> beatenBy = new LinkedHashMap<>();
        for (String p : payers) {
            List<String> by = t.strategies().stream().filter(s -> beats(t, figure, s, p)).toList();
            if (!by.isEmpty()) {
                beatenBy.put(p, by);
            }
        }
        if (beatenBy.isEmpty()) {
            return Optional.empty();
        }
        List<String> paying = List.copyOf(beatenBy.keySet());
        List<String> common = t.strategies().stream().filter(s -> beatenBy.values().stream()
                .allMatch(by -> by.contains(s))).toList();
        Map<List<String>, List<String>> payersByRest = new LinkedHashMap<>();
        beatenBy.forEach((p, by) -> {
            List<String> rest = by.stream().filter(s -> !common.contains(s)).toList();
            if (!rest.isEmpty()) {
                payersByRest.computeIfAbsent(rest, k -> new ArrayList<>()).add(p);
            }
        });
        List<Claim> residual = new ArrayList<>();
        payersByRest.forEach((rest, p) -> residual.add(new Claim(rest, p, List.of(figure))));
        return Optional.of(new Payment(figure, paying, common, residual));
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
        List<String> sentences = new ArrayList<>();
        if (TradeOffMatrix.separating(t).isEmpty()) {
            sentences.add(RankingText.names(t.strategies()) + (t.strategies().size() == 2 ? " do" : " all do")
                    + " not differ beyond noise on any of the " + t.figures().size() + " figures compared");
        } else {
            sentences.add(String.join("; ", clauses(new Phrasing(t, document), plan(t))));
            List<String> alike = alike(t).stream().map(g -> RankingText.names(g)
                    + " do not differ beyond noise on any figure").toList();
            if (!alike.isEmpty()) {
                sentences.add(String.join("; ", alike));
            }
        }
        StringBuilder text = new StringBuilder(seeds);
        text.append(String.join(". ", sentences)).append('.');
        cost(document, t).ifPresent(c -> text.append(' ').append(c));
        return text.toString();
    }

    /** The clauses of the first sentence: winners (and fastest) with what they pay, then the cheapest. */
    private static List<String> clauses(Phrasing w, Plan plan) {
        List<String> clauses = new ArrayList<>();
        String pays = pays(w, plan);
        Optional<Top> fastest = plan.fastest();
        if (plan.winners().isPresent()) {
            Top winners = plan.winners().get();
            String clause = w.top(winners);
            if (fastest.isPresent() && fastest.get().better().equals(winners.better())) {
                clause += " and " + w.fastest(fastest.get());
                fastest = Optional.empty();
            }
            clauses.add(clause + pays);
            fastest.ifPresent(f -> clauses.add(RankingText.names(f.better()) + " " + w.fastest(f)));
        } else {
            clauses.add("No strategy is ahead of another on correctness beyond noise");
            fastest.ifPresent(f -> clauses.add(RankingText.names(f.better()) + " " + w.fastest(f) + pays));
        }
        plan.cheapest().forEach(c -> clauses.add(w.top(c)));
        if (plan.winners().isEmpty() && plan.fastest().isEmpty() && plan.cheapest().isEmpty()) {
            clauses.add("the matrix shows the " + Words.count(
                    TradeOffMatrix.separating(w.t()).size(), "figure") + " that tell them apart");
        }
        return clauses;
    }

    /** {@code , at a cost of ...} what the winners pay; {@code , and no strategy is cheaper ...}; or nothing. */
    private static String pays(Phrasing w, Plan plan) {
        if (!plan.payments().isEmpty()) {
            return ", at a cost of " + String.join(", and ", plan.payments().stream().map(p -> w.paid(p, plan.payers()))
                    .toList());
        }
        boolean costCompared = w.t().figures().stream().anyMatch(f -> COSTS.contains(f.figure()));
        return costCompared && !plan.payers().isEmpty() ? ", and no strategy is cheaper than "
                + (plan.payers().size() == 1 ? "it" : "them") + " beyond noise" : "";
    }

    /** The words of one trade-off's figures: values, ranges, verbs. */
    private record Phrasing(TradeOff t, ResultsDocument document) {
        private static final long SECOND = 1_000_000_000L;

        /** {@code gap-fill alone loses nothing (the others 432–4,824)}, or {@code a is ahead of b on lost (...)}. */
        String top(Top top) {
            Wording wording = wording(top.figure());
            if (!top.clean()) {
                return RankingText.names(top.better()) + be(top.better()) + " ahead of "
                        + RankingText.names(top.worse())
                        + " on " + TradeOffMatrix.label(top.figure()) + " (" + range(top.figure(), top.better())
                        + " against " + range(top.figure(), top.worse()) + ")";
            }
            boolean cost = COSTS.contains(top.figure());
            if (cost && top.better().size() > top.worse().size()) {
                return RankingText.names(top.worse()) + " " + verb(wording.most(), top.worse()) + " ("
                        + range(top.figure(), top.worse()) + " against " + valuesFor(top.figure(), top.better(), true)
                        + ")";
            }
            String subject = RankingText.names(top.better()) + (top.better().size() == 1 && t.strategies().size() > 2
                    ? " alone" : "");
            if (top.better().stream().allMatch(s -> zero(top.figure(), s))) {
                return subject + " " + verb(wording.zero(), top.better()) + " (" + namesFirst(top.figure(), top.worse())
                        + ")";
            }
            return subject + " " + verb(wording.fewest(), top.better()) + " (" + range(top.figure(), top.better())
                    + " against " + valuesFor(top.figure(), top.worse(), true) + ")";
        }

        /** {@code is the only one whose peer-final p99 is not never (10.8 s)}, {@code are the fastest (...)}. */
        String fastest(Top top) {
            String label = TradeOffMatrix.label(top.figure());
            boolean one = top.better().size() == 1;
            if (!top.clean()) {
                return (one ? "is" : "are") + " ahead of " + RankingText.names(top.worse()) + " on " + label + " ("
                        + range(top.figure(), top.better()) + " against " + range(top.figure(), top.worse()) + ")";
            }
            if (top.worse().stream().allMatch(s -> value(top.figure(), s).equals("never"))) {
                return (one ? "is the only one whose " : "are the only ones whose ") + label + " is not never ("
                        + range(top.figure(), top.better()) + ")";
            }
            return (one ? "is" : "are") + " the fastest (" + label + " " + range(top.figure(), top.better())
                    + " against " + valuesFor(top.figure(), top.worse(), true) + ")";
        }

        /**
         * {@code 75–203 messages refetched against 0 for event-only and ordered (snapshot 203 against 75 for
         * gap-fill)}.
         */
        String paid(Payment p, List<String> winners) {
            String format = wording(p.figure()).paid();
            List<String> items = new ArrayList<>();
            List<String> aside = new ArrayList<>();
            if (!p.common().isEmpty()) {
                items.add(format.formatted(range(p.figure(), p.payers())) + (p.payers().equals(winners) ? ""
                        : " for " + RankingText.names(p.payers())) + " against " + valuesFor(p.figure(), p.common(),
                        false));
                p.residual().forEach(c -> aside.add(RankingText.names(c.worse()) + " " + range(p.figure(), c.worse())
                        + " against " + valuesFor(p.figure(), c.better(), false)));
            } else {
                p.residual().forEach(c -> items.add(format.formatted(range(p.figure(), c.worse())) + " for "
                        + RankingText.names(c.worse()) + " against " + valuesFor(p.figure(), c.better(), false)));
            }
            return String.join(" and ", items) + (aside.isEmpty() ? "" : " (" + String.join("; ", aside) + ")");
        }

        private static Wording wording(String figure) {
            String label = TradeOffMatrix.label(figure);
            return WORDING.getOrDefault(figure, new Wording("have no " + label, "have the fewest " + label,
                    "have the most " + label, "%s " + label));
        }

        /**
         * {@code b 30}, {@code b and c 30}, {@code the others 64–119}; several sharing the lowest value named
         * first: {@code reconcile and snapshot 432, the others 2,060–4,824}.
         */
        private String namesFirst(String figure, List<String> strategies) {
            if (strategies.size() > 2) {
                List<String> lowest = byValue(figure, strategies).values().iterator().next();
                List<String> rest = strategies.stream().filter(s -> !lowest.contains(s)).toList();
                return lowest.size() > 1 && rest.size() > 1 ? RankingText.names(lowest) + " "
                        + value(figure, lowest.get(0)) + ", the others " + range(figure, rest)
                        : "the others " + range(figure, strategies);
            }
            return String.join(" and ", byValue(figure, strategies).entrySet().stream()
                    .map(e -> RankingText.names(e.getValue()) + " " + e.getKey()).toList());
        }

        /**
         * {@code 0 for a and b and 1,893 for c} (two values at most), else {@code 64–119 for a, b and c}
         * ({@code for the others} when {@code others} says they are all the others).
         */
        private String valuesFor(String figure, List<String> strategies, boolean others) {
            Map<String, List<String>> byValue = byValue(figure, strategies);
            if (byValue.size() <= 2) {
                return String.join(" and ", byValue.entrySet().stream()
                        .map(e -> e.getKey() + " for " + RankingText.names(e.getValue())).toList());
            }
            return range(figure, strategies) + " for " + (others ? "the others" : RankingText.names(strategies));
        }

        /** The strategies by their value's text, lowest value first. */
        private Map<String, List<String>> byValue(String figure, List<String> strategies) {
            Map<String, List<String>> byValue = new LinkedHashMap<>();
            sorted(figure, strategies).forEach(s -> byValue.computeIfAbsent(value(figure, s), k -> new ArrayList<>())
                    .add(s));
            return byValue;
        }

        private List<String> sorted(String figure, List<String> strategies) {
            return strategies.stream().sorted(Comparator.comparingDouble(s -> raw(figure, s))).toList();
        }

        /** {@code 64–119}, {@code 3.2 s}, {@code 1.0 s to never}: the lowest and highest value's text. */
        private String range(String figure, List<String> strategies) {
            List<String> sorted = sorted(figure, strategies);
            String low = value(figure, sorted.get(0));
            String high = value(figure, sorted.get(sorted.size() - 1));
            if (low.equals(high)) {
                return low;
            }
            return low + (low.contains(" ") || high.contains(" ") || high.equals("never") ? " to " : "–") + high;
        }

        private double raw(String figure, String strategy) {
            Double v = standing(figure).values().get(strategy);
            return v == null ? Double.NaN : v;
        }

        private FigureStanding standing(String figure) {
            return t.figures().stream().filter(f -> f.figure().equals(figure)).findFirst().orElseThrow();
        }

        /**
         * A strategy's value in the figure's unit, for a reader: thousands grouped ({@code 2,325}), a
         * latency from a second on in seconds ({@code 10.8 s}), else as the matrix writes it.
         */
        private String value(String figure, String strategy) {
            double v = raw(figure, strategy);
            if (TradeOffMatrix.latency(figure)) {
                return v >= SECOND && !FigureText.duration(v).equals("never")
                        ? String.format(java.util.Locale.ROOT, "%.1f s", v / SECOND) : FigureText.duration(v);
            }
            if (figure.equals("converged") || v != Math.rint(v)) {
                return TradeOffMatrix.value(document, strategy, figure, v);
            }
            return Words.number((long) v);
        }

        /** Whether a strategy's value is the best there can be: 0, or for converged every client. */
        private boolean zero(String figure, String strategy) {
            double v = raw(figure, strategy);
            if (figure.equals("converged")) {
                StrategyResult r = document.strategy(strategy);
                return r != null && v == r.correctness().clients();
            }
            return v == 0;
        }

        private static String be(List<String> subject) {
            return subject.size() == 1 ? " is" : " are";
        }

        /** {@code phrase}, plural, with its first word (the verb) in the singular for one subject. */
        private static String verb(String phrase, List<String> subject) {
            if (subject.size() > 1) {
                return phrase;
            }
            int space = phrase.indexOf(' ');
            String verb = phrase.substring(0, space);
            // the third person singular takes the plural's -s/-es, except have
            return (verb.equals("have") ? "has" : Words.plural(verb))
                    + phrase.substring(space);
        }
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
