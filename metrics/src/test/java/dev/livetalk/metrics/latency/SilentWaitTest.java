package dev.livetalk.metrics.latency;

import dev.livetalk.client.transcript.MessageStatus;
import dev.livetalk.metrics.TraceFixture;
import dev.livetalk.metrics.TraceFixture.Client;
import dev.livetalk.metrics.replay.ReplayedRun;
import dev.livetalk.protocol.Message;
import dev.livetalk.scenarios.budget.Metric;
import dev.livetalk.scenarios.budget.Phase;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static dev.livetalk.metrics.TraceFixture.ms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SilentWaitTest {
    private final TraceFixture run = new TraceFixture("test");

    private LatencySeries silentWait() {
        return LatencyCollector.collect(ReplayedRun.of(run.build())).series(Metric.SILENT_WAIT, Phase.ALL);
    }

    private static void assertNanos(long actual, long expected) {
        assertThat((double) actual).isCloseTo(expected, within(expected * 0.001 + 1));
    }

    @Test
    void shouldTakeTheLongestUnchangedStatusUntilRead() {
        Client alice = run.client("alice").join("lobby", 0);
        Client bob = run.client("bob").join("lobby", 0);
        alice.send("lobby", "a1", 1_000, 1_000, 1_000);
        Message m1 = run.commit("lobby", "alice", "a1", 1_030);
        alice.ackBySeq("a1", m1, 1_050);
        bob.place(m1, 1_060);
        alice.status("lobby", m1.id(), MessageStatus.DELIVERED, 1_300)
                .status("lobby", m1.id(), MessageStatus.READ, 1_400);
        bob.place(run.commit("lobby", "bob", "late", 5_000), 5_000); // the run goes on: READ ended the wait

        Histogram h = silentWait().corrected();

        assertThat(h.getTotalCount()).isEqualTo(1);
        assertNanos(h.getMaxValue(), ms(250)); // SENT from 1 050 to DELIVERED at 1 300
    }

    @Test
    void shouldCountTheHarnessLagBeforeTheEchoInTheCorrectedFigureOnly() {
        Client alice = run.client("alice").join("lobby", 0);
        alice.send("lobby", "a1", 1_000, 1_400, 1_400);
        Message m1 = run.commit("lobby", "alice", "a1", 1_410);
        alice.ackBySeq("a1", m1, 1_420).status("lobby", m1.id(), MessageStatus.READ, 1_500);

        LatencySeries series = silentWait();

        assertNanos(series.corrected().getMaxValue(), ms(400));
        assertNanos(series.raw().getMaxValue(), ms(80));
    }

    @Test
    void shouldRunAnUnfinishedStatusToTheEndOfTheRunAndStopAtFailed() {
        Client alice = run.client("alice").join("lobby", 0);
        Client bob = run.client("bob").join("lobby", 0);
        alice.send("lobby", "a1", 1_000, 1_000, 1_000).send("lobby", "a2", 1_100, 1_100, 1_100);
        Message m1 = run.commit("lobby", "alice", "a1", 1_010);
        alice.ackBySeq("a1", m1, 1_020).fail("lobby", "a2", 1_200);
        bob.place(m1, 3_020); // the last event of the run

        Histogram h = silentWait().corrected();

        assertThat(h.getTotalCount()).isEqualTo(2);
        assertNanos(h.getMaxValue(), ms(2_000)); // a1: SENT from 1 020 to the end at 3 020
        assertNanos(h.getMinValue(), ms(100));   // a2: PENDING from 1 100 to FAILED at 1 200
    }

    @Test
    void shouldCountASendWhoseLineNeverAppearedAsNever() {
        Client alice = run.client("alice").join("lobby", 0);
        alice.send("lobby", "a1", 1_000, 1_000, -1);

        LatencySeries series = silentWait();

        assertThat(series.never()).isEqualTo(1);
        assertThat(series.corrected().getTotalCount()).isZero();
    }
}
