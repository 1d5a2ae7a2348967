package dev.livetalk.bench.ceiling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.livetalk.metrics.results.Percentiles;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

class CeilingResultTest {
    private static final long BUDGET = 10_000_000;

    private static CeilingRound round(int clients, int round, double lagP99Millis) {
        return new CeilingRound(clients, round, 100_000, (long) (lagP99Millis * 1e6), 40_000_000, 120_000_000, 1000,
                new CpuSnapshot.CpuUse(5, clients / 100.0, Double.NaN, 1.5, 0.75), 30, 10);
    }

    private static CeilingResult result(double[][] lagByCountThenRound, Integer... counts) {
        List<CeilingRound> rounds = new ArrayList<>();
        for (int r = 0; r < lagByCountThenRound[0].length; r++) {
            for (int c = 0; c < counts.length; c++) {
                rounds.add(round(counts[c], r + 1, lagByCountThenRound[c][r]));
            }
        }
        return new CeilingResult(List.of(counts), rounds, BUDGET);
    }

    @Test
    void shouldTellTheLargestCountHoldingInEveryRoundAndByTheMedian() {
        CeilingResult result = result(new double[][] {{2, 3, 2}, {4, 11, 5}, {9, 12, 14}, {30, 40, 50}}, 50, 100, 200, 400);
        assertThat(result.largestHolding(true)).isEqualTo(OptionalInt.of(50));
        assertThat(result.largestHolding(false)).isEqualTo(OptionalInt.of(100));
    }

    @Test
    void shouldNotLetALargerCountThatHeldByLuckRaiseTheCeilingAboveOneThatMissed() {
        CeilingResult result = result(new double[][] {{2}, {11}, {9}}, 50, 100, 200);
        assertThat(result.largestHolding(true)).isEqualTo(OptionalInt.of(50));
        assertThat(result.largestHolding(false)).isEqualTo(OptionalInt.of(50));
    }

    @Test
    void shouldCountALagOfExactlyTheBudgetAsHoldingAndSayNoneWhenTheSmallestMissed() {
        assertThat(result(new double[][] {{10}}, 8).largestHolding(true)).isEqualTo(OptionalInt.of(8));
        CeilingResult none = result(new double[][] {{10.5}, {3}}, 8, 16);
        assertThat(none.largestHolding(true)).isEmpty();
        StringWriter text = new StringWriter();
        none.print(new PrintWriter(text, true));
        assertThat(text.toString()).contains("largest count holding the 10 ms scheduling-lag p99 budget: none in every"
                + " round (8 clients missed it), none in the median (8 clients missed it)");
    }

    @Test
    void shouldPrintARowPerCountWithTheMedianAndTheRange() {
        StringWriter text = new StringWriter();
        result(new double[][] {{2, 3, 2.5}, {4, 11, 5}}, 50, 100).print(new PrintWriter(text, true));
        assertThat(text.toString())
                .contains("| clients | rounds | lag p50 ms | lag p99 ms | lag max ms | holds 10 ms |")
                .contains("| 50 | 3 | 0.1 [0.1-0.1] | 2.5 [2.0-3.0] | 40.0 [40.0-40.0] | 3 of 3 | 120.0 [120.0-120.0]"
                        + " | 0.50 [0.50-0.50] | n/a | 1.50 [1.50-1.50] | 1.00 [1.00-1.00] |")
                .contains("| 100 | 3 | 0.1 [0.1-0.1] | 5.0 [4.0-11.0] |", "| 2 of 3 |")
                .contains("budget: 50 in every round, 100 in the median");
    }

    @Test
    void shouldWriteJsonWithNullWhereAFigureIsUnknownOrNever() throws Exception {
        List<CeilingRound> rounds = List.of(round(50, 1, 2),
                new CeilingRound(100, 1, 1, 20_000_000, 30_000_000, Percentiles.NEVER, 10, new CpuSnapshot.CpuUse(5, 1, 0.5, 2, 1), 30, 10));
        JsonNode json = new ObjectMapper().readTree(new CeilingResult(List.of(50, 100), rounds, BUDGET)
                .toJson(Map.of("strategy", "reconcile")));
        assertThat(json.get("kind").asText()).isEqualTo("bench-ceiling");
        assertThat(json.get("strategy").asText()).isEqualTo("reconcile");
        assertThat(json.get("largestHoldingEveryRound").asInt()).isEqualTo(50);
        assertThat(json.get("sizes").get(1).get("lagP99Millis").get("median").asDouble()).isEqualTo(20.0);
        assertThat(json.get("sizes").get(0).get("toxiproxyCores").get("median").isNull()).isTrue();
        assertThat(json.get("rounds").get(1).get("peerFinalP99Millis").isNull()).isTrue();
        assertThat(json.get("rounds").get(1).get("toxiproxyCores").asDouble()).isEqualTo(0.5);
    }
}
