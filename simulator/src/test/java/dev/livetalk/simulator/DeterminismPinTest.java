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
 * the trace hash, and a digest of the figures measured from it (the strategy's whole result:
 * correctness, latency figures, rooms, recovery) and of what the network did. The trace hashes
 * were pinned again when the hash became the digest of the trace as recorded, spill included
 * ({@code TraceRecorder#digest}), and again when the spill wrote a final transcript as its
 * differences from the room's previous one; the figures' digests did not move. The sweep's figures
 * were pinned again when a window's recovery figures reached to the first window starting at or
 * after its end (the message loss from 1 s to 8 s had stopped at the down window starting inside
 * it, at 4 s); its trace did not move. lost-ack's row moved when a connect attempt under a timeout
 * fault failed by the fault's timeout or end, as Toxiproxy's timeout toxic closes its connections
 * (it vanished, and the clients waited 3 s for their dead-link detection: welcomed back 2.9 s after
 * the window against 0.04 s through Toxiproxy). Every figures' digest moved when each window named its slowest
 * client ({@code WindowRecovery.slowest}); with it left out of the digest, every row gave its earlier pin. Every trace
 * hash but the 200 clients' (no fault, so no attempt after the load began) moved when the trace recorded each
 * connection attempt and why a failed one failed ({@code ClientTrace.connects}), and every figures' digest when the slowest client counted its
 * attempts; with both left out of the digests, every row gave its earlier pin. A change to the
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
                    + "4179d8f4759270b6f1da4bac9bbed00e780576c3b33ceea8f7205e6460ba348a, 2465947377e11d69351cdad5",
            "sweep-10, reconcile, 2, true, "
                    + "4d690a227ea4316a782e059cc3690bba4ae8b57eea9456f3010a44ce319c40e9, c720a4e9ca0bac2ab21e40d8",
            "sweep-10, reconcile, 3, false, "
                    + "c458576c49161571b72d9f72996f374ed73fc0309a9c6cf3dafa23e7fc6af8bb, 66dd67a6bed0658fe3c28b55",
            "sweep-10, event-only, 4, true, "
                    + "cdd48c3aec4c000336e54042396abbf1880e5639be59cac00e944a7823646550, bbe4d440a206bc7ac9c0f495",
            "outage.yaml, reconcile, 4, true, "
                    + "aa2432c7f69385a91d06ad8c347071b1f33ad37c44e0edbb6fec4a2120ff74ee, 81d9f89c92d82adfecbbb403",
            "lost-ack.yaml, reconcile, 9, true, "
                    + "e5c7aa75eb2dc512d91807cf20fbc95730c1c740cfee72254b70c8b325d70374, d58c7e80d0353184069c3061",
            "server-pause.yaml, reconcile, 5, true, "
                    + "81a84d2bd436c69b67a6f9aab151ffcf13093b05f884493cf250602fa7c22b4a, d17b5eb865fcf655d13703fb",
            "crash-durable.yaml, reconcile, 6, true, "
                    + "01af65a2da204a1efafbbe7ce253ed608e6bec086b86fb67f20e5ef3ab9879c2, 0fa243363119a21c9c74aa99",
            "scale/200-clients.yaml, reconcile, 200, true, "
                    + "d221810ee5c3f9683f90ad87a85c590b99e5c6448f6f98a3696fa5a92c053bdb, f2d70a844156702569039c71",
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
        // the pins were taken before results had a drift block (these runs are too short for one: null) and a
        // count of late sends (0 in virtual time)
        String result = StrategyResult.of(m, List.of(), List.of()).toString()
                .replace(", drift=null, lateSends=0]", "]");
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
