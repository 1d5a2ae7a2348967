package dev.livetalk.metrics.correctness;

import dev.livetalk.metrics.RoomProfileFixture;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.ToLongFunction;

import static org.assertj.core.api.Assertions.assertThat;

class RoomCorrectnessTest {
    private final CorrectnessReport report = RoomProfileFixture.measured("reconcile").correctness();

    @Test
    void shouldShowALostMessageInItsRoomOnly() {
        assertThat(report.byRoom()).extracting(RoomCorrectness::room).containsExactly("room-a", "room-b");
        CorrectnessFigures a = report.room("room-a").figures();
        CorrectnessFigures b = report.room("room-b").figures();
        assertThat(a.lost()).isEqualTo(1);
        assertThat(a.outcomes()).containsEntry(Outcome.LOST, 1L);
        assertThat(b.lost()).isZero();
        assertThat(b.outcomes()).containsEntry(Outcome.LOST, 0L).containsEntry(Outcome.OK, 3L);
    }

    @Test
    void shouldCountMembersAndTheMembersWhoseTranscriptOfTheRoomConverged() {
        CorrectnessFigures a = report.room("room-a").figures();
        CorrectnessFigures b = report.room("room-b").figures();
        assertThat(a.clients()).isEqualTo(2);
        assertThat(a.convergedClients()).isEqualTo(1);
        assertThat(a.convergedShare()).isEqualTo(50.0);
        assertThat(b.clients()).isEqualTo(3);
        assertThat(b.convergedClients()).isEqualTo(3);
        assertThat(report.figures().convergedClients()).isEqualTo(3); // bob's room-a keeps him out
    }

    @Test
    void shouldSumTheRoomsCountsToTheStrategyTotals() {
        List<ToLongFunction<CorrectnessFigures>> counts = List.of(CorrectnessFigures::lost,
                CorrectnessFigures::duplicates, CorrectnessFigures::phantoms, CorrectnessFigures::inversions,
                CorrectnessFigures::notInLongestRun, CorrectnessFigures::moves, CorrectnessFigures::causalViolations,
                CorrectnessFigures::stuckPending);
        for (ToLongFunction<CorrectnessFigures> count : counts) {
            long summed = report.byRoom().stream().mapToLong(r -> count.applyAsLong(r.figures())).sum();
            assertThat(summed).isEqualTo(count.applyAsLong(report.figures()));
        }
        for (Outcome outcome : Outcome.values()) {
            assertThat(report.byRoom().stream().mapToLong(r -> r.figures().outcomes().get(outcome)).sum())
                    .isEqualTo(report.figures().outcomes().get(outcome));
        }
    }

    @Test
    void shouldTimeConvergencePerRoomForTheMembersTheWindowTargeted() {
        assertThat(report.room("room-a").convergence().samples()).isEqualTo(2);
        assertThat(report.room("room-a").convergence().neverConverged()).isEqualTo(1); // bob never gets a2
        assertThat(report.room("room-b").convergence().samples()).isEqualTo(3);
        assertThat(report.room("room-b").convergence().neverConverged()).isZero();
        assertThat(report.room("room-b").figures().convergence().p99()).isZero();
    }
}
