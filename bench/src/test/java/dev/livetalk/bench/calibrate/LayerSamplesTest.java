package dev.livetalk.bench.calibrate;

import dev.livetalk.metrics.results.HarnessLayer;
import dev.livetalk.metrics.results.LayerLatency;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The statistics of one layer, fed with hand-made times: no clock is read. */
class LayerSamplesTest {
    private static final long MS = 1_000_000;

    @Test
    void shouldMeasureFromTheIntendedTimeAndKeepTheRawFigureFromTheActualOne() throws InterruptedException {
        LayerSamples samples = new LayerSamples(HarnessLayer.FULL_STACK, 10);
        Burst burst = new Burst(1, HarnessLayer.FULL_STACK, 0, 4, true);
        samples.begin(burst);
        for (int i = 0; i < 4; i++) {
            // Each send goes out 1 ms late (a stalled sender) and arrives 2 ms after it went out.
            samples.onSent(i, i * 10 * MS, i * 10 * MS + MS);
            assertThat(samples.onArrived(i, i * 10 * MS + 3 * MS)).isTrue();
        }
        assertThat(samples.awaitBurst(burst, 0, () -> 0)).isZero();
        LayerLatency figures = samples.figures();
        assertThat(figures.corrected().count()).isEqualTo(4);
        assertThat(figures.corrected().p50()).isBetween(3 * MS, 3 * MS + 3 * MS / 1000);
        assertThat(figures.raw().p50()).isBetween(2 * MS, 2 * MS + 2 * MS / 1000);
        assertThat(figures.lost()).isZero();
    }

    @Test
    void shouldLeaveTheWarmUpAndSecondArrivalsOutOfTheFigures() throws InterruptedException {
        LayerSamples samples = new LayerSamples(HarnessLayer.BARE_ECHO, 4);
        Burst warmup = new Burst(0, HarnessLayer.BARE_ECHO, 0, 2, false);
        samples.begin(warmup);
        samples.onSent(0, 0, 0);
        samples.onSent(1, 0, 0);
        samples.onArrived(0, 500 * MS);
        samples.onArrived(1, 500 * MS);
        samples.awaitBurst(warmup, 0, () -> 0);
        Burst measured = new Burst(1, HarnessLayer.BARE_ECHO, 2, 2, true);
        samples.begin(measured);
        samples.onSent(2, 1000 * MS, 1000 * MS);
        samples.onSent(3, 1002 * MS, 1002 * MS);
        assertThat(samples.onArrived(2, 1001 * MS)).isTrue();
        assertThat(samples.onArrived(2, 1900 * MS)).as("a second arrival").isFalse();
        assertThat(samples.onArrived(3, 1003 * MS)).isTrue();
        assertThat(samples.onArrived(7, 1003 * MS)).as("not a send of this layer").isFalse();
        samples.awaitBurst(measured, 0, () -> 0);
        LayerLatency figures = samples.figures();
        assertThat(figures.corrected().count()).isEqualTo(2);
        assertThat(figures.corrected().max()).isLessThan(2 * MS);
    }

    @Test
    void shouldCountWhatHadNotArrivedByTheDeadlineAsLostAndIgnoreItWhenItComesLater() throws InterruptedException {
        LayerSamples samples = new LayerSamples(HarnessLayer.BARE_ECHO_TOXIPROXY, 3);
        Burst burst = new Burst(1, HarnessLayer.BARE_ECHO_TOXIPROXY, 0, 3, true);
        samples.begin(burst);
        for (int i = 0; i < 3; i++) {
            samples.onSent(i, i * MS, i * MS);
        }
        samples.onArrived(1, 2 * MS);
        AtomicLong clock = new AtomicLong(50 * MS);
        assertThat(samples.awaitBurst(burst, 40 * MS, clock::get)).as("the deadline has passed: no wait").isEqualTo(2);
        assertThat(samples.onArrived(0, 60 * MS)).isFalse();
        LayerLatency figures = samples.figures();
        assertThat(figures.lost()).isEqualTo(2);
        assertThat(figures.corrected().count()).isEqualTo(1);
    }

    @Test
    void shouldNotCountLostWarmUpSends() throws InterruptedException {
        LayerSamples samples = new LayerSamples(HarnessLayer.FULL_STACK_TOXIPROXY, 2);
        Burst warmup = new Burst(0, HarnessLayer.FULL_STACK_TOXIPROXY, 0, 2, false);
        samples.begin(warmup);
        assertThat(samples.awaitBurst(warmup, 0, () -> 1)).isEqualTo(2);
        assertThat(samples.figures().lost()).isZero();
    }

    @Test
    void shouldReadTheIndexOfACalibrationBodyOnly() {
        assertThat(CalibrationPath.Frames.indexOf(CalibrationPath.body(1234))).isEqualTo(1234);
        assertThat(CalibrationPath.Frames.indexOf("cal:")).isEqualTo(-1);
        assertThat(CalibrationPath.Frames.indexOf("cal:ready")).isEqualTo(-1);
        assertThat(CalibrationPath.Frames.indexOf("cal:-3")).isEqualTo(-1);
        assertThat(CalibrationPath.Frames.indexOf("cal:99999999999")).isEqualTo(-1);
        assertThat(CalibrationPath.Frames.indexOf("hello")).isEqualTo(-1);
    }
}
