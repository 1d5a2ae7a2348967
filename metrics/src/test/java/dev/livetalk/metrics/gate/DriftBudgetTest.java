package dev.livetalk.metrics.gate;

import dev.livetalk.metrics.Measurement;
import dev.livetalk.metrics.drift.Drift;
import dev.livetalk.metrics.latency.LatencyReport;
import dev.livetalk.metrics.latency.Phases;
import dev.livetalk.metrics.results.BudgetVerdict;
import dev.livetalk.scenarios.budget.BudgetParser;
import dev.livetalk.scenarios.budget.Metric;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.function.LongUnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Budgets on drift: the change of a minute's figure from the first full minute to the last. */
class DriftBudgetTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long MS = 1_000_000L;

    /** Scheduling lag of {@code lag} at each second since the end of the warm-up, 10 sends a second. */
    private static Measurement run(int minutes, LongUnaryOperator lag) {
        LatencyReport report = new LatencyReport(new Phases(List.of()), 0, SECOND);
        for (long s = 0; s < minutes * 60L; s++) {
            for (int i = 0; i < 10; i++) {
                long intended = s * SECOND + i * (SECOND / 10);
                report.record(Metric.SCHEDULING_LAG, intended, intended, intended + lag.applyAsLong(s));
            }
        }
        return new Measurement("reconcile", null, report);
    }

    private static BudgetVerdict verdict(String budget, Measurement run, Drift drift) {
        return BudgetEvaluator.evaluate(List.of(BudgetParser.parse(budget)), run, drift).get(0);
    }

    @Test
    void shouldPassALagThatStaysWithinTwentyPercentOfTheFirstMinute() {
        // 10 ms in minute 1, 11.5 ms in minute 4: +15%
        Measurement run = run(4, s -> 10 * MS + (s / 60) * MS / 2);
        BudgetVerdict verdict = verdict("scheduling-lag p(99) drift < 20%", run, Drift.of(run.latency(), List.of(), Duration.ofMinutes(4)));
        assertThat(verdict.passed()).as(verdict.message()).isTrue();
        assertThat(verdict.observed()).isCloseTo(15.0, within(0.2));
        assertThat(verdict.unit()).isEqualTo("%");
        assertThat(verdict.message()).startsWith("scheduling-lag p(99) drift = +15.0% (10ms in the first full minute, "
                + "11.5ms in the last (minute 1 and minute 4 of 4)), budget < 20%");
    }

    @Test
    void shouldFailALagThatGrewMoreThanTwentyPercent() {
        // 10 ms, then 13 ms in minute 4: +30%
        Measurement run = run(4, s -> s < 180 ? 10 * MS : 13 * MS);
        BudgetVerdict verdict = verdict("scheduling-lag p(99) drift < 20%", run, Drift.of(run.latency(), List.of(), Duration.ofMinutes(4)));
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.observed()).isCloseTo(30.0, within(0.2));
        assertThat(verdict.message()).contains("drift = +30.0%").endsWith("budget < 20%");
    }

    @Test
    void shouldPassALagThatFell() {
        Measurement run = run(3, s -> s < 60 ? 20 * MS : 10 * MS);
        BudgetVerdict verdict = verdict("scheduling-lag max drift <= 20%", run, Drift.of(run.latency(), List.of(), Duration.ofMinutes(3)));
        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.observed()).isCloseTo(-50.0, within(0.2));
    }

    @Test
    void shouldFailWithAReasonWithoutADriftBlockOrSamples() {
        Measurement shortRun = run(2, s -> 10 * MS);
        BudgetVerdict none = verdict("scheduling-lag p(99) drift < 20%", shortRun,
                Drift.of(shortRun.latency(), List.of(), Duration.ofMinutes(2)));
        assertThat(none.passed()).isFalse();
        assertThat(none.observed()).isNull();
        assertThat(none.message()).isEqualTo("scheduling-lag p(99) drift: the run has no drift block (it needs 3 full "
                + "minutes of load after the warm-up), budget < 20%");
        assertThat(BudgetEvaluator.evaluate(BudgetParser.parse("scheduling-lag p(99) drift < 20%"), shortRun).passed())
                .isFalse();

        Measurement run = run(3, s -> 10 * MS);
        BudgetVerdict noSamples = verdict("peer-final p(50) drift < 20%", run, Drift.of(run.latency(), List.of(), Duration.ofMinutes(3)));
        assertThat(noSamples.passed()).isFalse();
        assertThat(noSamples.message()).isEqualTo("peer-final p(50) drift: no samples in the first full minute "
                + "(minute 1 and minute 3 of 3), budget < 20%");
    }

    @Test
    void shouldFailARiseFromZeroAndPassZeroToZero() {
        Measurement fromZero = run(3, s -> s < 120 ? 0 : 5 * MS);
        BudgetVerdict rise = verdict("scheduling-lag p(99) drift < 20%", fromZero,
                Drift.of(fromZero.latency(), List.of(), Duration.ofMinutes(3)));
        assertThat(rise.passed()).isFalse();
        assertThat(rise.message()).startsWith("scheduling-lag p(99) drift: no relative change from 0");
        Measurement zero = run(3, s -> 0);
        assertThat(verdict("scheduling-lag p(99) drift < 20%", zero, Drift.of(zero.latency(), List.of(), Duration.ofMinutes(3))).passed())
                .isTrue();
    }
}
