package dev.livetalk.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.livetalk.metrics.latency.HlogWriter;
import dev.livetalk.metrics.latency.LatencyReport;
import dev.livetalk.metrics.results.StrategyResult;
import dev.livetalk.metrics.trace.RoomSlices;
import dev.livetalk.metrics.trace.RunTrace;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded random traces of flawed strategies ({@link RandomTraces}: duplicates, phantoms, lines of a lost epoch,
 * replies before their parents, moved, removed and replaced lines, members back without history, rooms shown
 * without joining, transcript limits) measured with each member's final lines kept and folded as they settle:
 * the same results (examples and their order included) and interval logs, or the same refusal.
 */
class FoldsRandomTraceTest {
    private static final int SEEDS = 120;
    /** Map entries by key: a copied map's order is not the same from one JVM to the next. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    static String figures(RunTrace trace, boolean keepLines) {
        try {
            Measurement m = Measurement.of(RoomSlices.of(trace), LatencyReport.DEFAULT_INTERVAL_NANOS, keepLines,
                    room -> { });
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            HlogWriter.write(out, m.strategy(), m.latency(), 0);
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(StrategyResult.of(m, List.of(), List.of()))
                    + "\nhlog " + Base64.getEncoder().encodeToString(out.toByteArray()) + "\n";
        } catch (Exception e) {
            return "refused: " + e.getClass().getName() + ": " + e.getMessage() + "\n";
        }
    }

    @Test
    void shouldMeasureRandomFlawedTracesTheSameWithTheLinesFoldedAsKept() {
        int refused = 0;
        for (long seed = 0; seed < SEEDS; seed++) {
            String kept = figures(RandomTraces.of(seed), true);
            String folded = figures(RandomTraces.of(seed), false);
            if (kept.startsWith("refused")) {
                refused++;
            }
            assertThat(folded).as("seed " + seed).isEqualTo(kept);
        }
        assertThat(refused).as("traces refused").isLessThan(SEEDS / 4);
    }
}
