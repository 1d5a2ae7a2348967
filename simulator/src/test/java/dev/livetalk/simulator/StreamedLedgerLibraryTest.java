package dev.livetalk.simulator;

import dev.livetalk.client.strategy.Strategies;
import dev.livetalk.metrics.ledger.Ledger;
import dev.livetalk.metrics.ledger.LedgerBuilder;
import dev.livetalk.metrics.ledger.LedgerFiles;
import dev.livetalk.metrics.ledger.LedgerTable;
import dev.livetalk.metrics.ledger.LedgerWriter;
import dev.livetalk.metrics.replay.ReplayedRun;
import dev.livetalk.metrics.trace.RoomSlices;
import dev.livetalk.metrics.trace.RunTrace;
import dev.livetalk.scenarios.Scenario;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger written room by room as a run is measured ({@link LedgerWriter}) holds the rows of
 * the ledger built in memory from the same rooms ({@link LedgerBuilder}), in the same order, row
 * for row, in every table: seeded simulated runs of every built-in strategy over library
 * scenarios with several rooms, and one whose users are each in three rooms (rows of one time
 * in several rooms: the merge's ties).
 */
class StreamedLedgerLibraryTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"deploy-restart.yaml", "history-truncated.yaml", "flapping-link.yaml", "three-rooms-each"})
    void shouldWriteTheRowsOfTheInMemoryLedgerInItsOrder(String file, @TempDir Path dir) throws IOException {
        Scenario scenario = file.endsWith(".yaml") ? Scenarios.library(file) : Scenarios.parse(file, Scenarios.THREE_ROOMS_EACH);
        for (String strategy : Strategies.BUILT_IN) {
            RunTrace trace = SimulatedRunTest.play(scenario, strategy, scenario.seed()).trace();
            LedgerFiles.Stamp stamp = new LedgerFiles.Stamp(scenario.name(), strategy, scenario.seed());

            RoomSlices memorySlices = RoomSlices.of(trace);
            assertThat(memorySlices.rooms()).as(file).hasSizeGreaterThan(1);
            LedgerBuilder rows = new LedgerBuilder(memorySlices.run());
            memorySlices.rooms().forEach(room -> rows.add(ReplayedRun.of(memorySlices, room)));
            Ledger ledger = rows.build();
            Path expected = dir.resolve(strategy + "-memory");
            LedgerFiles.write(expected, stamp, ledger);

            RoomSlices slices = RoomSlices.of(trace);
            Path streamed = dir.resolve(strategy + "-streamed");
            List<Ledger> parts = new ArrayList<>();
            try (LedgerWriter writer = LedgerWriter.open(streamed, stamp, slices.run(), parts::add)) {
                for (String room : slices.rooms()) {
                    writer.add(ReplayedRun.of(slices, room));
                }
                writer.finish();
            }

            String as = file + " " + strategy;
            for (LedgerTable table : LedgerTable.values()) {
                assertThat(lines(streamed.resolve(table.fileName()))).as(as + " " + table)
                        .containsExactlyElementsOf(lines(expected.resolve(table.fileName())));
            }
            assertThat(ledger.deliveries()).as(as).isNotEmpty();
            assertThat(ledger.receipts()).as(as).isNotEmpty();
            assertThat(parts.stream().flatMap(p -> p.messages().stream()).toList()).as(as)
                    .isEqualTo(ledger.messages());
            try (var left = Files.list(streamed)) {
                assertThat(left.map(p -> p.getFileName().toString())).as(as + " spill removed")
                        .noneMatch(name -> name.startsWith("."));
            }
        }
    }

    private static List<String> lines(Path gz) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }
}
