package dev.livetalk.reports;

import dev.livetalk.metrics.correctness.ConvergenceFigures;
import dev.livetalk.metrics.correctness.CorrectnessFigures;
import dev.livetalk.metrics.correctness.Outcome;
import dev.livetalk.metrics.gate.TradeOff;
import dev.livetalk.metrics.recovery.RefetchFigures;
import dev.livetalk.metrics.recovery.WindowRecovery;
import dev.livetalk.metrics.results.Environment;
import dev.livetalk.metrics.results.LatencyFigures;
import dev.livetalk.metrics.results.Percentiles;
import dev.livetalk.metrics.results.ResultsDocument;
import dev.livetalk.metrics.results.StrategyResult;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report's trade-off sections (docs/METRICS.md, "Telling strategies apart"): the matrix, the
 * sentence and the chart, from hand-built results documents.
 */
class TradeOffReportTest {
    private static final long MS = 1_000_000L;

    @TempDir
    Path temp;

    /**
     * A result with {@code lost}, {@code moves} and a peer-final p99 (ms; p50 half of it), 10 clients of which
     * {@code converged} converged; with {@code refetched} messages refetched by 4 clients in one window when not
     * negative.
     */
    private static StrategyResult result(String name, long lost, long moves, long p99Millis, long converged,
                                         long refetched) {
        CorrectnessFigures c = new CorrectnessFigures(10, converged, 10.0 * converged, lost, 0, 0, 0, 1.0, 0, moves, 0,
                0, Map.of(Outcome.OK, 10L), new ConvergenceFigures(0, 0, 0, null, null, null));
        Percentiles p = new Percentiles(1000, p99Millis * MS / 2, p99Millis * MS / 2, p99Millis * MS,
                p99Millis * MS, p99Millis * MS);
        List<WindowRecovery> recovery = refetched < 0 ? List.of() : List.of(new WindowRecovery("outage", 0, "down",
                2_000 * MS, 3_000 * MS, 4, 4, 400 * MS, 0, new RefetchFigures(refetched / 4, refetched, refetched),
                new RefetchFigures(0, 0, 0), 1, 0));
        return new StrategyResult(name, c, List.of(
                new LatencyFigures("peer-final", "all", p, p, 0, new LatencyFigures.CompletedOnly(p, p))),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), recovery, 0L);
    }

    private static StrategyResult result(String name, long lost, long moves, long p99Millis) {
        return result(name, lost, moves, p99Millis, 10, -1);
    }

    private ComparedSection section(String scenario, StrategyResult... results) {
        ResultsDocument d = ResultsDocument.of(scenario, 1, "sim", new Environment(null, "25", 2), null,
                List.of(results));
        List<Path> folders = Collections.nCopies(results.length, temp);
        return ComparedSection.of(new ScenarioSection(scenario, List.of(new ScenarioSection.SeedRun(d, folders))),
                null);
    }

    /** a and c lose nothing (b 30), b moves nothing (a 40, c 41), c is 3x slower. */
    private ComparedSection threeWay() {
        return section("outage", result("a", 0, 40, 100), result("b", 30, 0, 100), result("c", 0, 41, 300));
    }

    @Test
    void shouldShowOnlyTheSeparatingFiguresWithTheBestMarkedAndFoldTheRest() {
        StringBuilder md = new StringBuilder();
        TradeOffMatrix.markdown(List.of(threeWay()), md);

        assertThat(md.toString()).contains("| scenario | figure | a | b | c |\n|---|---|---:|---:|---:|\n"
                + "| outage | lost | **0 ★** | 30 | **0 ★** |\n"
                + "| outage | moves | 40 | **0 ★** | 41 |\n"
                + "| outage | peer-final p50 | **50.0 ms ★** | **50.0 ms ★** | 150.0 ms |\n"
                // 12 counts, converged, peer-final p50 and p99: 15 figures, 3 shown
                + "| outage | 12 more figures equal within noise | | | |\n");
        StringBuilder h = new StringBuilder();
        TradeOffMatrix.html(List.of(threeWay()), h);
        assertThat(h.toString()).contains("<td>lost</td><td class=\"num best\"><b>0 ★</b></td>"
                        + "<td class=\"num\">30</td>")
                .contains(">12 more figures equal within noise</td>").contains("title=\"duplicates, phantoms,");
    }

    @Test
    void shouldPutEveryScenarioUnderTheUnionOfStrategiesAndLeaveOutAScenarioOfOneStrategy() {
        ComparedSection alone = section("calm", result("a", 0, 0, 100));
        ComparedSection other = section("herd", result("a", 0, 0, 100), result("d", 0, 0, 900));
        StringBuilder md = new StringBuilder();
        TradeOffMatrix.markdown(List.of(threeWay(), alone, other), md);

        assertThat(md.toString()).contains("| scenario | figure | a | b | c | d |\n")
                .contains("| herd | peer-final p50 | **50.0 ms ★** | - | - | 450.0 ms |\n")
                .doesNotContain("| calm |")
                .contains("- **calm**: Only a ran: nothing to compare.\n");
    }

    @Test
    void shouldSayNothingIsComparedWhenEveryScenarioRanOneStrategy() {
        ComparedSection alone = section("calm", result("a", 0, 0, 100));
        StringBuilder md = new StringBuilder();
        TradeOffMatrix.markdown(List.of(alone), md);
        StringBuilder h = new StringBuilder();
        TradeOffMatrix.html(List.of(alone), h);

        assertThat(md.toString()).isEqualTo("\n### Trade-offs\n\n- **calm**: Only a ran: nothing to compare.\n");
        assertThat(h.toString()).contains("Every scenario ran one strategy: nothing to compare.")
                .doesNotContain("<table");
        assertThat(TradeOffText.text(alone)).isEqualTo("Only a ran: nothing to compare.");
    }

    @Test
    void shouldWordEveryWinOfTheTradeOffAndOnlyThose() {
        ComparedSection v = threeWay();

        // moves and peer-final p50 are no criterion of the sentence: the matrix shows them
        assertThat(TradeOffText.text(v)).isEqualTo("a and c lose nothing (b 30).");
        assertEveryClaimIsADifference(v.tradeOff());
    }

    @Test
    void shouldNotClaimABestStrategyAheadOfOneItDoesNotBeat() {
        // lost: a 0 against b 12 is beyond noise (p = 2^-12); c 5 is within noise of both (p 0.03 and 0.07)
        ComparedSection v = section("outage", result("a", 0, 0, 100), result("b", 12, 0, 100),
                result("c", 5, 0, 100));

        assertThat(v.tradeOff().figures().stream().filter(f -> f.figure().equals("lost")).findFirst().orElseThrow()
                .best()).containsExactly("a", "c");
        assertThat(TradeOffText.claims(v.tradeOff())).containsExactly(
                new TradeOffText.Claim(List.of("a"), List.of("b"), List.of("lost")));
        assertThat(TradeOffText.text(v)).isEqualTo("a is ahead of b on lost (0 against 12). a and c do not differ "
                + "beyond noise on any figure; b and c do not differ beyond noise on any figure.");
        assertEveryClaimIsADifference(v.tradeOff());
    }

    @Test
    void shouldWordTheDifferencesBehindTheBestToo() {
        ComparedSection v = section("outage", result("a", 0, 0, 100), result("b", 30, 0, 100), result("c", 90, 0, 100));

        // b ahead of c is in the matrix, not the sentence
        assertThat(TradeOffText.text(v)).isEqualTo("a alone loses nothing (b 30 and c 90).");
        assertEveryClaimIsADifference(v.tradeOff());
    }

    @Test
    void shouldCompareTheCostTheResultsHoldAndPlaceByIt() {
        // a refetched 80 messages over one window of 4 clients, b 0: the gate compares the totals
        ComparedSection v = section("outage", withCost(result("a", 0, 0, 100, 10, 80)),
                withCost(result("b", 30, 0, 100, 10, 0)));
        StringBuilder md = new StringBuilder();
        TradeOffMatrix.markdown(List.of(v), md);

        assertThat(md.toString()).contains("| outage | messages refetched | 80 | **0 ★** |\n");
        assertThat(TradeOffText.text(v)).isEqualTo("a loses nothing (b 30), at a cost of 80 messages refetched "
                + "against 0 for b.");
        TradeOffChart.Model m = TradeOffChart.model(v.section().first(), v.tradeOff()).orElseThrow();
        assertThat(m.points()).extracting(TradeOffChart.Point::cost).containsExactly(20.0, 0.0);
        assertThat(m.frontier()).containsExactly("a", "b");
        assertEveryClaimIsADifference(v.tradeOff());
    }

    /** {@code r} with the cost figures of its recovery, as results written since they were recorded hold. */
    private static StrategyResult withCost(StrategyResult r) {
        return new StrategyResult(r.strategy(), r.correctness(), r.latency(), r.budgets(), r.examples(), r.hlogs(),
                r.convergenceByClient(), r.correctnessOverTime(), r.rooms(), r.recovery(), r.ackedLost(),
                dev.livetalk.metrics.recovery.CostFigures.of(r.recovery(), 10, 100));
    }

    /**
     * A result with every cost figure: {@code lost}, a peer-final p99 of 100 ms, {@code refetched} messages and
     * {@code requests} requests over one window of 4 clients, a server peak of {@code peak} requests/s.
     */
    private static StrategyResult costly(String name, long lost, long refetched, long requests, long peak) {
        StrategyResult r = result(name, lost, 0, 100, 10, refetched);
        WindowRecovery w = r.recovery().get(0);
        List<WindowRecovery> recovery = List.of(new WindowRecovery(w.fault(), w.occurrence(), w.type(), w.start(),
                w.end(), w.clients(), w.reconnected(), w.recovery(), w.neverConverged(), w.refetchedMessages(),
                w.refetchedBytes(), w.reconnectPeak(), w.ackedLost(), new RefetchFigures(requests / 4, requests,
                requests), peak));
        return new StrategyResult(r.strategy(), r.correctness(), r.latency(), r.budgets(), r.examples(), r.hlogs(),
                r.convergenceByClient(), r.correctnessOverTime(), r.rooms(), recovery, r.ackedLost(),
                dev.livetalk.metrics.recovery.CostFigures.of(recovery, peak, 100));
    }

    @Test
    void shouldSayWhoWinsAndWhatTheWinnersPayAgainstTheLosersAndEachOther() {
        // g, r and s lose nothing, e 60; e refetches nothing, g and r 80, s 200; r sends 40 requests, the others 100
        ComparedSection v = section("outage", costly("e", 60, 0, 100, 50), costly("g", 0, 80, 100, 50),
                costly("r", 0, 80, 40, 50), costly("s", 0, 200, 100, 50));

        assertThat(TradeOffText.text(v)).isEqualTo("g, r and s lose nothing (e 60), at a cost of 80–200 messages "
                + "refetched against 0 for e (s 200 against 80 for g and r), and 100 requests sent for g and s "
                + "against 40 for r.");
        assertThat(TradeOffText.plan(v.tradeOff()).cheapest()).as("r and e are named among the payments").isEmpty();
        assertEveryClaimIsADifference(v.tradeOff());
    }

    @Test
    void shouldNameTheFiguresOfTheSentenceAsTheTradeOffDoes() {
        ComparedSection v = section("outage", costly("a", 0, 80, 40, 50), costly("b", 0, 0, 40, 50));

        assertThat(v.tradeOff().figures()).extracting(TradeOff.FigureStanding::figure)
                .containsAll(TradeOffText.CORRECTNESS).containsAll(TradeOffText.COSTS).contains(TradeOffText.LATENCY);
        assertThat(TradeOffText.CORRECTNESS).hasSameSizeAs(dev.livetalk.metrics.gate.StrategyRanking.CRITERIA);
    }

    @Test
    void shouldSayWhenTheWinnerPaysNoMoreThanAny() {
        ComparedSection v = section("outage", costly("a", 0, 80, 40, 50), costly("b", 30, 80, 40, 50));

        assertThat(TradeOffText.text(v)).isEqualTo("a loses nothing (b 30), and no strategy is cheaper than it "
                + "beyond noise.");
        assertEveryClaimIsADifference(v.tradeOff());
    }

    @Test
    void shouldSayWhoIsCheapestAndWhoCostsTheMost() {
        // a alone loses nothing; c sends ten times the requests of a and b; b refetches nothing, a and c 2,000
        ComparedSection v = section("outage", costly("a", 0, 2_000, 40, 50), costly("b", 30, 0, 40, 50),
                costly("c", 30, 2_000, 400, 50));

        assertThat(TradeOffText.text(v)).isEqualTo("a alone loses nothing (b and c 30), at a cost of 2,000 messages "
                + "refetched against 0 for b; c sends the most requests (400 against 40 for a and b).");
        assertEveryClaimIsADifference(v.tradeOff());
    }

    @Test
    void shouldSayWhenNoCorrectnessFigureSeparatesAndWhoIsCheapest() {
        ComparedSection v = section("outage", costly("a", 0, 80, 40, 50), costly("b", 0, 0, 40, 50));

        assertThat(TradeOffText.text(v)).isEqualTo("No strategy is ahead of another on correctness beyond noise; b "
                + "refetches nothing (a 80).");
        assertEveryClaimIsADifference(v.tradeOff());
    }

    @Test
    void shouldSayWhoIsFastestWithTheWinnersOrApart() {
        // without interval logs the gate judges no p99: the trade-off is given a p99 difference by hand
        ComparedSection v = section("outage", result("a", 0, 0, 100), result("b", 30, 0, 100),
                result("c", 0, 0, 100));

        ComparedSection only = withP99(v, 12_345 * MS, Percentiles.NEVER, "a", "b", "c");
        assertThat(TradeOffText.text(only)).isEqualTo("a and c lose nothing (b 30); a is the only one whose peer-final "
                + "p99 is not never (12.3 s).");
        assertEveryClaimIsADifference(only.tradeOff());
        ComparedSection faster = withP99(v, 10 * MS, 100 * MS, "a", "b", "c");
        assertThat(TradeOffText.text(faster)).isEqualTo("a and c lose nothing (b 30); a is the fastest (peer-final "
                + "p99 10.0 ms against 100.0 ms for b and c).");
        assertEveryClaimIsADifference(faster.tradeOff());
        // c is as fast as a within noise: no "fastest", only what the trade-off found
        ComparedSection ahead = withP99(v, 10 * MS, 100 * MS, "a", "b");
        assertThat(TradeOffText.text(ahead)).isEqualTo("a and c lose nothing (b 30); a is ahead of b on peer-final "
                + "p99 (10.0 ms against 100.0 ms). a and c do not differ beyond noise on any figure.");
        assertEveryClaimIsADifference(ahead.tradeOff());
        assertThat(TradeOffText.text(withP99(withP99(v, 10 * MS, 100 * MS, "a", "b"), 20 * MS, 100 * MS, "c", "b")))
                .isEqualTo("a and c lose nothing (b 30) and are the fastest (peer-final p99 10.0 ms to 20.0 ms "
                        + "against 100.0 ms for b). a and c do not differ beyond noise on any figure.");
    }

    /**
     * {@code v} with {@code strategy}'s peer-final p99 set to {@code nanos}, each of {@code worse}'s to
     * {@code worseNanos}, and the first found better than each of the others beyond noise.
     */
    private static ComparedSection withP99(ComparedSection v, long nanos, long worseNanos, String strategy,
                                           String... worse) {
        TradeOff t = v.tradeOff();
        String figure = "peer-final p99 all";
        List<TradeOff.Pair> pairs = t.pairs().stream().map(p -> {
            for (String w : worse) {
                if (p.first().equals(strategy) && p.second().equals(w) || p.first().equals(w)
                        && p.second().equals(strategy)) {
                    List<TradeOff.Difference> d = new ArrayList<>(p.differences());
                    d.add(new TradeOff.Difference(figure, strategy, w, nanos, worseNanos, "by hand"));
                    return new TradeOff.Pair(p.first(), p.second(), d);
                }
            }
            return p;
        }).toList();
        List<TradeOff.FigureStanding> figures = t.figures().stream().map(f -> {
            if (!f.figure().equals(figure)) {
                return f;
            }
            Map<String, Double> values = new java.util.LinkedHashMap<>(f.values());
            values.put(strategy, (double) nanos);
            for (String w : worse) {
                values.put(w, (double) worseNanos);
            }
            List<String> beaten = pairs.stream().flatMap(p -> p.differences().stream())
                    .filter(d -> d.figure().equals(figure)).map(TradeOff.Difference::worse).toList();
            return new TradeOff.FigureStanding(figure, values, t.strategies().stream()
                    .filter(s -> !beaten.contains(s)).toList(), true);
        }).toList();
        return new ComparedSection(v.section(), v.comparisons(), v.ranking(),
                new TradeOff(t.strategies(), figures, pairs), v.versions());
    }

    @Test
    void shouldGiveTheOthersValuesAsARangeNamingThoseThatShareTheLowest() {
        ComparedSection v = section("outage", result("a", 0, 0, 100), result("b", 300, 0, 100),
                result("c", 300, 0, 100), result("d", 2_000, 0, 100), result("e", 4_800, 0, 100));
        ComparedSection spread = section("outage", result("a", 0, 0, 100), result("b", 300, 0, 100),
                result("c", 2_000, 0, 100), result("d", 4_800, 0, 100));

        assertThat(TradeOffText.text(v)).startsWith("a alone loses nothing (b and c 300, the others 2,000–4,800).");
        assertThat(TradeOffText.text(spread)).isEqualTo("a alone loses nothing (the others 300–4,800).");
        assertEveryClaimIsADifference(v.tradeOff());
    }

    @Test
    void shouldGroupTheStrategiesNoFigureTellsApart() {
        ComparedSection v = section("outage", result("a", 0, 0, 100), result("b", 0, 0, 100), result("c", 0, 0, 100),
                result("d", 30, 0, 100));

        assertThat(TradeOffText.text(v)).isEqualTo("a, b and c lose nothing (d 30). a, b and c "
                + "do not differ beyond noise on any figure.");
        assertEveryClaimIsADifference(v.tradeOff());
    }

    @Test
    void shouldSayWhenNoFigureTellsTheStrategiesApart() {
        ComparedSection v = section("outage", result("a", 3, 5, 100), result("b", 3, 5, 100));
        StringBuilder md = new StringBuilder();
        TradeOffMatrix.markdown(List.of(v), md);

        assertThat(TradeOffText.text(v)).isEqualTo("a and b do not differ beyond noise on any of the 15 figures "
                + "compared.");
        assertThat(md.toString()).contains("| outage | 15 figures equal within noise | | |\n");
    }

    @Test
    void shouldPlaceEachStrategyByCostErrorsAndLatencyAndMarkTheFrontier() {
        // refetched per client: a 5, b 0, c 10; errors a 0, b 30, c 0; p99 a 100, b 100, c 300 ms
        ComparedSection v = section("outage", result("a", 0, 0, 100, 10, 20), result("b", 30, 0, 100, 0, 0),
                result("c", 0, 0, 300, 10, 40));

        TradeOffChart.Model m = TradeOffChart.model(v.section().first(), v.tradeOff()).orElseThrow();

        assertThat(m.cost()).map(TradeOffChart.Axis::name).contains("refetched messages per client recovery");
        assertThat(m.points()).extracting(TradeOffChart.Point::strategy, TradeOffChart.Point::cost,
                        TradeOffChart.Point::errors, TradeOffChart.Point::p99Nanos, TradeOffChart.Point::dominatedBy)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", 5.0, 0L, 100.0 * MS, List.of()),
                        org.assertj.core.groups.Tuple.tuple("b", 0.0, 30L, 100.0 * MS, List.of()),
                        org.assertj.core.groups.Tuple.tuple("c", 10.0, 0L, 300.0 * MS, List.of("a")));
        assertThat(m.frontier()).containsExactly("a", "b");

        JFreeChart chart = TradeOffChart.chart(m);
        List<XYPlot> panels = ((CombinedDomainXYPlot) chart.getPlot()).getSubplots();
        assertThat(points(panels.get(0).getDataset())).containsExactly("a 5.0 0.0", "b 0.0 30.0", "c 10.0 0.0");
        assertThat(points(panels.get(1).getDataset())).containsExactly("a 5.0 100.0", "b 0.0 100.0", "c 10.0 300.0");
        assertThat(label(panels.get(0), 2)).isEqualTo("c");
        assertThat(label(panels.get(0), 0)).isEqualTo("a *");

        assertThat(TradeOffChart.alt(m)).isEqualTo("Trade-off of outage, each strategy by refetched messages per "
                + "client recovery against errors (lost + duplicates + phantoms + inversions + stuck pending) and "
                + "peer-final p99. a: 5 refetched messages per client recovery, 0 errors, peer-final p99 100.0 ms, "
                + "on the frontier; b: 0 refetched messages per client recovery, 30 errors, peer-final p99 100.0 "
                + "ms, on the frontier; c: 10 refetched messages per client recovery, 0 errors, peer-final p99 "
                + "300.0 ms, dominated by a.");
        // the cost the gate does not compare is given as values, said to be untested
        assertThat(TradeOffText.text(v)).endsWith(". Refetched messages per client recovery (not tested against "
                + "noise): a 5, b 0, c 10.")
                .startsWith("a and c lose nothing (b 30).").doesNotContain("at a cost");
        assertEveryClaimIsADifference(v.tradeOff());
    }

    @Test
    void shouldPlaceLatencyAgainstErrorsWithoutACostFigure() {
        ComparedSection v = threeWay(); // no recovery figures: a document written before they were recorded

        TradeOffChart.Model m = TradeOffChart.model(v.section().first(), v.tradeOff()).orElseThrow();

        assertThat(m.cost()).isEmpty();
        // b loses 30 where a loses nothing, as fast; c is 3x slower, but without interval logs the gate
        // judges no p99: no worse beyond noise on the plotted axes
        assertThat(m.frontier()).containsExactly("a", "c");
        assertThat(m.points().get(1).dominatedBy()).containsExactly("a", "c");
        XYPlot plot = (XYPlot) TradeOffChart.chart(m).getPlot();
        assertThat(plot).isNotInstanceOf(CombinedDomainXYPlot.class);
        assertThat(points(plot.getDataset())).containsExactly("a 100.0 0.0", "b 100.0 30.0", "c 300.0 0.0");
        assertThat(TradeOffText.text(v)).doesNotContain("Refetched");
        ComparedSection alone = section("calm", result("a", 0, 0, 100));
        assertThat(TradeOffChart.model(alone.section().first(), alone.tradeOff())).isEmpty();
    }

    @Test
    void shouldJudgeTheErrorsOfTheFrontierByTheGatesNoise() {
        // same cost and latency; b loses 3 (within a count's noise of 0), c 30 (beyond it)
        ComparedSection v = section("outage", result("a", 0, 0, 100, 10, 20), result("b", 3, 0, 100, 10, 20),
                result("c", 30, 0, 100, 10, 20));

        TradeOffChart.Model m = TradeOffChart.model(v.section().first(), v.tradeOff()).orElseThrow();

        assertThat(m.frontier()).containsExactly("a", "b");
        assertThat(m.points().get(2).dominatedBy()).containsExactly("a", "b");
    }

    @Test
    void shouldGiveStrategiesOnOneSpotOneLabel() {
        ComparedSection v = section("outage", result("a", 0, 0, 100, 10, 8), result("b", 0, 0, 100, 10, 8),
                result("c", 30, 0, 100, 10, 0));

        TradeOffChart.Model m = TradeOffChart.model(v.section().first(), v.tradeOff()).orElseThrow();

        assertThat(m.frontier()).containsExactly("a", "b", "c"); // a and b equal: neither dominates the other
        XYPlot errors = ((CombinedDomainXYPlot) TradeOffChart.chart(m).getPlot()).getSubplots().get(0);
        assertThat(label(errors, 0))
                .isEqualTo("a *, b *");
        assertThat(label(errors, 1))
                .isEmpty();
        assertThat(label(errors, 2))
                .isEqualTo("c *");
    }

    @Test
    void shouldDrawANeverLatencyAtTheTop() {
        StrategyResult never = result("n", 0, 0, 100, 10, 0);
        LatencyFigures f = never.latency().get(0);
        Percentiles p = new Percentiles(1000, 50 * MS, 50 * MS, Percentiles.NEVER, Percentiles.NEVER,
                Percentiles.NEVER);
        never = new StrategyResult("n", never.correctness(), List.of(new LatencyFigures(f.metric(), f.phase(), p, p,
                100, f.completedOnly())), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                never.recovery(), 0L);
        ComparedSection v = section("outage", result("a", 0, 0, 100, 10, 0), never);

        TradeOffChart.Model m = TradeOffChart.model(v.section().first(), v.tradeOff()).orElseThrow();

        // without interval logs the gate judges no p99, so never is not beyond noise here
        assertThat(m.frontier()).containsExactly("a", "n");
        List<XYPlot> panels = ((CombinedDomainXYPlot) TradeOffChart.chart(m).getPlot()).getSubplots();
        assertThat(points(panels.get(1).getDataset())).containsExactly("a 0.0 100.0", "n 0.0 115.0");
        assertThat(label(panels.get(1), 1)).isEqualTo("n * (never)");
        assertThat(TradeOffChart.alt(m)).contains("n: 0 refetched messages per client recovery, 0 errors, "
                + "peer-final p99 never, on the frontier.");
    }

    @Test
    void shouldWriteTheSectionsAndTheChartIntoTheReportOfOldResults() throws Exception {
        Path out = temp.resolve("report");
        ReportWriter.write(Fixtures.resultsFiles(), out, java.util.Optional.empty());

        assertThat(out.resolve("index.html")).content().contains("<a href=\"#trade-offs\">trade-offs</a>",
                "<section id=\"trade-offs\"><h2>Trade-offs</h2>", "<p class=\"trade-off\"><b>Trade-off:</b> ",
                "<img src=\"charts/03-outage-trade-off.png\"", "alt=\"Trade-off of outage, each strategy by "
                        + "peer-final p99 against errors");
        assertThat(out.resolve("charts/03-outage-trade-off.png")).isNotEmptyFile();
        assertThat(out.resolve("charts/03-outage-trade-off.svg")).isNotEmptyFile();
        assertThat(out.resolve("summary.md")).content().contains("\n### Trade-offs\n\n- **baseline**: ",
                "<details><summary>Trade-off matrix: the figures that tell the strategies apart</summary>");
    }

    /** Every claim of the sentence is a difference the trade-off found, better over worse on that figure. */
    private static void assertEveryClaimIsADifference(TradeOff t) {
        List<TradeOffText.Claim> claims = TradeOffText.claims(t);
        assertThat(claims).isNotEmpty();
        for (TradeOffText.Claim c : claims) {
            for (String better : c.better()) {
                for (String worse : c.worse()) {
                    for (String figure : c.figures()) {
                        assertThat(t.pair(better, worse).differences()).as("%s over %s on %s", better, worse, figure)
                                .anySatisfy(d -> {
                                    assertThat(d.figure()).isEqualTo(figure);
                                    assertThat(d.better()).isEqualTo(better);
                                    assertThat(d.worse()).isEqualTo(worse);
                                });
                    }
                }
            }
        }
    }

    private static String label(XYPlot plot, int series) {
        return plot.getRenderer().getItemLabelGenerator(series, 0).generateLabel(plot.getDataset(), series, 0);
    }

    private static List<String> points(XYDataset data) {
        List<String> points = new ArrayList<>();
        for (int s = 0; s < data.getSeriesCount(); s++) {
            for (int i = 0; i < data.getItemCount(s); i++) {
                points.add(String.format(java.util.Locale.ROOT, "%s %.1f %.1f", data.getSeriesKey(s),
                        data.getXValue(s, i), data.getYValue(s, i)));
            }
        }
        return points;
    }
}
