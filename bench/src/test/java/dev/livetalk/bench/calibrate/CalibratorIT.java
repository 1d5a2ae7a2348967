package dev.livetalk.bench.calibrate;

import dev.livetalk.metrics.results.Calibration;
import dev.livetalk.metrics.results.HarnessLayer;
import dev.livetalk.metrics.results.LayerLatency;
import dev.livetalk.metrics.results.Percentiles;
import dev.livetalk.metrics.results.ResultsJson;
import dev.livetalk.network.toxiproxy.ToxiproxyLauncher;
import dev.livetalk.network.toxiproxy.ToxiproxyServer;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A tiny calibration against a real Tyrus server and a real Toxiproxy, bounded by count. */
class CalibratorIT {

    @Test
    void shouldMeasureEveryLayerWithSamplesInASaneOrder() throws Exception {
        CalibrationSettings settings = new CalibrationSettings(120, 20, 400, 2, Duration.ofSeconds(60), "reconcile");
        StringWriter progress = new StringWriter();
        Calibration.Measured calibration;
        try (ToxiproxyServer toxiproxy = ToxiproxyLauncher.launch(Optional.empty())) {
            calibration = new Calibrator(settings, toxiproxy, new PrintWriter(progress, true)).run();
        }
        assertThat(progress.toString()).contains("calibrate: warm-up", "calibrate: round 2 of 2");
        assertThat(calibration.layers()).extracting(LayerLatency::layer).containsExactly(HarnessLayer.values());
        for (LayerLatency layer : calibration.layers()) {
            Percentiles corrected = layer.corrected();
            Percentiles raw = layer.raw();
            assertThat(corrected.count()).as(layer.layer() + " has samples").isPositive();
            assertThat(corrected.count() + layer.lost()).as(layer.layer() + ": every measured send").isEqualTo(120);
            assertThat(corrected.p50()).as(layer.layer() + " p50").isPositive()
                    .isLessThanOrEqualTo(corrected.p99());
            assertThat(raw.p50()).as("from the actual send, never later than from the intended one")
                    .isLessThanOrEqualTo(corrected.p50());
            assertThat(raw.p99()).isLessThanOrEqualTo(corrected.p99());
        }
        if (calibration.p50Ratio(HarnessLayer.FULL_STACK_TOXIPROXY) <= 1.0) {
            // the layers are measured one after another, seconds apart: on a loaded 2-core machine a burst of
            // other work during the bare echo's turn has made its p50 the higher (1.99 ms against 1.63 ms
            // through two proxies, beside a soak's measurement); a second calibration is asked to show the order
            try (ToxiproxyServer toxiproxy = ToxiproxyLauncher.launch(Optional.empty())) {
                calibration = new Calibrator(settings, toxiproxy, new PrintWriter(progress, true)).run();
            }
        }
        assertThat(calibration.layer(HarnessLayer.FULL_STACK_TOXIPROXY).corrected().p50())
                .as("the full stack through two proxies takes longer than a bare echo")
                .isGreaterThan(calibration.layer(HarnessLayer.BARE_ECHO).corrected().p50());
        assertThat(calibration.p50Ratio(HarnessLayer.FULL_STACK_TOXIPROXY)).isGreaterThan(1.0);
        assertThat(calibration.noiseFloorNanos()).isNotNegative();
        assertThat(calibration.durationNanos()).isGreaterThan(Duration.ofMillis(4 * 140 * 1000 / 400).toNanos());
        assertThat(ResultsJson.calibrationFromJson(ResultsJson.toJson(calibration))).isEqualTo(calibration);
    }
}
