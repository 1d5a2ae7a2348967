package dev.livetalk.metrics.replay;

import dev.livetalk.client.transcript.Transcript;
import dev.livetalk.client.transcript.TranscriptChange;
import dev.livetalk.metrics.Measurement;
import dev.livetalk.metrics.latency.LatencyReport;
import dev.livetalk.metrics.results.StrategyResult;
import dev.livetalk.metrics.trace.RoomSlices;
import dev.livetalk.metrics.trace.RunTrace;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A replay whose final lines go to a fold as they settle hands every line over in display order (each
 * evicted one while the replay goes, when it is evicted; the window's at the end), keeps its window's
 * alone, and refuses to hand out the final lines it did not keep; a run measured so has the same figures.
 */
class LineFoldsTest {

    /** {@link EvictionReplayTest}'s script: bob's transcript of two lines sees m1..m6 (m3 late), so four lines scroll away. */
    private static RunTrace play(int limit) {
        return EvictionReplayTest.play(limit);
    }

    @Test
    void shouldHandEveryFinalLineToItsFoldInDisplayOrderEachEvictedOneAsItIsEvicted() {
        RunTrace trace = play(2);
        RoomReplay kept = ReplayedRun.of(RoomSlices.of(trace), "lobby").of("bob-1", "lobby");
        Map<String, List<PlacedEntry>> handed = new HashMap<>();
        List<Long> evictedSoFar = new ArrayList<>();
        ReplayedRun folded = ReplayedRun.of(RoomSlices.of(trace), "lobby",
                (index, slice, client, room, joinedAt, unreachable) -> {
                    List<PlacedEntry> lines = handed.computeIfAbsent(client.clientId(), c -> new ArrayList<>());
                    return line -> {
                        lines.add(line);
                        if (line.evicted() && client.clientId().equals("bob-1")) {
                            evictedSoFar.add(line.entry().seq());
                        }
                    };
                });

        assertThat(trace.clients().get(0).changes()).filteredOn(c -> c instanceof TranscriptChange.Evicted).hasSize(4);
        RoomReplay bob = folded.of("bob-1", "lobby");
        assertThat(handed.get("bob-1")).isEqualTo(kept.finalEntries());
        assertThat(evictedSoFar).containsExactly(1L, 2L, 3L, 4L);
        assertThat(bob.linesFolded()).isTrue();
        assertThat(bob.windowEntries()).extracting(p -> p.entry().seq()).containsExactly(5L, 6L);
        assertThat(bob.windowEntries()).isEqualTo(kept.windowEntries());
        assertThat(bob.firstShown()).isEqualTo(kept.firstShown());
        assertThat(bob.transitions()).isEqualTo(kept.transitions());
    }

    @Test
    void shouldHandAnEvictedLineOverWhenItIsEvictedAndTheWindowsAtTheEnd() {
        List<PlacedEntry> handed = new ArrayList<>();
        DisplayOrder order = new DisplayOrder(0, "client x in room r", entry -> false,
                java.util.Collections.emptyNavigableSet(), handed::add);
        order.insert(1, entry(1), -1, 10);
        order.insert(2, entry(2), 1, 11);
        order.insert(3, entry(3), 2, 12);
        assertThat(handed).isEmpty();
        order.evict(1);
        assertThat(handed).containsExactly(new PlacedEntry(1, entry(1), 10, true));
        order.evict(2);
        assertThat(handed).extracting(PlacedEntry::entryNo).containsExactly(1L, 2L);

        assertThat(order.lines()).containsExactly(new PlacedEntry(3, entry(3), 12, false));
        assertThat(handed).extracting(PlacedEntry::entryNo).containsExactly(1L, 2L, 3L);
    }

    private static dev.livetalk.client.transcript.TranscriptEntry entry(long seq) {
        return new dev.livetalk.client.transcript.TranscriptEntry(seq, "m" + seq, "c" + seq, "carol", "hi", null,
                dev.livetalk.client.transcript.MessageStatus.SENT);
    }

    @Test
    void shouldRefuseToHandOutTheFinalLinesItDidNotKeep() {
        ReplayedRun folded = ReplayedRun.of(RoomSlices.of(play(2)), "lobby",
                (index, slice, client, room, joinedAt, unreachable) -> line -> { });

        assertThatThrownBy(() -> folded.of("bob-1", "lobby").finalEntries()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bob-1").hasMessageContaining("lobby").hasMessageContaining("LineFolds.KEEP");
        assertThat(ReplayedRun.of(RoomSlices.of(play(2)), "lobby").of("bob-1", "lobby").linesFolded()).isFalse();
    }

    @Test
    void shouldMeasureTheSameWithTheLinesFoldedAsKept() throws Exception {
        for (int limit : new int[] {1, 2, 3, Transcript.NO_LIMIT}) {
            Measurement kept = Measurement.of(RoomSlices.of(play(limit)), LatencyReport.DEFAULT_INTERVAL_NANOS, true,
                    room -> { });
            Measurement folded = Measurement.of(RoomSlices.of(play(limit)), LatencyReport.DEFAULT_INTERVAL_NANOS,
                    false, room -> assertThat(room.of("bob-1", "lobby").linesFolded()).isTrue());
            assertThat(folded.correctness()).as("limit " + limit).isEqualTo(kept.correctness());
            assertThat(JSON.writeValueAsString(StrategyResult.of(folded, List.of(), List.of()))).as("limit " + limit)
                    .isEqualTo(JSON.writeValueAsString(StrategyResult.of(kept, List.of(), List.of())));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
}
