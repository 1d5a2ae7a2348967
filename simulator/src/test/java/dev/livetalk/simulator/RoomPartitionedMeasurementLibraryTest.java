package dev.livetalk.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.livetalk.client.strategy.Strategies;
import dev.livetalk.metrics.Measurement;
import dev.livetalk.metrics.correctness.CorrectnessChecker;
import dev.livetalk.metrics.correctness.CorrectnessReport;
import dev.livetalk.metrics.latency.HlogWriter;
import dev.livetalk.metrics.latency.LatencyCollector;
import dev.livetalk.metrics.latency.LatencyReport;
import dev.livetalk.metrics.ledger.Ledger;
import dev.livetalk.metrics.ledger.LedgerBuilder;
import dev.livetalk.metrics.ledger.LedgerTable;
import dev.livetalk.metrics.recovery.RecoveryCheck;
import dev.livetalk.metrics.replay.ReplayedRun;
import dev.livetalk.metrics.results.StrategyResult;
import dev.livetalk.metrics.trace.ClientTrace;
import dev.livetalk.metrics.trace.RoomSlices;
import dev.livetalk.metrics.trace.RunTrace;
import dev.livetalk.scenarios.Scenario;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measuring a run one room at a time ({@link Measurement#of(RoomSlices, long, java.util.function.Consumer)})
 * gives exactly what measuring its whole replay at once gives: the same correctness report (examples
 * and their order included), latency series, recovery figures and ledger rows, for every built-in
 * strategy over library scenarios with several rooms, restarts without durable history and bounded
 * history. The whole replay is the oracle here alone.
 */
class RoomPartitionedMeasurementLibraryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"deploy-restart.yaml", "history-truncated.yaml", "outage.yaml", "flapping-link.yaml",
            "three-rooms-each"})
    void shouldMeasureARunRoomByRoomAsItsWholeReplay(String file) throws Exception {
        Scenario scenario = file.endsWith(".yaml") ? Scenarios.library(file)
                : Scenarios.parse(file, Scenarios.THREE_ROOMS_EACH);
        for (String strategy : Strategies.BUILT_IN) {
            RunTrace trace = SimulatedRunTest.play(scenario, strategy, scenario.seed()).trace();
            assertThat(trace.rooms()).as("rooms of " + file).hasSizeGreaterThan(1);
            assertSlicesPartition(trace);

            ReplayedRun whole = ReplayedRun.of(trace);
            CorrectnessReport correctness = CorrectnessChecker.check(whole);
            Measurement oracle = new Measurement(trace.strategy(), correctness,
                    LatencyCollector.collect(whole, LatencyReport.DEFAULT_INTERVAL_NANOS),
                    RecoveryCheck.of(whole, correctness.byClient()));
            Ledger oracleLedger = Ledger.of(whole);

            RoomSlices slices = RoomSlices.of(trace);
            LedgerBuilder rows = new LedgerBuilder(slices.run());
            Measurement measured = Measurement.of(slices, LatencyReport.DEFAULT_INTERVAL_NANOS, rows::add);

            String as = file + " " + strategy;
            assertThat(measured.correctness()).as(as + " correctness").isEqualTo(oracle.correctness());
            assertThat(measured.recovery()).as(as + " recovery").usingRecursiveComparison().isEqualTo(oracle.recovery());
            assertThat(json(measured)).as(as + " result").isEqualTo(json(oracle));
            assertThat(hlog(measured)).as(as + " interval log").isEqualTo(hlog(oracle));
            Ledger ledger = rows.build();
            for (LedgerTable table : LedgerTable.values()) {
                List<Object> expected = List.copyOf(oracleLedger.rows(table));
                assertThat(List.<Object>copyOf(ledger.rows(table))).as(as + " ledger " + table)
                        .containsExactlyInAnyOrderElementsOf(expected);
            }
        }
    }

    /** Every room-keyed entry of the trace is in the slice of its room, once; client-level entries in every slice. */
    private static void assertSlicesPartition(RunTrace trace) {
        Map<String, RunTrace> slices = trace.slices();
        assertThat(slices.keySet()).containsExactlyElementsOf(trace.rooms());
        slices.forEach((room, slice) -> {
            assertThat(slice).isEqualTo(trace.slice(room));
            assertThat(slice.clients()).extracting(ClientTrace::welcomes)
                    .containsExactlyElementsOf(trace.clients().stream().map(ClientTrace::welcomes).toList());
            assertThat(slice.clients()).extracting(ClientTrace::requests)
                    .containsExactlyElementsOf(trace.clients().stream().map(ClientTrace::requests).toList());
            assertThat(slice.serverRequests()).isEmpty();
            assertThat(slice.finalEpoch()).isEqualTo(trace.finalEpoch());
        });
        for (Function<ClientTrace, ? extends java.util.Collection<?>> entries : List.<Function<ClientTrace,
                ? extends java.util.Collection<?>>>of(ClientTrace::sends, ClientTrace::changes, ClientTrace::readMarks,
                ClientTrace::receipts, ClientTrace::transmissions, ClientTrace::markers, ClientTrace::refetches,
                c -> c.joinedAt().entrySet(), c -> c.finalTranscripts().entrySet())) {
            long inSlices = slices.values().stream().flatMap(s -> s.clients().stream())
                    .mapToLong(c -> entries.apply(c).size()).sum();
            assertThat(inSlices).isEqualTo(trace.clients().stream().mapToLong(c -> entries.apply(c).size()).sum());
        }
        assertThat(slices.values().stream().mapToLong(s -> s.lostCommits().size()).sum())
                .isEqualTo(trace.lostCommits().size());
        assertThat(slices.values().stream().mapToLong(s -> s.serverLog().size()).sum())
                .isEqualTo(trace.serverLog().size());
    }

    /** The measurement's results as `results.json` writes them (also MemberByMemberMeasurementLibraryTest's). */
    static String json(Measurement measurement) throws Exception {
        return JSON.writeValueAsString(StrategyResult.of(measurement, List.of(), List.of()));
    }

    /** The measurement's interval log (also MemberByMemberMeasurementLibraryTest's). */
    static byte[] hlog(Measurement measurement) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HlogWriter.write(out, measurement.strategy(), measurement.latency(), 0);
        return out.toByteArray();
    }
}
