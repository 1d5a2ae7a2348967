package dev.livetalk.bench.cli;

import dev.livetalk.bench.calibrate.CalibrationSettings;
import dev.livetalk.metrics.results.Calibration;
import dev.livetalk.metrics.results.ResultsJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code livetalk calibrate} and run's calibration options: bad input exits 2, no Toxiproxy exits 1. */
class CalibrateCommandTest extends CommandLineTest {
    @TempDir
    Path dir;

    @Test
    void shouldDefaultToTheCalibrationSettingsDefaults() {
        CalibrateCommand command = new CalibrateCommand();
        new picocli.CommandLine(command).parseArgs();
        assertThat(command.settings()).isEqualTo(CalibrationSettings.DEFAULTS);
    }

    @Test
    void shouldCarryAFloorOfZeroSayingWhyInTheSimulatorWithoutCalibrating() throws Exception {
        Path scenario = dir.resolve("s.yaml");
        Files.writeString(scenario, "name: s\nseed: 1\nduration: 1s\nnetwork: sim\nusers: [a, b]\nrooms:\n"
                + "  - name: r\n    members: all\nload:\n  rate: 2\nstrategies: [reconcile]\n");
        Path outDir = dir.resolve("out");
        assertThat(run("run", scenario.toString(), "--out", outDir.toString())).as(err.toString()).isZero();
        assertThat(err.toString()).doesNotContain("calibrating");
        Calibration calibration = ResultsJson.read(outDir.resolve("s/results.json")).environment().calibration();
        assertThat(calibration).isEqualTo(new Calibration.VirtualTime());
        assertThat(calibration.noiseFloorNanos()).isZero();
        assertThat(outDir.resolve("summary.md")).content().contains("noise floor 0: the simulator plays in virtual time");
    }

    @Test
    void shouldExitTwoNamingValueAndRuleForBadSettings() {
        assertThat(run("calibrate", "--rate", "0")).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(err.toString()).contains("rate must be 1..100000 sends/s: 0.0").doesNotContain("\tat ");
    }

    @Test
    void shouldExitTwoForAnUnknownStrategyOrTimeBound() {
        assertThat(run("calibrate", "--strategy", "nope")).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(err.toString()).contains("--strategy: unknown strategy 'nope'", "(known: event-only", "strategies were looked for");
        assertThat(run("calibrate", "--max-seconds", "0")).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(err.toString()).contains("--max-seconds must be 1..86400 s: 0");
    }

    @Test
    void shouldExitOneWhenToxiproxyCannotBeHad() {
        int code = run("calibrate", "--toxiproxy", "http://127.0.0.1:1", "--samples", "4", "--warmup", "0",
                "--rounds", "1");
        assertThat(code).as(err.toString()).isEqualTo(ExitCode.HARNESS_FAILURE.code());
        assertThat(err.toString()).contains("no Toxiproxy answers at http://127.0.0.1:1").doesNotContain("\tat ");
    }

    @Test
    void shouldExitTwoForACalibrationFileThatIsMissingOrNotOneOrGivenWithNoCalibration() throws Exception {
        Path scenario = dir.resolve("s.yaml");
        Files.writeString(scenario,
                "name: s\nseed: 1\nduration: 1s\nusers: [a, b]\nrooms:\n  - name: r\n    members: all\nload:\n  rate: 1\n");
        Path missing = dir.resolve("missing.json");
        assertThat(run("run", scenario.toString(), "--calibration", missing.toString(), "--out", dir.toString()))
                .isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(err.toString()).contains("--calibration: cannot read " + missing);
        Path other = Files.writeString(dir.resolve("other.json"), "{\"kind\": \"guessed\"}");
        assertThat(run("run", scenario.toString(), "--calibration", other.toString(), "--out", dir.toString()))
                .isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(err.toString()).contains("--calibration: " + other + ": not a calibration: ");
        assertThat(run("run", scenario.toString(), "--calibration", other.toString(), "--no-calibration"))
                .isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(err.toString()).contains("--no-calibration and --calibration " + other + " exclude each other")
                .doesNotContain("\tat ");
    }
}
