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
    void shouldMeasureEveryLayerWithSaneSamples() throws Exception {
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
        // which layer is the slower is a wall-clock figure, not asserted here: on a loaded 2-core machine a burst
        // of other work during one layer's turn has made the bare echo's p50 the higher, twice in a row (2.43 ms
        // against 1.73 ms through two proxies, in CI); the ratios are figures of the calibration's report
        for (HarnessLayer layer : HarnessLayer.values()) {
            assertThat(calibration.p50Ratio(layer)).as(layer + " against the bare echo").isPositive().isFinite();
        }
        assertThat(calibration.noiseFloorNanos()).isNotNegative();
        assertThat(calibration.durationNanos()).isGreaterThan(Duration.ofMillis(4 * 140 * 1000 / 400).toNanos());
        assertThat(ResultsJson.calibrationFromJson(ResultsJson.toJson(calibration))).isEqualTo(calibration);
    }
}
