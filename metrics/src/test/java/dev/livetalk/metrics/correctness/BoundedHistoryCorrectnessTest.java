package dev.livetalk.metrics.correctness;

import dev.livetalk.metrics.BoundedHistoryRun;
import dev.livetalk.metrics.latency.LatencyCollector;
import dev.livetalk.metrics.latency.LatencyReport;
import dev.livetalk.metrics.latency.LatencySeries;
import dev.livetalk.scenarios.budget.Metric;
import dev.livetalk.scenarios.budget.Phase;
import dev.livetalk.metrics.ledger.DeliveryRow;
import dev.livetalk.metrics.ledger.Ledger;
import dev.livetalk.metrics.replay.ReplayedRun;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bounded-history rule (docs/METRICS.md, "Bounded history") over {@link BoundedHistoryRun}:
 * what the server dropped before a client came back is unreachable, not lost.
 */
class BoundedHistoryCorrectnessTest {
    private final ReplayedRun run = ReplayedRun.of(BoundedHistoryRun.trace("reconcile"));
    private final CorrectnessReport report = CorrectnessChecker.check(run);

    private RoomFigures of(String user) {
        return report.rooms().stream().filter(r -> r.clientId().equals(user + "-1")).findFirst().orElseThrow();
    }

    @Test
    void shouldCountWhatTheServerDroppedAsUnreachableForAClientThatFetchedEverythingStillHeld() {
        RoomFigures alice = of("alice");
        assertThat(alice.lost()).isZero();
        assertThat(alice.outcomes()).containsEntry(Outcome.UNREACHABLE, 5L).containsEntry(Outcome.OK, 5L)
                .doesNotContainKey(Outcome.LOST);
        assertThat(alice.converged()).isTrue();
        assertThat(run.of("alice-1", "lobby").unreachable()).containsExactly(3L, 4L, 5L, 6L, 7L);
        assertThat(run.of("alice-1", "lobby").transitions()).as("a correct prefix all along: 2 then 8").isEmpty();
    }

    @Test
    void shouldCountUnreachableForAClientThatReconnectedWithoutResumeAndFetchedHistory() {
        RoomFigures frank = of("frank");
        assertThat(frank.lost()).isZero();
        assertThat(frank.outcomes()).containsEntry(Outcome.UNREACHABLE, 5L);
        assertThat(frank.converged()).isTrue();
    }

    @Test
    void shouldStillCountAsLostWhatAClientNeverFetched() {
        RoomFigures carol = of("carol");
        assertThat(carol.lost()).as("no history refetch, no firstSeq: nothing unreachable").isEqualTo(8);
        assertThat(carol.outcomes()).doesNotContainKey(Outcome.UNREACHABLE);
        assertThat(carol.converged()).isFalse();
        RoomFigures dave = of("dave");
        assertThat(dave.lost()).as("seq 9 and 10 were still held").isEqualTo(2);
        assertThat(dave.outcomes()).containsEntry(Outcome.UNREACHABLE, 4L);
    }

    @Test
    void shouldNotCallUnreachableAMessageDisplayedBeforeTheWelcome() {
        RoomFigures dave = of("dave");
        assertThat(run.of("dave-1", "lobby").unreachable()).containsExactly(3L, 4L, 6L, 7L);
        assertThat(dave.outcomes()).containsEntry(Outcome.OK, 4L); // 1, 2, 5, 8
        RoomFigures erin = of("erin");
        assertThat(erin.lost()).as("seq 5 was shown, then removed before the welcome: the strategy's loss")
                .isEqualTo(1);
        assertThat(erin.outcomes()).containsEntry(Outcome.UNREACHABLE, 4L);
        assertThat(erin.converged()).isFalse();
    }

    @Test
    void shouldSumUnreachableInTheFiguresAndConvergeOnlyTheClientsWithNothingLost() {
        CorrectnessFigures figures = report.figures();
        assertThat(figures.lost()).isEqualTo(11);
        assertThat(figures.outcomes()).containsEntry(Outcome.UNREACHABLE, 18L);
        assertThat(figures.convergedClients()).isEqualTo(3); // bob, alice and frank
    }

    @Test
    void shouldNotCallUnfoundedADeliveredMarkerCoveringUnreachableMessages() {
        assertThat(report.figures().unfoundedDelivered()).isZero();
    }

    @Test
    void shouldTakeNoPeerLatencySampleNorNeverForAnUnreachablePair() {
        LatencyReport latency = LatencyCollector.collect(run);
        LatencySeries first = latency.series(Metric.PEER_FIRST, Phase.ALL);
        LatencySeries fin = latency.series(Metric.PEER_FINAL, Phase.ALL);
        // 5 peers x 10 sends = 50 pairs, 18 unreachable; shown: alice 5, carol 2, dave 4, erin 6 (5 went away), frank 5
        assertThat(first.corrected().getTotalCount() + first.never()).isEqualTo(32);
        assertThat(first.never()).isEqualTo(10); // carol 8, dave 2
        assertThat(fin.corrected().getTotalCount() + fin.never()).isEqualTo(32);
        // final places: alice and frank 1, 2, 8, 9, 10; carol 1, 2; dave 1, 2, 5, 8; erin 1, 2 (5 missing breaks the run)
        assertThat(fin.corrected().getTotalCount()).isEqualTo(18);
    }

    @Test
    void shouldMarkUnreachableDeliveriesInTheLedger() {
        Map<String, Long> unreachable = Ledger.of(run).deliveries().stream().filter(DeliveryRow::unreachable)
                .collect(Collectors.groupingBy(DeliveryRow::recipient, Collectors.counting()));
        assertThat(unreachable).isEqualTo(Map.of("alice", 5L, "dave", 4L, "erin", 4L, "frank", 5L));
    }
}
