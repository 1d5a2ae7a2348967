package dev.livetalk.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.livetalk.metrics.latency.HlogWriter;
import dev.livetalk.metrics.latency.LatencyReport;
import dev.livetalk.metrics.results.StrategyResult;
import dev.livetalk.metrics.trace.RoomSlices;
import dev.livetalk.metrics.trace.RunTrace;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded random traces of flawed strategies ({@link RandomTraces}) measured with each member's final lines kept
 * and folded as they settle: the same results (examples and their order included) and interval logs, or the
 * same refusal. With {@code -Dhrev.dump=DIR} each seed's figures are written there, to compare with another
 * build's.
 */
class FoldsRandomTraceTest {
    private static final int SEEDS = Integer.getInteger("hrev.seeds", 200);
    /** Map entries by key: an enum's hash (the outcomes' order in a copied map) is not the same in another build's classes. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    static String figures(RunTrace trace, boolean keepLines) {
        try {
            Measurement m = Measurement.of(RoomSlices.of(trace), LatencyReport.DEFAULT_INTERVAL_NANOS, keepLines,
                    room -> { });
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            HlogWriter.write(out, m.strategy(), m.latency(), 0);
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(StrategyResult.of(m, List.of(), List.of()))
                    + "\nhlog " + Base64.getEncoder().encodeToString(out.toByteArray()) + "\n"
                    + ledger(trace);
        } catch (Exception e) {
            return "refused: " + e.getClass().getName() + ": " + e.getMessage() + "\n";
        }
    }

    /** The ledger's rows of the whole replay, each table's sorted (the ledger reads the final lines and placements). */
    static String ledger(RunTrace trace) {
        try {
            dev.livetalk.metrics.ledger.Ledger ledger = dev.livetalk.metrics.ledger.Ledger.of(
                    dev.livetalk.metrics.replay.ReplayedRun.of(trace));
            StringBuilder rows = new StringBuilder();
            for (dev.livetalk.metrics.ledger.LedgerTable table : dev.livetalk.metrics.ledger.LedgerTable.values()) {
                ledger.rows(table).stream().map(String::valueOf).sorted()
                        .forEach(row -> rows.append(table).append(' ').append(row).append('\n'));
            }
            return rows.toString();
        } catch (RuntimeException e) {
            return "ledger refused: " + e + "\n";
        }
    }

    @Test
    void shouldMeasureRandomFlawedTracesTheSameWithTheLinesFoldedAsKept() throws Exception {
        String dump = System.getProperty("hrev.dump");
        int refused = 0;
        for (long seed = 0; seed < SEEDS; seed++) {
            RunTrace trace = RandomTraces.of(seed);
            String kept = figures(trace, true);
            String folded = figures(RandomTraces.of(seed), false);
            if (kept.startsWith("refused")) {
                refused++;
            }
            if (dump != null) {
                Files.createDirectories(Path.of(dump));
                Files.writeString(Path.of(dump, "seed-" + seed + ".txt"), kept);
            }
            assertThat(folded).as("seed " + seed).isEqualTo(kept);
        }
        assertThat(refused).as("traces refused").isLessThan(SEEDS / 4);
    }

    /** With {@code -Dhrev.old=DIR} (the metrics module of another build, compiled with these tests): the same figures. */
    @Test
    void shouldMeasureRandomFlawedTracesAsTheOldBuildDid() throws Exception {
        String old = System.getProperty("hrev.old");
        org.junit.jupiter.api.Assumptions.assumeTrue(old != null, "no -Dhrev.old");
        OldBuildComparison before = new OldBuildComparison(Path.of(old));
        int differ = 0;
        StringBuilder first = new StringBuilder();
        for (long seed = 0; seed < SEEDS; seed++) {
            String was = before.figures(seed);
            String kept = figures(RandomTraces.of(seed), true);
            String folded = figures(RandomTraces.of(seed), false);
            if (!was.equals(kept) || !was.equals(folded)) {
                differ++;
                if (first.isEmpty()) {
                    first.append("seed ").append(seed).append(" kept same: ").append(was.equals(kept))
                            .append(", folded same: ").append(was.equals(folded));
                    String dump = System.getProperty("hrev.dump");
                    if (dump != null) {
                        Files.createDirectories(Path.of(dump));
                        Files.writeString(Path.of(dump, "was-" + seed + ".txt"), was);
                        Files.writeString(Path.of(dump, "kept-" + seed + ".txt"), kept);
                        Files.writeString(Path.of(dump, "folded-" + seed + ".txt"), folded);
                    }
                }
            }
        }
        assertThat(differ).as(first.toString()).isZero();
    }
}
