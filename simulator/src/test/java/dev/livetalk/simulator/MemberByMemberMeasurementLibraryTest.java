package dev.livetalk.simulator;

import dev.livetalk.client.strategy.Strategies;
import dev.livetalk.client.transcript.TranscriptChange;
import dev.livetalk.metrics.Measurement;
import dev.livetalk.metrics.correctness.CorrectnessChecker;
import dev.livetalk.metrics.correctness.CorrectnessReport;
import dev.livetalk.metrics.latency.LatencyCollector;
import dev.livetalk.metrics.latency.LatencyReport;
import dev.livetalk.metrics.ledger.Ledger;
import dev.livetalk.metrics.ledger.LedgerBuilder;
import dev.livetalk.metrics.ledger.LedgerTable;
import dev.livetalk.metrics.recovery.RecoveryCheck;
import dev.livetalk.metrics.replay.ReplayedRun;
import dev.livetalk.metrics.replay.RoomReplay;
import dev.livetalk.metrics.trace.TraceRecorder;
import dev.livetalk.run.RunPlan;
import dev.livetalk.run.RunProgress;
import dev.livetalk.run.RunSettings;
import dev.livetalk.run.StrategyPlay;
import dev.livetalk.scenarios.Scenario;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run measured as a run is (the trace read back from its spill one room at a time, each
 * member's change log of the room read and replayed on its own and let go before the next:
 * {@link dev.livetalk.metrics.trace.RoomSlices#part}) gives exactly the figures of its whole
 * replay in memory: the same correctness report (examples and their order included), latency
 * series, recovery figures and ledger rows, for every built-in strategy, several seeds, library
 * scenarios with several rooms, restarts with and without durable history, bounded history, and
 * transcripts whose lines scroll away (evictions). Each seed is played three times (the simulator is
 * deterministic: the same trace digest): measured from the spill with every member's final lines kept
 * (the ledger built from them), measured from the spill with each line folded into the checks and the
 * ledger as it settles ({@link dev.livetalk.metrics.replay.LineFolds}: the same ledger rows, in the same
 * order), and replayed whole.
 */
class MemberByMemberMeasurementLibraryTest {
    private static final int SEEDS = 2;

    /** Busy rooms whose transcripts keep 12 lines on screen: lines scroll away all through, across a durable restart. */
    static final String SCROLLING = """
            name: scrolling
            seed: 21
            duration: 6s
            warmup: 1s
            quiesce: 3s
            users: {count: 9, prefix: user}
            rooms: {count: 3, prefix: room}
            load: {rate: 4, arrival: poisson}
            faults:
              - {type: restart, name: deploy, durable: true, at: 2s, for: 500ms}
              - {type: reset-peer, name: flap, at: 3500ms, for: 300ms, target: {share: 0.25}}
            server:
              history-limit: 40
            clients:
              transcript-limit: 12
            """;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"deploy-restart.yaml", "history-truncated.yaml", "flapping-link.yaml", "crash-durable.yaml",
            "three-rooms-each", "scrolling"})
    void shouldMeasureEachMemberOnItsOwnFromTheSpillAsTheWholeReplayInMemory(String file) throws Exception {
        Scenario scenario = switch (file) {
            case "three-rooms-each" -> Scenarios.parse(file, Scenarios.THREE_ROOMS_EACH);
            case "scrolling" -> Scenarios.parse(file, SCROLLING);
            default -> Scenarios.library(file);
        };
        for (String strategy : Strategies.BUILT_IN) {
            for (long seed = scenario.seed(); seed < scenario.seed() + SEEDS; seed++) {
                String as = file + " " + strategy + " seed " + seed;
                SimulationResult whole = SimulatedRunTest.play(scenario, strategy, seed);
                ReplayedRun replayed = ReplayedRun.of(whole.trace());
                CorrectnessReport correctness = CorrectnessChecker.check(replayed);
                Measurement oracle = new Measurement(whole.trace().strategy(), correctness,
                        LatencyCollector.collect(replayed, LatencyReport.DEFAULT_INTERVAL_NANOS),
                        RecoveryCheck.of(replayed, correctness.byClient()));
                Ledger oracleLedger = Ledger.of(replayed);

                LedgerBuilder[] rows = new LedgerBuilder[1];
                LedgerBuilder[] foldedRows = new LedgerBuilder[1];
                String[] digest = new String[1];
                // every room read one member at a time, however small its spill file
                System.setProperty(TraceRecorder.WHOLE_ROOM_BYTES_PROPERTY, "0");
                Measurement measured;
                Measurement folded;
                try {
                    measured = new StrategyPlay(new SimBackend(SimSettings.DEFAULTS),
                            RunPlan.resolve(scenario, seed), strategy, RunSettings.DEFAULTS, RunProgress.NONE)
                            .play((record, slices) -> {
                                digest[0] = record.digest();
                                rows[0] = new LedgerBuilder(slices.run());
                                return Measurement.of(slices, LatencyReport.DEFAULT_INTERVAL_NANOS, rows[0]::add);
                            });
                    // the ledger, too, reads every member's final lines as they settle
                    folded = new StrategyPlay(new SimBackend(SimSettings.DEFAULTS),
                            RunPlan.resolve(scenario, seed), strategy, RunSettings.DEFAULTS, RunProgress.NONE)
                            .play((record, slices) -> {
                                foldedRows[0] = new LedgerBuilder(slices.run());
                                return Measurement.of(slices, LatencyReport.DEFAULT_INTERVAL_NANOS,
                                        foldedRows[0].lineFolds(), room -> {
                                            assertThat(room.replays().values().stream()
                                                    .flatMap(rooms -> rooms.values().stream()))
                                                    .as(as + ": no replay kept its final lines")
                                                    .allMatch(RoomReplay::linesFolded);
                                            foldedRows[0].add(room);
                                        });
                            });
                } finally {
                    System.clearProperty(TraceRecorder.WHOLE_ROOM_BYTES_PROPERTY);
                }
                assertThat(folded.correctness()).as(as + " correctness, lines folded").isEqualTo(oracle.correctness());
                assertThat(RoomPartitionedMeasurementLibraryTest.json(folded)).as(as + " result, lines folded")
                        .isEqualTo(RoomPartitionedMeasurementLibraryTest.json(oracle));
                assertThat(RoomPartitionedMeasurementLibraryTest.hlog(folded)).as(as + " interval log, lines folded")
                        .isEqualTo(RoomPartitionedMeasurementLibraryTest.hlog(oracle));

                assertThat(digest[0]).as(as + ": the same run played twice").isEqualTo(whole.traceHash());
                assertThat(whole.trace().rooms()).as(as).hasSizeGreaterThan(1);
                assertThat(measured.correctness()).as(as + " correctness").isEqualTo(oracle.correctness());
                assertThat(measured.recovery()).as(as + " recovery").usingRecursiveComparison()
                        .isEqualTo(oracle.recovery());
                assertThat(RoomPartitionedMeasurementLibraryTest.json(measured)).as(as + " result")
                        .isEqualTo(RoomPartitionedMeasurementLibraryTest.json(oracle));
                assertThat(RoomPartitionedMeasurementLibraryTest.hlog(measured)).as(as + " interval log")
                        .isEqualTo(RoomPartitionedMeasurementLibraryTest.hlog(oracle));
                Ledger ledger = rows[0].build();
                Ledger foldedLedger = foldedRows[0].build();
                for (LedgerTable table : LedgerTable.values()) {
                    assertThat(List.<Object>copyOf(ledger.rows(table))).as(as + " ledger " + table)
                            .containsExactlyInAnyOrderElementsOf(List.copyOf(oracleLedger.rows(table)));
                    assertThat(List.<Object>copyOf(foldedLedger.rows(table))).as(as + " ledger " + table + ", lines folded")
                            .containsExactlyElementsOf(List.copyOf(ledger.rows(table)));
                }
                assertThat(ledger.deliveries()).as(as).isNotEmpty();
                if (file.equals("scrolling")) {
                    assertThat(whole.trace().clients().stream().flatMap(c -> c.changes().stream()))
                            .as(as + ": lines scrolled away").anyMatch(c -> c instanceof TranscriptChange.Evicted);
                }
            }
        }
    }
}
