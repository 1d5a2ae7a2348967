package dev.livetalk.metrics.gate;

import dev.livetalk.metrics.Measurement;
import dev.livetalk.metrics.TraceFixture;
import dev.livetalk.metrics.recovery.RecoveryReport;
import dev.livetalk.metrics.recovery.RefetchFigures;
import dev.livetalk.metrics.recovery.SlowestClient;
import dev.livetalk.metrics.recovery.WindowRecovery;
import dev.livetalk.metrics.results.BudgetVerdict;
import dev.livetalk.scenarios.budget.BudgetParser;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RecoveryBudgetTest {
    private static final long S = 1_000_000_000L;

    /** A restart that recovered in 1.2 s and a link fault after which one client never converged. */
    private static Measurement measured(boolean secondRecovered) {
        return measured(secondRecovered, false);
    }

    /** As {@link #measured(boolean)}; {@code named}: each window names the client that held it back. */
    private static Measurement measured(boolean secondRecovered, boolean named) {
        WindowRecovery restart = new WindowRecovery("deploy", 5, "restart", 10 * S, 12 * S, 4, 4, 1_200_000_000L, 0,
                new RefetchFigures(30, 90, 180), new RefetchFigures(3_000, 9_000, 18_000), 4, 2,
                new RefetchFigures(2, 6, 14), 40L, named ? new SlowestClient("user023", 1_200_000_000L, 1_100_000_000L,
                400_000_000L)
                : null);
        WindowRecovery outage = new WindowRecovery("outage", 0, "down", 20 * S, 21 * S, 1, 1,
                secondRecovered ? 300_000_000L : null, secondRecovered ? 0 : 1, new RefetchFigures(5, 5, 5),
                new RefetchFigures(500, 500, 500), 1, 0, new RefetchFigures(9, 9, 9), 55L,
                !named ? null : secondRecovered ? new SlowestClient("bob", 100_000_000L, null, 300_000_000L)
                        : new SlowestClient("bob", 100_000_000L, null, null));
        RecoveryReport report = new RecoveryReport(List.of(restart, outage), 3,
                List.of(new long[] {10, 30, 50, 90}, new long[] {5}), List.of(new long[] {2, 2, 4, 6}, new long[] {9}),
                120, 900);
        Measurement plain = Measurement.of(new TraceFixture("reconcile").build());
        return new Measurement(plain.strategy(), plain.correctness(), plain.latency(), report);
    }

    private static BudgetVerdict verdict(String budget, boolean secondRecovered) {
        return BudgetEvaluator.evaluate(BudgetParser.parse(budget), measured(secondRecovered));
    }

    @Test
    void shouldJudgeTheRecoveryTimeOverTheWindows() {
        BudgetVerdict held = verdict("recovery max < 5s for reconcile", true);
        assertThat(held.passed()).isTrue();
        assertThat(held.observed()).isEqualTo(1.2e9);
        assertThat(held.message()).isEqualTo("recovery max = 1.2s, budget < 5s");
        assertThat(verdict("recovery max < 1s", true).passed()).isFalse();
        assertThat(verdict("recovery min < 1s", true).observed()).isEqualTo(3e8);
    }

    @Test
    void shouldNameTheWindowAndTheClientThatHeldTheRecoveryBack() {
        BudgetVerdict late = BudgetEvaluator.evaluate(BudgetParser.parse("recovery max < 1s"), measured(true, true));
        assertThat(late.passed()).isFalse();
        assertThat(late.message()).isEqualTo("recovery max = 1.2s (deploy #5: user023 back after 1.2s (connected after 1.1s)), "
                + "budget < 1s");
        assertThat(BudgetEvaluator.evaluate(BudgetParser.parse("recovery min < 1s"), measured(true, true)).message())
                .isEqualTo("recovery min = 0.3s (outage #0: bob converged after 0.3s (back after 0.1s)), budget < 1s");
        assertThat(BudgetEvaluator.evaluate(BudgetParser.parse("recovery max < 5s"), measured(false, true)).message())
                .isEqualTo("recovery max = never (1 of 2 windows never recovered: a client never converged; outage #0: "
                        + "bob never converged (back after 0.1s)), budget < 5s");
    }

    /** A window that hit no client has no slowest: the message names the next window of the same time that has. */
    @Test
    void shouldNameTheFirstWindowOfTheFigureThatSaysWhoHeldItBack() {
        WindowRecovery empty = new WindowRecovery("cut", 0, "down", 5 * S, 6 * S, 0, 0, 0L, 0,
                new RefetchFigures(0, 0, 0), new RefetchFigures(0, 0, 0), 0, 0, new RefetchFigures(0, 0, 0), 0L, null);
        WindowRecovery held = new WindowRecovery("slow", 1, "latency", 8 * S, 9 * S, 2, 0, 0L, 0,
                new RefetchFigures(0, 0, 0), new RefetchFigures(0, 0, 0), 0, 0, new RefetchFigures(0, 0, 0), 0L,
                new SlowestClient("user1", null, null, 0L));
        Measurement plain = Measurement.of(new TraceFixture("reconcile").build());
        Measurement measured = new Measurement(plain.strategy(), plain.correctness(), plain.latency(),
                new RecoveryReport(List.of(empty, held), 0, List.of(new long[0], new long[0]),
                        List.of(new long[0], new long[0]), 0, 0));
        assertThat(BudgetEvaluator.evaluate(BudgetParser.parse("recovery min > 1s"), measured).message())
                .isEqualTo("recovery min = 0s (slow #1: user1 converged at once), budget > 1s");
    }

    @Test
    void shouldFailARecoveryBudgetOnAWindowThatNeverRecovered() {
        BudgetVerdict never = verdict("recovery max < 5s", false);
        assertThat(never.passed()).isFalse();
        assertThat(never.observed()).isNull();
        assertThat(never.message()).isEqualTo(
                "recovery max = never (1 of 2 windows never recovered: a client never converged), budget < 5s");
        assertThat(verdict("recovery p(50) < 5s", false).passed()).isTrue();
    }

    @Test
    void shouldJudgeAcknowledgedLossesOverTheWholeRun() {
        BudgetVerdict lost = verdict("acked-lost == 0", true);
        assertThat(lost.passed()).isFalse();
        assertThat(lost.observed()).isEqualTo(3.0);
        assertThat(lost.message()).isEqualTo("acked-lost = 3, budget == 0");
    }

    @Test
    void shouldJudgeRefetchesPerClientOnTheWorstWindow() {
        assertThat(verdict("refetched max <= 90", true).passed()).isTrue();
        assertThat(verdict("refetched max < 90", true).message()).isEqualTo(
                "refetched max = 90 (worst of 2 windows), budget < 90");
        assertThat(verdict("refetched p(50) < 30", true).observed()).isEqualTo(30.0); // rank 2 of 10, 30, 50, 90
        assertThat(verdict("refetched min < 10", true).observed()).isEqualTo(10.0);
    }

    @Test
    void shouldJudgeTheReconnectPeakOfTheWorstWindow() {
        assertThat(verdict("reconnect-peak <= 4", true).passed()).isTrue();
        assertThat(verdict("reconnect-peak < 4", true).message()).isEqualTo("reconnect-peak = 4, budget < 4");
    }

    @Test
    void shouldJudgeRequestsPerClientOnTheWorstWindow() {
        // per window the median: 2 of 2, 2, 4, 6 and 9 of 9; the worst window's is 9
        assertThat(verdict("requests p(50) < 10", true).observed()).isEqualTo(9.0);
        assertThat(verdict("requests max <= 8", true).message()).isEqualTo(
                "requests max = 9 (worst of 2 windows), budget <= 8");
        assertThat(verdict("requests min < 10", true).observed()).isEqualTo(9.0);
    }

    @Test
    void shouldJudgeTheServersPeakOfTheWorstWindow() {
        assertThat(verdict("server-peak <= 55", true).passed()).isTrue();
        assertThat(verdict("server-peak < 55", true).message()).isEqualTo("server-peak = 55, budget < 55");
    }

    @Test
    void shouldHoldARecoveryBudgetWithoutWindows() {
        Measurement none = Measurement.of(new TraceFixture("reconcile").build());
        BudgetVerdict verdict = BudgetEvaluator.evaluate(BudgetParser.parse("recovery max < 5s"), none);
        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.message()).isEqualTo("recovery max: no fault windows, budget < 5s holds");
        assertThat(BudgetEvaluator.evaluate(BudgetParser.parse("refetched max < 5"), none).message())
                .isEqualTo("refetched max = 0 (no fault windows), budget < 5");
        assertThat(BudgetEvaluator.evaluate(BudgetParser.parse("acked-lost == 0"), none).passed()).isTrue();
    }
}
