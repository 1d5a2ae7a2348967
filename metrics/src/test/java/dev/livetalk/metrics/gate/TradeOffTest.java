package dev.livetalk.metrics.gate;

import dev.livetalk.metrics.correctness.ConvergenceFigures;
import dev.livetalk.metrics.correctness.CorrectnessFigures;
import dev.livetalk.metrics.correctness.Outcome;
import dev.livetalk.metrics.gate.TradeOff.Difference;
import dev.livetalk.metrics.gate.TradeOff.FigureStanding;
import dev.livetalk.metrics.results.Environment;
import dev.livetalk.metrics.results.LatencyFigures;
import dev.livetalk.metrics.results.Percentiles;
import dev.livetalk.metrics.results.ResultsDocument;
import dev.livetalk.metrics.results.StrategyResult;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which figures separate the strategies of a run beyond noise, and who is best on each (docs/METRICS.md). */
class TradeOffTest {
    private static final long MS = 1_000_000L;

    /** A result with {@code lost}, {@code moves} and a peer-final p99 (ms) in phases all and during. */
    private static StrategyResult result(String name, long lost, long moves, long p99Millis) {
        CorrectnessFigures c = new CorrectnessFigures(10, 10, 100.0, lost, 0, 0, 0, 1.0, 0, moves, 0, 0,
                Map.of(Outcome.OK, 10L), new ConvergenceFigures(0, 0, 0, null, null, null));
        Percentiles p = new Percentiles(1000, p99Millis * MS / 2, p99Millis * MS / 2, p99Millis * MS,
                p99Millis * MS, p99Millis * MS);
        return new StrategyResult(name, c, List.of(
                new LatencyFigures("peer-final", "all", p, p, 0, new LatencyFigures.CompletedOnly(p, p)),
                new LatencyFigures("peer-final", "during", p, p, 0, new LatencyFigures.CompletedOnly(p, p))),
                List.of(), List.of(), List.of());
    }

    private static TradeOff tradeOff(StrategyResult... results) {
        return TradeOff.of(ResultsDocument.of("outage", 1, "sim", new Environment(null, "25", 2), null,
                List.of(results)), IntervalSource.NONE, Tolerance.DEFAULT);
    }

    @Test
    void shouldSeparateAPairOnEveryFigureBeyondNoiseAndNameTheBetter() {
        TradeOff t = tradeOff(result("a", 0, 40, 100), result("b", 30, 0, 100), result("c", 0, 41, 300));

        // a against b: b loses 30 (a 0: p = 2^-30), a moves 40 lines (b 0); latency equal
        assertThat(t.pair("a", "b").differences()).extracting(Difference::figure, Difference::better)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("lost", "a"),
                        org.assertj.core.groups.Tuple.tuple("moves", "b"));
        // a against c: 40 against 41 moves is within count noise; 50 against 150 ms beyond threshold and
        // floor (without interval logs the gate judges a p50 by threshold and floor, and no p99)
        assertThat(t.pair("c", "a").differences()).extracting(Difference::figure, Difference::better,
                Difference::betterValue, Difference::worseValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("peer-final p50 all", "a", 50.0 * MS, 150.0 * MS));
        assertThat(t.unseparated()).isEmpty();
    }

    @Test
    void shouldMarkTheBestOnAFigureOnlyWhereItSeparatesSomeone() {
        TradeOff t = tradeOff(result("a", 0, 40, 100), result("b", 30, 0, 100), result("c", 0, 41, 300));

        FigureStanding lost = figure(t, "lost");
        assertThat(lost.best()).containsExactly("a", "c");
        assertThat(lost.separates()).isTrue();
        assertThat(lost.values()).containsExactly(Map.entry("a", 0.0), Map.entry("b", 30.0), Map.entry("c", 0.0));
        assertThat(figure(t, "moves").best()).containsExactly("b");
        assertThat(figure(t, "peer-final p50 all").best()).containsExactly("a", "b");
        assertThat(figure(t, "peer-final p99 all").separates()).isFalse();
        FigureStanding duplicates = figure(t, "duplicates");
        assertThat(duplicates.separates()).isFalse();
        assertThat(duplicates.best()).containsExactly("a", "b", "c");
        assertThat(t.bestOn("b")).extracting(FigureStanding::figure)
                .containsExactly("peer-final p50 all", "moves");
        assertThat(t.bestOn("c")).extracting(FigureStanding::figure).containsExactly("lost");
    }

    @Test
    void shouldCompareOnlyTheWholeRunOfLatency() {
        TradeOff t = tradeOff(result("a", 0, 0, 100), result("b", 0, 0, 300));

        assertThat(t.figures()).extracting(FigureStanding::figure).noneMatch(f -> f.contains("during"));
    }

    @Test
    void shouldLeaveTwoIdenticalStrategiesUnseparated() {
        TradeOff t = tradeOff(result("a", 3, 5, 100), result("b", 3, 5, 100));

        assertThat(t.unseparated()).singleElement().satisfies(p -> {
            assertThat(p.first()).isEqualTo("a");
            assertThat(p.second()).isEqualTo("b");
        });
        assertThat(t.figures()).allSatisfy(f -> assertThat(f.separates()).isFalse());
    }

    @Test
    void shouldCompareTheCostFiguresTheGateCompares() {
        StrategyResult cheap = withCost(result("a", 0, 0, 100), 0);
        StrategyResult dear = withCost(result("b", 0, 0, 100), 80);

        TradeOff t = tradeOff(cheap, dear);

        assertThat(t.pair("a", "b").differences()).extracting(Difference::figure, Difference::better)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("refetched", "a"));
    }

    /** {@code r} with {@code refetched} messages refetched over one window of 8 clients. */
    private static StrategyResult withCost(StrategyResult r, long refetched) {
        return new StrategyResult(r.strategy(), r.correctness(), r.latency(), r.budgets(), r.examples(), r.hlogs(),
                r.convergenceByClient(), r.correctnessOverTime(), r.rooms(), r.recovery(), r.ackedLost(),
                new dev.livetalk.metrics.recovery.CostFigures(8, refetched, 100 * refetched, null, refetched / 8.0,
                        100 * refetched / 8.0, null, 1, null, 10, 100));
    }

    private static FigureStanding figure(TradeOff t, String name) {
        return t.figures().stream().filter(f -> f.figure().equals(name)).findFirst().orElseThrow();
    }
}
