package dev.livetalk.simulator;

import dev.livetalk.metrics.Measurement;
import dev.livetalk.metrics.results.StrategyResult;
import dev.livetalk.scenarios.Scenario;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins what a few seeds of a few scenarios give, taken on the simulator before its speed work:
 * the trace hash, and a digest of the figures measured from it (the strategy's whole result: correctness,
 * latency figures, rooms, recovery) and of what the network did. A change to the
 * simulator that is meant to be only faster must keep every row; a change that moves one
 * changes what a seed means, which sweeps and repro lines rely on, and must say why.
 */
class DeterminismPinTest {
    /** The bench's sweep scenario (a copy): 10 clients, message loss and a down window. */
    static final String SWEEP_10 = """
            name: sweep-10-clients
            seed: 1
            network: sim
            duration: 10s
            warmup: 1s
            quiesce: 3s
            users: {count: 10, prefix: user}
            rooms: {count: 2, prefix: room}
            load: {rate: 2, arrival: poisson}
            faults:
              - {type: message-loss, probability: 0.02, direction: downstream, at: 1s, for: 7s}
              - {type: down, at: 4s, for: 1s, target: {share: 0.3}}
            """;

    @ParameterizedTest(name = "{0} {1} seed {2} codec {3}")
    @CsvSource({
            "sweep-10, reconcile, 1, true, "
                    + "abf65d503660fb94c62f7fe874e36445dcef7d5563aa3817fc910ce2fb6baa32, 3b409ff949acdb2a88f3fcc8",
            "sweep-10, reconcile, 2, true, "
                    + "99c95ed61b187e8c227a1a368d76780b03f835749e50178c19face2e87c2130d, 6a67d4f158150cc141894a18",
            "sweep-10, reconcile, 3, false, "
                    + "d09c5fd25b2cad8b9a7bcd1ede5d53a5097aef6bac3aa9d529a3bc7e6d919095, 902cd88b4c41e8e1fa349926",
            "sweep-10, event-only, 4, true, "
                    + "34038f545c5fbd579e0ba687006e84cdd7f3c619798a04d835adfb1e6234eb05, f152be579ecaf4e3ea2aee8b",
            "outage.yaml, reconcile, 4, true, "
                    + "7b36b82b9f9f849021f46593eec11512a95cd3b873c208f89956b54355dfd530, d20374f9b1106b4ab0c21f2c",
            "lost-ack.yaml, reconcile, 9, true, "
                    + "cba125775740c8f3dfe95e687cf38a63668cad92145581f4ec013daf9ebc9e68, 566245da2246a8394fa4e6a0",
            "server-pause.yaml, reconcile, 5, true, "
                    + "6ba33d29b37f2be59ea71ba171f1d42e83c8bdd779450f5c3af96b304932b7cd, ff199c5a868cf93ad3beead2",
            "crash-durable.yaml, reconcile, 6, true, "
                    + "14ff5a74a85f530d54576db05b314e4a58f34df1bd17096b3454ffa9b7cf0db1, d39d746390f43fad9e7b8de2",
            "scale/200-clients.yaml, reconcile, 200, true, "
                    + "c3964ea2ce8161cff7eb2efc5c28b5a2d143e0dcacee4686af288f4124650fad, e837d2f6986e3244cd791416",
    })
    void shouldGiveThePinnedTraceAndFigures(String scenario, String strategy, long seed, boolean codec,
                                            String trace, String figures) {
        Scenario loaded = scenario.equals("sweep-10") ? Scenarios.parse("sweep-10-clients", SWEEP_10)
                : Scenarios.library(scenario);
        SimulationResult run = new SimulatedRun(loaded, strategy, seed, SimSettings.DEFAULTS.withCodec(codec)).play();

        String found = run.traceHash() + ", " + figures(run);
        System.out.println("PIN " + scenario + ", " + strategy + ", " + seed + ", " + codec + ", " + found);
        assertThat(found).isEqualTo(trace + ", " + figures);
    }

    /** A digest of the run's measured figures and the network's counts. */
    static String figures(SimulationResult run) {
        Measurement m = Measurement.of(run.trace());
        // the pins were taken before results had a drift block; these runs are too short for one (null)
        String result = StrategyResult.of(m, List.of(), List.of()).toString().replace(", drift=null]", "]");
        StringBuilder text = new StringBuilder(canonical(result));
        text.append('|').append(run.network()).append('|').append(run.virtualEnd());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code text} with the entries of every map ({@code {k=v, ...}}) in sorted order: some maps
     * of a result are {@code Map.of}, whose iteration order changes from one JVM to the next.
     */
    static String canonical(String text) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '{') {
                out.append(c);
                i++;
                continue;
            }
            int end = matching(text, i);
            List<String> entries = new java.util.ArrayList<>();
            int depth = 0;
            int from = i + 1;
            for (int j = i + 1; j < end; j++) {
                char d = text.charAt(j);
                if (d == '{' || d == '[' || d == '(') {
                    depth++;
                } else if (d == '}' || d == ']' || d == ')') {
                    depth--;
                } else if (depth == 0 && d == ',' && j + 1 < end && text.charAt(j + 1) == ' ') {
                    entries.add(canonical(text.substring(from, j)));
                    from = j + 2;
                }
            }
            if (from < end) {
                entries.add(canonical(text.substring(from, end)));
            }
            entries.sort(null);
            out.append('{').append(String.join(", ", entries)).append('}');
            i = end + 1;
        }
        return out.toString();
    }

    private static int matching(String text, int open) {
        int depth = 0;
        for (int j = open; j < text.length(); j++) {
            char d = text.charAt(j);
            if (d == '{' || d == '[' || d == '(') {
                depth++;
            } else if (d == '}' || d == ']' || d == ')') {
                if (--depth == 0) {
                    return j;
                }
            }
        }
        throw new IllegalArgumentException("unbalanced at " + open + ": " + text);
    }
}
