package dev.livetalk.bench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code livetalk bench ceiling}'s arguments, every wrong one refused before Toxiproxy starts (exit 2). */
class CeilingBenchCommandTest extends CommandLineTest {
    private int ceiling(String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "bench";
        all[1] = "ceiling";
        all[2] = "--scenario";
        all[3] = Path.of("../scenarios/scale/200-clients.yaml").toString();
        System.arraycopy(args, 0, all, 4, args.length);
        return run(all);
    }

    @Test
    void shouldDescribeItselfWithItsDefaultsAndExitCodes() {
        java.io.PrintStream saved = System.err;
        java.io.ByteArrayOutputStream picocliWarnings = new java.io.ByteArrayOutputStream(); // picocli warns on System.err
        System.setErr(new java.io.PrintStream(picocliWarnings, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertThat(run("bench", "ceiling", "--help")).isZero();
        } finally {
            System.setErr(saved);
        }
        assertThat(picocliWarnings.toString(java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("Could not format");
        assertThat(out.toString().replaceAll("\\s+", " "))
                .contains("a latency fault on 20% of the clients", "(default 50,100,200,400)", "(default 60s)",
                        "(default 3)", "Exit codes:");
    }

    @Test
    void shouldRefuseBadClientCountsNamingTheValueAndTheRule() {
        assertThat(ceiling("--clients", "1,50")).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(err.toString()).contains("--clients: each count must be within 2..5000: 1");
        assertThat(ceiling("--clients", "50,100,50")).isEqualTo(2);
        assertThat(err.toString()).contains("--clients: 50 is named twice");
        assertThat(ceiling("--clients", "50,lots")).isEqualTo(2);
        assertThat(err.toString()).contains("--clients: 'lots' is not a whole number").contains("50,lots");
        assertThat(ceiling("--clients", "50,,100")).isEqualTo(2);
        assertThat(err.toString()).contains("--clients: '' is not a whole number");
        assertThat(err.toString()).doesNotContain("Exception", "\tat ");
    }

    /** A count whose load, at the shape's rate per client, is more than a scenario's may be. */
    @Test
    void shouldRefuseAClientCountWhoseLoadIsOverAScenariosLimit(@TempDir Path dir) throws Exception {
        Path busy = java.nio.file.Files.writeString(dir.resolve("busy.yaml"), "name: busy\nseed: 1\nduration: 60s\n"
                + "users: {count: 20}\nrooms: {count: 2}\nload: {rate: 100}\n");

        assertThat(run("bench", "ceiling", "--scenario", busy.toString(), "--clients", "50,1001"))
                .isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(err.toString()).contains("--clients: 1001 clients at the shape's 100.0 messages/s each would send"
                + " 100100 messages/s in all; a scenario's load is at most 100000 messages/s")
                .doesNotContain("Exception", "\tat ");
    }

    @Test
    void shouldRefuseADurationTooShortForTheFaultAndBadRepeats() {
        assertThat(ceiling("--duration", "5s")).isEqualTo(2);
        assertThat(err.toString()).contains("--duration must be within 6s..60m", "lasts 500 ms): 5s");
        assertThat(ceiling("--duration", "forever")).isEqualTo(2);
        assertThat(err.toString()).contains("a duration is a whole number");
        assertThat(ceiling("--repeat", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--repeat must be within 1..100: 0");
        assertThat(ceiling("--warmup-plays", "-1")).isEqualTo(2);
        assertThat(err.toString()).contains("--warmup-plays must be within 0..10: -1");
        assertThat(ceiling("--strategy", "optimistic")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown strategy 'optimistic'");
    }

    @Test
    void shouldRefuseAMissingScenarioAndAJsonFileThatCannotBeWritten(@TempDir Path dir) throws Exception {
        assertThat(run("bench", "ceiling", "--scenario", dir.resolve("none.yaml").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--scenario: no such scenario file", "none.yaml");
        Path file = java.nio.file.Files.writeString(dir.resolve("file"), "x");
        assertThat(ceiling("--json", file.resolve("out.json").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--json");
    }
}
