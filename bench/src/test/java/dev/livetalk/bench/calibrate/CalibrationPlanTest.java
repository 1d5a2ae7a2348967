package dev.livetalk.bench.calibrate;

import dev.livetalk.metrics.results.HarnessLayer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.livetalk.metrics.results.HarnessLayer.BARE_ECHO;
import static dev.livetalk.metrics.results.HarnessLayer.BARE_ECHO_TOXIPROXY;
import static dev.livetalk.metrics.results.HarnessLayer.FULL_STACK;
import static dev.livetalk.metrics.results.HarnessLayer.FULL_STACK_TOXIPROXY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CalibrationPlanTest {

    private static CalibrationSettings settings(int samples, int warmup, int rounds) {
        return new CalibrationSettings(samples, warmup, 500, rounds, Duration.ofSeconds(10), "reconcile");
    }

    @Test
    void shouldWarmUpEveryLayerUnmeasuredThenRotateTheLayersEachRound() {
        List<Burst> bursts = CalibrationPlan.of(settings(10, 5, 3));
        assertThat(bursts).hasSize(16);
        assertThat(bursts.subList(0, 4)).extracting(Burst::measured).containsOnly(false);
        assertThat(bursts.subList(0, 4)).extracting(Burst::count).containsOnly(5);
        assertThat(bursts.subList(4, 8)).extracting(Burst::layer)
                .containsExactly(BARE_ECHO, BARE_ECHO_TOXIPROXY, FULL_STACK, FULL_STACK_TOXIPROXY);
        assertThat(bursts.subList(8, 12)).extracting(Burst::layer)
                .containsExactly(BARE_ECHO_TOXIPROXY, FULL_STACK, FULL_STACK_TOXIPROXY, BARE_ECHO);
        assertThat(bursts.subList(12, 16)).extracting(Burst::layer)
                .containsExactly(FULL_STACK, FULL_STACK_TOXIPROXY, BARE_ECHO, BARE_ECHO_TOXIPROXY);
        assertThat(bursts.subList(4, 16)).extracting(Burst::measured).containsOnly(true);
    }

    @Test
    void shouldGiveEveryLayerEverySampleOnceInConsecutiveIndexesAfterTheWarmUp() {
        List<Burst> bursts = CalibrationPlan.of(settings(10, 5, 3));
        for (HarnessLayer layer : HarnessLayer.values()) {
            List<Burst> own = bursts.stream().filter(b -> b.layer() == layer).toList();
            assertThat(own).extracting(Burst::from).containsExactly(0, 5, 9, 12);
            assertThat(own).extracting(Burst::count).containsExactly(5, 4, 3, 3);
            assertThat(own.stream().filter(Burst::measured).mapToInt(Burst::count).sum()).isEqualTo(10);
        }
    }

    @Test
    void shouldSkipTheWarmUpRoundWithoutWarmUp() {
        assertThat(CalibrationPlan.of(settings(4, 0, 1))).extracting(Burst::round).containsOnly(1);
    }

    @Test
    void shouldRefuseSettingsNamingValueAndRule() {
        assertThatThrownBy(() -> settings(0, 1, 1)).hasMessage("samples must be >= 1 per layer: 0");
        assertThatThrownBy(() -> settings(5, -1, 1)).hasMessage("warm-up must be >= 0 sends per layer: -1");
        assertThatThrownBy(() -> settings(5, 0, 6)).hasMessage("rounds must be 1..5 (the samples): 6");
        assertThatThrownBy(() -> settings(1_000_000, 1, 1))
                .hasMessage("samples + warm-up must be <= 1000000 sends per layer: 1000001");
        assertThatThrownBy(() -> new CalibrationSettings(5, 0, 0.5, 1, Duration.ofSeconds(1), "reconcile"))
                .hasMessage("rate must be 1..100000 sends/s: 0.5");
        assertThatThrownBy(() -> new CalibrationSettings(5, 0, 10, 1, Duration.ZERO, "reconcile"))
                .hasMessage("max duration must be > 0: PT0S");
    }

    @Test
    void shouldKeepTheRunsCalibrationShort() {
        CalibrationSettings before = CalibrationSettings.BEFORE_RUN;
        double sendingSeconds = 4.0 * (before.samples() + before.warmup()) / before.ratePerSecond();
        assertThat(sendingSeconds).isLessThanOrEqualTo(3.0);
        assertThat(before.periodNanos()).isEqualTo(2_000_000);
    }
}
