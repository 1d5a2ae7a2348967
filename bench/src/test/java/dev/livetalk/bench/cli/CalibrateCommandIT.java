package dev.livetalk.bench.cli;

import dev.livetalk.metrics.results.Calibration;
import dev.livetalk.metrics.results.HarnessLayer;
import dev.livetalk.metrics.results.ResultsJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code livetalk calibrate} through the real Toxiproxy, and a run's environment carrying a
 * calibration: measured before the scenarios, read from a file, or skipped.
 */
class CalibrateCommandIT extends CommandLineTest {
    private static final String SCENARIO = """
            name: tiny
            seed: 3
            duration: 1s
            warmup: 500ms
            quiesce: 1s
            users: [ann, ben]
            rooms:
              - name: lobby
                members: all
            load:
              rate: 5
            strategies: [reconcile]
            """;

    @TempDir
    Path dir;

    @Test
    void shouldPrintEveryLayerAndWriteACalibrationThatARunCarriesIntoEveryReport() throws Exception {
        Path json = dir.resolve("calibration.json");
        int code = run("calibrate", "--samples", "60", "--warmup", "10", "--rounds", "2", "--json", json.toString());
        assertThat(code).as(err.toString()).isZero();
        for (HarnessLayer layer : HarnessLayer.values()) {
            assertThat(out.toString()).containsPattern("(?m)^" + layer.label() + " +60 ");
        }
        assertThat(out.toString()).contains("p50 / bare echo", "noise floor");
        Calibration written = ResultsJson.calibrationFromJson(Files.readString(json));
        assertThat(written).isInstanceOf(Calibration.Measured.class);

        Path scenario = Files.writeString(dir.resolve("tiny.yaml"), SCENARIO);
        Path outDir = dir.resolve("out");
        assertThat(run("run", scenario.toString(), "--calibration", json.toString(), "--out", outDir.toString()))
                .as(err.toString()).isZero();
        assertThat(ResultsJson.read(outDir.resolve("tiny/results.json")).environment().calibration()).isEqualTo(written);
        assertThat(outDir.resolve("summary.md")).content()
                .contains("### Environment: the harness's own latency", "| full-stack-toxiproxy | 60 |");
        assertThat(outDir.resolve("index.html")).content().contains("The harness's own latency", "full-stack-toxiproxy");
    }

    @Test
    void shouldMeasureACalibrationBeforeTheScenariosUnlessToldNotTo() throws Exception {
        Path scenario = Files.writeString(dir.resolve("tiny.yaml"), SCENARIO);
        Path measured = dir.resolve("measured");
        assertThat(run("run", scenario.toString(), "--out", measured.toString())).as(err.toString()).isZero();
        assertThat(err.toString()).contains("calibrating the harness's own latency", "calibration: measured in ");
        Calibration calibration = ResultsJson.read(measured.resolve("tiny/results.json")).environment().calibration();
        assertThat(calibration).isInstanceOfSatisfying(Calibration.Measured.class, m -> assertThat(
                m.layer(HarnessLayer.FULL_STACK_TOXIPROXY).corrected().count()).isPositive());

        Path skipped = dir.resolve("skipped");
        assertThat(run("run", scenario.toString(), "--no-calibration", "--out", skipped.toString())).isZero();
        assertThat(ResultsJson.read(skipped.resolve("tiny/results.json")).environment().calibration())
                .isEqualTo(new Calibration.Skipped("--no-calibration"));
        assertThat(skipped.resolve("summary.md")).content().contains("noise floor 0: no calibration (--no-calibration)");
    }
}
