package dev.livetalk.bench.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LivetalkCommandTest extends CommandLineTest {
    @Test
    void shouldListCommandsAndExitCodesInHelp() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("server", "bench", "Exit codes:", "99");
    }

    @Test
    void shouldExitTwoWithTheUsageOnStandardErrorWhenNoCommandIsNamed() {
        assertThat(run()).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).startsWith("livetalk: 'livetalk' needs a command: one of run, validate, report")
                .contains("Usage: livetalk", "Exit codes:").doesNotContain("\tat ");
    }

    @Test
    void shouldExitTwoWithTheUsageOnStandardErrorWhenNoBenchmarkIsNamed() {
        assertThat(run("bench")).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).startsWith("livetalk: 'livetalk bench' needs a command: one of fanout, sim")
                .contains("Usage: livetalk bench").doesNotContain("\tat ");
        assertThat(run("bench", "--help")).isZero();
    }

    /** The footer of run --help lists every exit code run can end with, with its meaning, from the one enum. */
    @Test
    void shouldDocumentEveryExitCodeInRunHelp() {
        assertThat(run("run", "--help")).isZero();
        String help = out.toString();
        assertThat(help).contains("Exit codes:").doesNotContainPattern("(?m)^\\s+3\\s+audit");
        for (ExitCodeLists.Line line : ExitCodeLists.BY_COMMAND.get("livetalk run")) {
            assertThat(line.meaning()).isEqualTo(line.code().meaning());
            assertThat(help).as(line.code().name()).containsPattern("(?m)^\\s+" + line.code().code() + "\\s+"
                    + java.util.regex.Pattern.quote(line.meaning().substring(0, 30)));
        }
        assertThat(help).contains("130", "143", "99   a budget failed or a figure regressed against --baseline");
        assertThat(java.util.Arrays.stream(ExitCode.values()).map(ExitCode::code))
                .containsExactly(0, 1, 2, 3, 4, 5, 99, 130, 143);
    }

    @Test
    void shouldExitTwoOnUnknownOptionPointingAtHelp() {
        assertThat(run("server", "--secret", "s", "--prot", "8080")).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(err.toString()).contains("Unknown options: '--prot'").contains("livetalk server --help");
    }

    @Test
    void shouldExitTwoOnUnknownCommand() {
        assertThat(run("serve")).isEqualTo(2);
        assertThat(err.toString()).contains("serve");
    }

    @Test
    void shouldExitTwoWhenSecretMissing() {
        assertThat(run("server", "--secret", " ")).isEqualTo(2);
        assertThat(err.toString()).contains("--secret is required");
    }

    @Test
    void shouldExitTwoNamingValueAndRuleForBadPort() {
        assertThat(run("server", "--secret", "s", "--port", "70000")).isEqualTo(2);
        assertThat(err.toString()).contains("port must be 0..65535").contains("70000");
    }

    /** The server's configuration names its fields (historyLimit, PT0S): the errors name the options as typed. */
    @Test
    void shouldNameTheOptionAndTheValueAsTypedWhenTheServerRefusesIt() {
        String[][] cases = {
            {"--history", "0", "--history must be >= 1: 0"},
            {"--rate", "0", "--rate must be > 0 events/s: 0"},
            {"--burst", "-1", "--burst must be >= 1: -1"},
            {"--idle-timeout", "0s", "--idle-timeout must be > 0: 0s"},
            {"--port", "-1", "--port must be 0..65535 (0 for a free port): -1"}};
        for (String[] c : cases) {
            err.getBuffer().setLength(0);
            assertThat(run("server", "--secret", "s", c[0], c[1])).as(c[0]).isEqualTo(ExitCode.INVALID_INPUT.code());
            assertThat(err.toString()).as(c[0]).isEqualTo("livetalk: " + c[2] + System.lineSeparator());
        }
    }

    @Test
    void shouldExitTwoForMalformedDuration() {
        assertThat(run("server", "--secret", "s", "--idle-timeout", "5 minutes")).isEqualTo(2);
        assertThat(err.toString()).contains("a duration is a whole number followed by ms, s or m")
                .contains("5 minutes");
    }

    @Test
    void shouldExitTwoNamingThePathWhenTheDataFolderIsAFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("plain"), "not a folder");
        assertThat(run("server", "--secret", "s", "--data", file.toString())).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(err.toString()).contains("--data must name a directory, but " + file + " is a file")
                .doesNotContain("\tat ");
    }

    @Test
    void shouldExitTwoNamingTheFileWhenTheHistoryIsDamaged(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("history.db"), "garbage ".repeat(1000));
        assertThat(run("server", "--secret", "s", "--data", dir.toString())).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(err.toString()).contains("durable history " + file + ": ").contains("not a database")
                .doesNotContain("\tat ");
    }

    @Test
    void shouldDescribeTheDataFolderInHelp() {
        assertThat(run("server", "--help")).isZero();
        assertThat(out.toString()).contains("--data=DIR", "acknowledged only", "history.db");
    }

    @Test
    void shouldExitOneWithAMessageAndNoStackTraceWhenThePortIsTaken() throws Exception {
        try (dev.livetalk.server.ReferenceServer taken = dev.livetalk.server.ReferenceServer.start(
                dev.livetalk.server.ServerConfig.builder("s").build())) {
            assertThat(run("server", "--secret", "s", "--port", String.valueOf(taken.port())))
                    .isEqualTo(ExitCode.HARNESS_FAILURE.code());
        }
        assertThat(err.toString()).contains("the harness failed: cannot listen on 127.0.0.1:")
                .doesNotContain("\tat ");
    }

    @Test
    void shouldExitOneSayingSoWhenTheGivenToxiproxyDoesNotAnswer(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path scenario = dir.resolve("s.yaml");
        java.nio.file.Files.writeString(scenario,
                "name: s\nseed: 1\nduration: 1s\nusers: [a, b]\nrooms:\n  - name: r\n    members: all\nload:\n  rate: 1\n");
        int code = run("run", scenario.toString(), "--toxiproxy", "http://127.0.0.1:1", "--out", dir.toString());
        assertThat(code).as(err.toString()).isEqualTo(ExitCode.HARNESS_FAILURE.code());
        assertThat(err.toString()).contains("no Toxiproxy answers at http://127.0.0.1:1 (from --toxiproxy)")
                .doesNotContain("\tat ");
    }

    @Test
    void shouldExitTwoForImpossibleBenchSettings() {
        assertThat(run("bench", "fanout", "--clients", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("clients must be >= 1: 0");
    }

    /** The measurement's threshold is read once a run has played; a wrong one is refused before anything plays. */
    @Test
    void shouldExitTwoNamingTheValueForABadWholeRoomThresholdBeforePlaying() {
        String scenario = StrategyJars.projectRoot().resolve("scenarios/outage.yaml").toString();
        System.setProperty(dev.livetalk.metrics.trace.TraceRecorder.WHOLE_ROOM_BYTES_PROPERTY, "-1");
        try {
            for (String[] args : java.util.List.of(new String[] {"run", scenario, "--network", "sim"},
                    new String[] {"bench", "soak", scenario, "--minutes", "1"})) {
                err.getBuffer().setLength(0);
                assertThat(run(args)).as(err.toString()).isEqualTo(ExitCode.INVALID_INPUT.code());
                assertThat(err.toString()).contains("-Dlivetalk.measure.wholeRoomBytes=-1", "a whole number >= 0")
                        .doesNotContain("\tat ");
                assertThat(out.toString()).doesNotContain("play");
            }
        } finally {
            System.clearProperty(dev.livetalk.metrics.trace.TraceRecorder.WHOLE_ROOM_BYTES_PROPERTY);
        }
    }

    /** The --json file is checked before Toxiproxy is asked for (here one that does not answer) and 20 s are measured. */
    @Test
    void shouldRefuseACalibrationFileThatCannotBeWrittenBeforeMeasuring(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("plain"), "a file");
        int code = run("calibrate", "--json", file.resolve("calibration.json").toString(), "--toxiproxy",
                "http://127.0.0.1:1");
        assertThat(code).as(err.toString()).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(err.toString()).contains("--json " + file.resolve("calibration.json") + " cannot be written: " + file
                + " is a file, not a folder").doesNotContain("Toxiproxy answers").doesNotContain("\tat ");
    }

    @Test
    void shouldRefuseAReportOutputThatIsAFileBeforeReading(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("plain"), "a file");
        java.nio.file.Path results = java.nio.file.Files.writeString(dir.resolve("results.json"), "{}");
        assertThat(run("report", results.toString(), "--out", file.toString())).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(err.toString()).contains("--out must name a folder to write into, but " + file + " is a file")
                .doesNotContain("\tat ");
        assertThat(run("report", dir.resolve("nope").toString(), "--out", dir.resolve("out").toString()))
                .isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(err.toString()).contains("no such results file or folder: " + dir.resolve("nope"));
        assertThat(dir.resolve("out")).doesNotExist();
    }
}
