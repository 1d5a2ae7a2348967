package dev.livetalk.metrics.latency;

import dev.livetalk.client.transcript.MessageStatus;
import dev.livetalk.client.transcript.TranscriptEntry;
import dev.livetalk.metrics.replay.PlacedEntry;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.SplittableRandom;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The final placements kept as times alone (the seqs with a time are the reachable ones above the join,
 * one after the other) answer every seq as a map of each counted seq's time would, with unreachable seqs,
 * lines below the join, echoes without a seq and lines out of step.
 */
class FinalPlacementTest {

    @Test
    void shouldAnswerEverySeqAsTheMapOfTheRunOfFinalLines() {
        long seed = 7_2026_1207L;
        SplittableRandom random = new SplittableRandom(seed);
        for (int round = 0; round < 300; round++) {
            long joinedAt = random.nextInt(0, 20);
            NavigableSet<Long> unreachable = new TreeSet<>();
            for (int i = random.nextInt(0, 6); i > 0; i--) {
                unreachable.add((long) random.nextInt(1, 80));
            }
            List<PlacedEntry> lines = new ArrayList<>();
            long seq = random.nextInt(0, 3) == 0 ? 1 : joinedAt + 1;
            for (int i = random.nextInt(0, 60); i > 0; i--) {
                int kind = random.nextInt(20);
                long shown = kind == 0 ? 0 : kind == 1 ? seq + 2 : seq; // an echo, a line out of step, the next
                lines.add(new PlacedEntry(i, entry(shown), random.nextLong(0, 1_000_000), false));
                if (kind > 1) {
                    seq++;
                }
            }
            FinalPlacement.Builder builder = new FinalPlacement.Builder("r", joinedAt, unreachable, null);
            lines.forEach(builder);
            FinalPlacement placement = builder.build();
            Map<Long, Long> expected = reference(lines, joinedAt, unreachable);
            Map<Long, Long> told = new java.util.LinkedHashMap<>();
            FinalPlacement.Builder telling = new FinalPlacement.Builder("r", joinedAt, unreachable, null, told::put);
            lines.forEach(telling);
            assertThat(told).as("seed %d round %d: each seq told with its time", seed, round).isEqualTo(expected);
            assertThat(List.copyOf(told.keySet())).as("seed %d round %d: in seq order", seed, round).isSorted();
            for (long s = -1; s < 100; s++) {
                assertThat(placement.at(s)).as("seed %d round %d seq %d", seed, round, s).isEqualTo(expected.get(s));
                assertThat(telling.hasTime(s)).as("seed %d round %d seq %d", seed, round, s)
                        .isEqualTo(expected.containsKey(s));
            }
        }
    }

    @Test
    void shouldKeepTheTimesOfALongRun() {
        SplittableRandom random = new SplittableRandom(5_000L);
        List<PlacedEntry> lines = new ArrayList<>();
        for (long seq = 3; seq < 5_003; seq++) { // past several growths of the times
            lines.add(new PlacedEntry(seq, entry(seq), random.nextLong(0, 10_000_000), seq < 4_000));
        }
        FinalPlacement.Builder builder = new FinalPlacement.Builder("r", 2, Collections.emptyNavigableSet(), null);
        lines.forEach(builder);
        FinalPlacement placement = builder.build();
        Map<Long, Long> expected = reference(lines, 2, Collections.emptyNavigableSet());
        assertThat(expected).hasSize(5_000);
        for (long s = 0; s < 5_010; s++) {
            assertThat(placement.at(s)).as("seq %d", s).isEqualTo(expected.get(s));
        }
    }

    @Test
    void shouldKeepNoTimeWhenEachIsToldAsItComes() {
        FinalPlacement.Builder telling = new FinalPlacement.Builder("r", 0, Collections.emptyNavigableSet(), null,
                (seq, at) -> { });
        telling.accept(new PlacedEntry(1, entry(1), 5, false));
        assertThat(telling.hasTime(1)).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(telling::build).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("told as they came");
    }

    @Test
    void shouldGiveNoTimeAfterTheFirstLineOutOfStep() {
        FinalPlacement.Builder builder = new FinalPlacement.Builder("r", 10, Collections.emptyNavigableSet(), null);
        List.of(new PlacedEntry(1, entry(11), 5, true), new PlacedEntry(2, entry(12), 3, true),
                new PlacedEntry(3, entry(14), 9, false), new PlacedEntry(4, entry(13), 9, false)).forEach(builder);
        FinalPlacement placement = builder.build();
        assertThat(placement.at(11)).isEqualTo(5);
        assertThat(placement.at(12)).isEqualTo(5); // the latest placement of any seq up to it
        assertThat(placement.at(13)).isNull();
        assertThat(placement.at(14)).isNull();
        assertThat(placement.at(10)).isNull();
    }

    /** The seqs of the run from the join with their times, as a map (what the placements kept before). */
    private static Map<Long, Long> reference(List<PlacedEntry> lines, long joinedAt, NavigableSet<Long> unreachable) {
        Map<Long, Long> times = new HashMap<>();
        long expected = joinedAt + 1;
        long latest = Long.MIN_VALUE;
        for (PlacedEntry placed : lines) {
            long seq = placed.entry().seq();
            if (seq == 0 || seq <= joinedAt || unreachable.contains(seq)) {
                continue;
            }
            while (unreachable.contains(expected)) {
                expected++;
            }
            if (seq != expected) {
                break;
            }
            latest = Math.max(latest, placed.placedAt());
            times.put(seq, latest);
            expected++;
        }
        return times;
    }

    private static TranscriptEntry entry(long seq) {
        return new TranscriptEntry(seq, seq == 0 ? null : "m" + seq, seq == 0 ? "c" : "c" + seq, "carol", "hi", null,
                seq == 0 ? MessageStatus.PENDING : MessageStatus.SENT);
    }
}
