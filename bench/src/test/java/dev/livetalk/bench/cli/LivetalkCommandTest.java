package dev.livetalk.bench.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class LivetalkCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = LivetalkCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void shouldListCommandsAndExitCodesInHelp() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("server", "bench", "Exit codes:", "99");
    }

    @Test
    void shouldExitTwoOnUnknownOptionPointingAtHelp() {
        assertThat(run("server", "--prot", "8080")).isEqualTo(ExitCode.INVALID_INPUT.code());
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

    @Test
    void shouldExitTwoForMalformedDuration() {
        assertThat(run("server", "--secret", "s", "--idle-timeout", "5 minutes")).isEqualTo(2);
        assertThat(err.toString()).contains("a duration is a whole number followed by ms, s or m")
                .contains("5 minutes");
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
    void shouldExitTwoForImpossibleBenchSettings() {
        assertThat(run("bench", "fanout", "--clients", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("clients must be >= 1: 0");
    }
}
