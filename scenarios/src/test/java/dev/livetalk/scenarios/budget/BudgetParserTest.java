package dev.livetalk.scenarios.budget;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BudgetParserTest {

    @Test
    void shouldParseALatencyPercentileBudget() {
        Budget budget = BudgetParser.parse("peer-final p(99) < 800ms");

        assertThat(budget.metric()).isEqualTo(Metric.PEER_FINAL);
        assertThat(budget.aggregation()).isEqualTo(new Aggregation.Percentile(99));
        assertThat(budget.comparison()).isEqualTo(Comparison.LESS);
        assertThat(budget.threshold()).isEqualTo(new Threshold(800, Threshold.Unit.MILLISECONDS));
        assertThat(budget.threshold().inMeasuredUnit()).isEqualTo(800_000_000.0);
        assertThat(budget.phase()).isEqualTo(Phase.ALL);
        assertThat(budget.strategies()).isEmpty();
    }

    @Test
    void shouldParseACountBudget() {
        Budget budget = BudgetParser.parse("lost == 0");

        assertThat(budget.metric()).isEqualTo(Metric.LOST);
        assertThat(budget.aggregation()).isEqualTo(new Aggregation.Value());
        assertThat(budget.comparison()).isEqualTo(Comparison.EQUAL);
        assertThat(budget.threshold()).isEqualTo(new Threshold(0, Threshold.Unit.NONE));
    }

    @Test
    void shouldParseTheConvergedShareInPercent() {
        Budget budget = BudgetParser.parse("converged == 100%");

        assertThat(budget.threshold()).isEqualTo(new Threshold(100, Threshold.Unit.PERCENT));
        assertThat(budget.holds(100)).isTrue();
        assertThat(budget.holds(90)).isFalse();
    }

    @Test
    void shouldParseConvergenceMax() {
        Budget budget = BudgetParser.parse("convergence max < 5s");

        assertThat(budget.aggregation()).isEqualTo(new Aggregation.Max());
        assertThat(budget.holds(4_999_999_999.0)).isTrue();
        assertThat(budget.holds(5_000_000_000.0)).isFalse();
    }

    @Test
    void shouldParseAPhaseAndAStrategyScope() {
        Budget budget = BudgetParser.parse("echo p(99.9) <= 50ms during for reconcile, gap-fill");

        assertThat(budget.aggregation()).isEqualTo(new Aggregation.Percentile(99.9));
        assertThat(budget.comparison()).isEqualTo(Comparison.LESS_OR_EQUAL);
        assertThat(budget.phase()).isEqualTo(Phase.DURING);
        assertThat(budget.strategies()).containsExactly("reconcile", "gap-fill");
        assertThat(budget.appliesTo("gap-fill")).isTrue();
        assertThat(budget.appliesTo("event-only")).isFalse();
    }

    @Test
    void shouldSumOverEveryRoomWithoutARoomScope() {
        assertThat(BudgetParser.parse("lost == 0 for reconcile").room()).isEqualTo(new RoomScope.Summed());
    }

    @Test
    void shouldParseANamedRoomBeforeTheStrategyScope() {
        Budget budget = BudgetParser.parse("lost == 0 in room-3 for reconcile");

        assertThat(budget.room()).isEqualTo(new RoomScope.Named("room-3"));
        assertThat(budget.strategies()).containsExactly("reconcile");
        assertThat(BudgetParser.parse("lost == 0 in 3rd.floor").room()).isEqualTo(new RoomScope.Named("3rd.floor"));
        assertThat(BudgetParser.parse("lost == 0 in every").room()).isEqualTo(new RoomScope.Named("every"));
    }

    @Test
    void shouldParseEveryRoomAfterAPhase() {
        Budget budget = BudgetParser.parse("peer-final p(99) < 800ms during in every room");

        assertThat(budget.phase()).isEqualTo(Phase.DURING);
        assertThat(budget.room()).isEqualTo(new RoomScope.Each());
        assertThat(budget.strategies()).isEmpty();
        assertThat(BudgetParser.parse("converged == 100% in  every   room for all").room())
                .isEqualTo(new RoomScope.Each());
    }

    @Test
    void shouldTreatForAllAsEveryStrategy() {
        Budget budget = BudgetParser.parse("duplicates == 0 for all");

        assertThat(budget.strategies()).isEmpty();
        assertThat(budget.appliesTo("anything")).isTrue();
    }

    @Test
    void shouldParseWithoutSpacesAroundTheComparator() {
        Budget budget = BudgetParser.parse("ack p(50)<20ms after");

        assertThat(budget.metric()).isEqualTo(Metric.ACK);
        assertThat(budget.threshold()).isEqualTo(new Threshold(20, Threshold.Unit.MILLISECONDS));
        assertThat(budget.phase()).isEqualTo(Phase.AFTER);
    }

    @Test
    void shouldParseADriftBudget() {
        Budget budget = BudgetParser.parse("scheduling-lag p(99) drift < 20% for reconcile");

        assertThat(budget.drift()).isTrue();
        assertThat(budget.metric()).isEqualTo(Metric.SCHEDULING_LAG);
        assertThat(budget.aggregation()).isEqualTo(new Aggregation.Percentile(99));
        assertThat(budget.threshold()).isEqualTo(new Threshold(20, Threshold.Unit.PERCENT));
        assertThat(budget.strategies()).containsExactly("reconcile");
        assertThat(budget.holds(19.9)).isTrue();
        assertThat(budget.holds(-50)).isTrue();
        assertThat(budget.holds(20)).isFalse();
        assertThat(BudgetParser.parse("peer-final max drift <= 50.5%").drift()).isTrue();
        assertThat(BudgetParser.parse("echo p(50) drift<10%").drift()).isTrue();
        assertThat(BudgetParser.parse("scheduling-lag p(99) < 20ms").drift()).isFalse();
    }

    /** A drift is signed (a fall is negative), so its threshold may be: the p99 fell by less than 20%. */
    @Test
    void shouldParseANegativeDriftThreshold() {
        Budget budget = BudgetParser.parse("peer-final p(99) drift > -20%");

        assertThat(budget.expression()).isEqualTo("peer-final p(99) drift > -20%");
        assertThat(budget.threshold()).isEqualTo(new Threshold(-20, Threshold.Unit.PERCENT));
        assertThat(budget.holds(-19.9)).isTrue();
        assertThat(budget.holds(35)).isTrue();
        assertThat(budget.holds(-20)).isFalse();
        assertThat(BudgetParser.parse("echo max drift <= -2.5% for reconcile").threshold())
                .isEqualTo(new Threshold(-2.5, Threshold.Unit.PERCENT));
    }

    /** A threshold is the decimal written times its unit: 0.067s is 67000000 ns, not the doubles' 67000000.00000001. */
    @Test
    void shouldTakeTheLargestCountAndTimeWithin64Bits() {
        assertThat(BudgetParser.parse("lost <= 9223372036854775807").expression()).isEqualTo("lost <= 9223372036854775807");
        assertThat(BudgetParser.parse("echo p(99) < 153722867m").threshold().exact()) // 292 years
                .isEqualByComparingTo("9223372020000000000");
    }

    @Test
    void shouldJudgeAgainstTheThresholdAsWritten() {
        assertThat(BudgetParser.parse("echo p(99) < 0.067s").threshold().inMeasuredUnit()).isEqualTo(67_000_000.0);
        assertThat(BudgetParser.parse("echo p(99) < 0.067s").holds(67_000_000.0)).isFalse();
        assertThat(BudgetParser.parse("echo p(99) <= 1.001s").threshold().inMeasuredUnit()).isEqualTo(1_001_000_000.0);
    }

    @Test
    void shouldKnowEveryMetricOfTheDesign() {
        assertThat(Metric.names()).containsExactlyInAnyOrder("echo", "ack", "peer-first", "peer-final",
                "read-receipt-lag", "lost", "duplicates", "phantoms", "inversions", "moves", "causal-violations",
                "converged", "convergence", "stuck-pending", "scheduling-lag", "silent-wait", "unfounded-delivered",
                "unfounded-read", "status-ahead", "status-backwards", "missing-echoes", "recovery", "acked-lost",
                "refetched", "reconnect-peak", "requests", "server-peak");
        for (String name : List.of("read-receipt-lag p(90) < 2s", "scheduling-lag max < 10ms", "phantoms == 0",
                "moves <= 3", "causal-violations == 0", "stuck-pending == 0", "peer-first min > 1ms",
                "inversions != 1", "converged >= 9", "silent-wait p(99) < 2s", "unfounded-delivered == 0",
                "unfounded-read == 0", "status-ahead == 0", "status-backwards == 0", "missing-echoes == 0",
                "recovery max < 5s for reconcile", "acked-lost == 0", "refetched p(50) < 100", "refetched max <= 500",
                "reconnect-peak <= 200", "requests p(50) < 20", "requests max <= 50", "server-peak <= 500",
                "lost <= 0", "echo max > 0ns", "converged < 100%", "converged >= 100%", "converged != 0%",
                "converged > 100", "scheduling-lag p(99) drift < 0%", "scheduling-lag p(99) drift >= 0%")) {
            assertThat(BudgetParser.parse(name).expression()).isEqualTo(name);
        }
    }

    @ParameterizedTest(name = "[{index}] '{0}'")
    @CsvSource(delimiter = '|', value = {
        "peer-finale p(99) < 800ms | 0  | unknown metric 'peer-finale'; did you mean 'peer-final'?",
        "'' | 0 | a budget starts with a metric name",
        "peer-final < 800ms | 11 | name an aggregation before the comparator",
        "lost p(99) == 0 | 5 | it takes no aggregation",
        "recovery < 5s | 9 | is a distribution of times: name an aggregation",
        "refetched < 100 | 10 | is a count per client: name an aggregation",
        "refetched max < 100ms | 16 | refetched is a count: the threshold is a plain number",
        "acked-lost p(50) == 0 | 11 | it takes no aggregation",
        "acked-lost == 0 in room1 | 16 | acked-lost is a recovery figure of the fault windows, kept for the whole run: it takes no 'in'",
        "reconnect-peak <= 2.5 | 18 | reconnect-peak is a count: the threshold must be a whole number",
        "requests < 20 | 9 | is a count per client: name an aggregation",
        "server-peak == 0 in room1 | 17 | server-peak is a recovery figure of the fault windows, kept for the whole run: it takes no 'in'",
        "echo p99 < 5ms | 5 | unknown aggregation 'p99'",
        "echo p(101) < 5ms | 5 | a percentile must be within (0, 100]",
        "echo p(99 < 5ms | 5 | a percentile is written p(N)",
        "echo p(99) 5ms | 11 | expected a comparator",
        "echo p(99) =< 5ms | 11 | unknown comparator '=<'",
        "echo p(99) < fast | 13 | expected a number",
        "server-peak <= -1 | 15 | a threshold is not negative (every figure is 0 or more): -1",
        "requests p(50) < -3 | 17 | a threshold is not negative",
        "echo p(99) < 5 | 13 | the threshold needs a time unit",
        "echo p(99) < 5days | 14 | unknown unit 'days'",
        "lost == 0ms | 8 | the threshold is a plain number",
        "lost == 0.5 | 8 | must be a whole number",
        "converged == 120% | 13 | at most 100%",
        "converged == 5s | 13 | takes a percentage",
        "lost == 0 during | 10 | only latency metrics are kept per phase",
        "convergence max < 5s after | 21 | only latency metrics are kept per phase",
        "lost == 0 for | 13 | 'for' names strategies",
        "lost == 0 for reconcile, reconcile | 25 | 'for' names each strategy once: reconcile is named twice",
        "lost == 0 forever | 10 | unexpected 'forever'",
        "lost == 0 0 | 10 | unexpected '0'",
        "lost == 0 in | 12 | 'in' names a room (in room-3) or 'every room'",
        "lost == 0 in for reconcile | 13 | 'in' names a room (in room-3) or 'every room'",
        "lost == 0 inroom-3 | 10 | unexpected 'inroom-3'",
        "lost == 0 in every rooms | 19 | unexpected 'rooms'",
        "lost == 0 in room-1 room-2 | 20 | unexpected 'room-2' after the budget (a budget ends with an optional phase (before, during, after), 'in ROOM' or 'in every room', and 'for STRATEGY')",
        "lost == 0 for reconcile in room-1 | 24 | unexpected 'in room-1'",
        "lost == 0 in room-1 during | 20 | unexpected 'during'",
        "lost drift == 0 | 5 | drift is kept per minute for latency metrics only (echo, ack, peer-first, peer-final, read-receipt-lag, scheduling-lag, silent-wait): lost takes no 'drift'",
        "convergence max drift < 20% | 16 | convergence takes no 'drift'",
        "scheduling-lag p(90) drift < 20% | 21 | drift is kept per minute as p(50), p(99) and max: scheduling-lag p(90) drift",
        "scheduling-lag min drift < 20% | 19 | drift is kept per minute as p(50), p(99) and max",
        "scheduling-lag p(99) drift < 20ms | 29 | a drift is a change in percent of the first full minute: the threshold needs % (such as 20%): 20ms",
        "scheduling-lag p(99) drift < 20 | 29 | the threshold needs % (such as 20%): 20",
        "scheduling-lag p(99) drift > -20ms | 29 | a drift is a change in percent of the first full minute: the threshold needs % (such as 20%): -20ms",
        "scheduling-lag p(99) drift > -fast | 29 | a threshold is not negative",
        "scheduling-lag p(99) drift < 20% during | 33 | a drift budget looks at the minutes of the whole run: it takes no phase ('during')",
        "scheduling-lag p(99) drift < 20% in lobby | 33 | a drift budget looks at the strategy's minutes summed over rooms: it takes no 'in'",
        "scheduling-lag drift < 20% | 15 | name an aggregation before the comparator",
        "echo min < 0ns | 9 | 'echo min < 0ns' can never hold: every figure is 0 or more, so it would fail whatever was measured",
        "lost < 0 for reconcile | 5 | 'lost < 0' can never hold: every figure is 0 or more",
        "echo p(99) >= 0ns during | 11 | 'echo p(99) >= 0ns' always holds: every figure is 0 or more, so it would pass whatever was measured",
        "converged >= 0% | 10 | 'converged >= 0%' always holds: every figure is 0 or more",
        "converged > 100% | 10 | 'converged > 100%' can never hold: converged is at most 100%",
        "converged <= 100% | 10 | 'converged <= 100%' always holds: converged is at most 100%",
        "lost == 99999999999999999999 | 8 | a count is a whole number within 64 bits, at most 9223372036854775807: 99999999999999999999",
        "lost <= 9223372036854775808 | 8 | a count is a whole number within 64 bits",
        "converged >= 99999999999999999999 | 13 | a count is a whole number within 64 bits",
        "echo p(99) < 99999999999999m | 13 | a time threshold must be at most 292 years (2^63-1 ns), as a duration: 99999999999999m",
        "echo p(99) < 9223372036854775808ns | 13 | a time threshold must be at most 292 years",
    })
    void shouldRejectAnInvalidExpressionAtTheOffendingToken(String expression, int offset, String message) {
        assertThatThrownBy(() -> BudgetParser.parse(expression))
                .isInstanceOfSatisfying(BudgetSyntaxException.class, e -> {
                    assertThat(e.getMessage()).contains(message);
                    assertThat(e.offset()).as(e.getMessage()).isEqualTo(offset);
                });
    }
}
