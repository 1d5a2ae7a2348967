package dev.livetalk.bench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code livetalk bench ceiling} through the real Toxiproxy, with tiny counts: the table's
 * structure and plausible figures, not timing (a shared machine's lag is whatever it is).
 */
class CeilingBenchCommandIT extends CommandLineTest {
    private static final Pattern ROUND = Pattern.compile(
            "(?m)^round (\\d)/1 +(\\d+) clients  scheduling lag p50 +([\\d.]+) ms  p99 +([\\d.]+) ms  max +([\\d.]+) ms"
                    + "  peer-final p99 (?:[\\d.]+ ms|never)  cores: harness ([\\d.]+)  toxiproxy ([\\d.]+|n/a)  machine ");
    private static final Pattern ROW = Pattern.compile("(?m)^\\| (\\d+) \\| 1 \\| [\\d.]+ \\| ([\\d.]+) \\| [\\d.]+ \\| [01] of 1 \\|");

    @TempDir
    Path dir;

    @Test
    void shouldPlayEveryCountThroughToxiproxyAndTabulateTheLagAndTheCpu() throws Exception {
        Path shape = Path.of(System.getProperty("livetalk.scenarios", "../scenarios"), "scale", "200-clients.yaml");
        Path json = dir.resolve("ceiling.json");

        int code = run("bench", "ceiling", "--scenario", shape.toString(), "--clients", "8,4", "--duration", "6s",
                "--repeat", "1", "--warmup-plays", "1", "--json", json.toString());

        String text = out.toString();
        assertThat(code).as(err + text).isZero();
        assertThat(text).contains("shape scale-200-clients (10 users per room, 5.25 msg/s per user, poisson arrival,"
                + " 1 fault scaled to the duration); clients [4, 8]; 6 s each; 1 round")
                .containsPattern("Toxiproxy \\S+ at http://127\\.0\\.0\\.1:\\d+ .*; open files: harness \\d+, toxiproxy ")
                .contains("warm-up 1/1 4 clients for 6 s, not counted");
        Matcher rounds = ROUND.matcher(text);
        List<Integer> played = new ArrayList<>();
        while (rounds.find()) {
            played.add(Integer.parseInt(rounds.group(2)));
            double p50 = Double.parseDouble(rounds.group(3));
            double p99 = Double.parseDouble(rounds.group(4));
            double max = Double.parseDouble(rounds.group(5));
            assertThat(p50).as("p50 <= p99 <= max").isLessThanOrEqualTo(p99);
            assertThat(p99).as("p99 (printed to 0.01 ms) <= max (printed to 0.1 ms: 0.25 can print as 0.2)")
                    .isLessThanOrEqualTo(max + 0.05);
            assertThat(Double.parseDouble(rounds.group(6))).as("harness cores").isPositive();
            if (!rounds.group(7).equals("n/a")) { // n/a only with an external Toxiproxy (TOXIPROXY_URL)
                assertThat(Double.parseDouble(rounds.group(7))).as("toxiproxy cores").isPositive();
            }
        }
        assertThat(played).as(text).containsExactly(4, 8);
        Matcher rows = ROW.matcher(text);
        List<Integer> tabled = new ArrayList<>();
        while (rows.find()) {
            tabled.add(Integer.parseInt(rows.group(1)));
        }
        assertThat(tabled).as(text).containsExactly(4, 8);
        assertThat(text).containsPattern("largest count holding the 10 ms scheduling-lag p99 budget: (none|4|8) in every"
                + " round.*, (none|4|8) in the median");

        JsonNode root = new ObjectMapper().readTree(Files.readString(json));
        assertThat(root.get("kind").asText()).isEqualTo("bench-ceiling");
        assertThat(root.get("clients").toString()).isEqualTo("[4,8]");
        assertThat(root.get("rounds")).hasSize(2);
        for (JsonNode round : root.get("rounds")) {
            assertThat(round.get("sends").asLong()).as("intended sends measured").isPositive();
            assertThat(round.get("loadSeconds").asDouble()).as("the CPU's window within the 6 s load").isBetween(2.0, 6.5);
            assertThat(round.get("playSeconds").asDouble()).as("the play holds warm-up, load and quiesce")
                    .isGreaterThan(2 + 6 + 5);
            assertThat(round.get("beforeLoadSeconds").asDouble()).isPositive()
                    .isLessThan(round.get("playSeconds").asDouble());
            assertThat(round.get("harnessCores").asDouble()).isPositive();
            assertThat(round.get("lagP99Millis").isNumber()).isTrue();
            double machine = round.get("machineCores").asDouble();
            assertThat(machine).as("machine cores").isPositive()
                    .isLessThanOrEqualTo(Runtime.getRuntime().availableProcessors() + 0.01);
        }
        assertThat(root.get("sizes").get(1).get("clients").asInt()).isEqualTo(8);
    }
}
