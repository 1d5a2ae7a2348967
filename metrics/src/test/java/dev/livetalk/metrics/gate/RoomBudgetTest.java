package dev.livetalk.metrics.gate;

import dev.livetalk.metrics.Measurement;
import dev.livetalk.metrics.RoomProfileFixture;
import dev.livetalk.metrics.results.BudgetVerdict;
import dev.livetalk.scenarios.budget.BudgetParser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RoomBudgetTest {
    private final Measurement measured = RoomProfileFixture.measured("reconcile");

    private BudgetVerdict verdict(String budget) {
        return BudgetEvaluator.evaluate(BudgetParser.parse(budget), measured);
    }

    @Test
    void shouldJudgeANamedRoomOnItsOwnFigures() {
        BudgetVerdict a = verdict("lost == 0 in room-a");
        assertThat(a.passed()).isFalse();
        assertThat(a.room()).isEqualTo("room-a");
        assertThat(a.message()).isEqualTo("in room-a: lost = 1, budget == 0");
        BudgetVerdict b = verdict("lost == 0 in room-b for reconcile");
        assertThat(b.passed()).isTrue();
        assertThat(b.room()).isEqualTo("room-b");
        assertThat(b.message()).isEqualTo("in room-b: lost = 0, budget == 0");
    }

    @Test
    void shouldNameTheWorstRoomWhenEveryRoomMustHoldTheBudget() {
        BudgetVerdict lost = verdict("lost == 0 in every room");
        assertThat(lost.passed()).isFalse();
        assertThat(lost.room()).isEqualTo("room-a");
        assertThat(lost.message()).isEqualTo("in room-a (worst of 2 rooms, 1 failed): lost = 1, budget == 0");
        BudgetVerdict latency = verdict("peer-first max < 1s in every room");
        assertThat(latency.room()).isEqualTo("room-a");
        assertThat(latency.message()).startsWith("in room-a (worst of 2 rooms, 1 failed): peer-first max = never");
    }

    @Test
    void shouldNameTheRoomClosestToTheThresholdWhenEveryRoomHoldsIt() {
        BudgetVerdict verdict = verdict("peer-first p(50) < 1s in every room");
        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.room()).isEqualTo("room-a"); // 100 ms (bob's a2), room-b's p50 is 50 ms
        assertThat(verdict.message()).isEqualTo("in room-a (worst of 2 rooms, 0 failed): peer-first p(50) = 0.1s (1 of 2 never came), budget < 1s");
        assertThat(verdict("peer-first min > 10ms in every room").room()).isEqualTo("room-b");
        BudgetVerdict share = verdict("converged >= 50% in every room");
        assertThat(share.passed()).isTrue();
        assertThat(share.room()).isEqualTo("room-a");
    }

    @Test
    void shouldFailABudgetOnARoomWithoutMembers() {
        BudgetVerdict verdict = verdict("lost == 0 in lobby");
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.observed()).isNull();
        assertThat(verdict.message()).isEqualTo("in lobby: lost: no client in the room, budget == 0");
    }

    @Test
    void shouldLeaveBudgetsWithoutARoomOnTheSummedFigures() {
        BudgetVerdict verdict = verdict("lost == 0");
        assertThat(verdict.room()).isNull();
        assertThat(verdict.message()).isEqualTo("lost = 1, budget == 0");
    }
}
