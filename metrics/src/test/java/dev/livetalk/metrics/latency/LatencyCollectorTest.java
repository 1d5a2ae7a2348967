package dev.livetalk.metrics.latency;

import dev.livetalk.metrics.TraceFixture.Client;
import dev.livetalk.metrics.TraceFixture;
import dev.livetalk.metrics.replay.ReplayedRun;
import dev.livetalk.protocol.Message;
import dev.livetalk.scenarios.budget.Metric;
import dev.livetalk.scenarios.budget.Phase;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static dev.livetalk.metrics.TraceFixture.ms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LatencyCollectorTest {
    private final TraceFixture run = new TraceFixture("test");

    private LatencyReport collect() {
        return LatencyCollector.collect(ReplayedRun.of(run.build()));
    }

    /** HdrHistogram keeps 3 significant digits: equal within 0.1%. */
    private static void assertNanos(long actual, long expected) {
        assertThat((double) actual).isCloseTo(expected, within(expected * 0.001 + 1));
    }

    @Test
    void shouldMeasureEchoAndAckAtTheSenderFromTheIntendedSendTime() {
        Client alice = run.client("alice").join("lobby", 0);
        alice.send("lobby", "a1", 1_000, 1_000, 1_005);
        Message m1 = run.commit("lobby", "alice", "a1", 1_030);
        alice.ackBySeq("a1", m1, 1_050);
        LatencyReport report = collect();
        Histogram echo = report.series(Metric.ECHO, Phase.ALL).corrected();
        Histogram ack = report.series(Metric.ACK, Phase.ALL).corrected();
        assertThat(echo.getTotalCount()).isEqualTo(1);
        assertNanos(echo.getMaxValue(), ms(5));
        assertNanos(ack.getMaxValue(), ms(50));
    }

    @Test
    void shouldShowAStalledSendersWaitInTheCorrectedHistogramButNotInTheRawOne() {
        Client alice = run.client("alice").join("lobby", 0);
        Client bob = run.client("bob").join("lobby", 0);
        // the schedule meant a send every 10 ms from 0; the sender stalled and sent all ten at 100 ms
        for (int i = 0; i < 10; i++) {
            String id = "a" + i;
            alice.send("lobby", id, i * 10, 100, -1);
            Message m = run.commit("lobby", "alice", id, 102);
            bob.place(m, 105);
        }
        LatencyReport report = collect();
        Histogram corrected = report.series(Metric.PEER_FIRST, Phase.ALL).corrected();
        Histogram raw = report.series(Metric.PEER_FIRST, Phase.ALL).raw();
        assertThat(corrected.getTotalCount()).isEqualTo(10);
        assertNanos(raw.getMaxValue(), ms(5));
        assertNanos(raw.getMinValue(), ms(5));
        assertNanos(corrected.getMaxValue(), ms(105));      // intended at 0
        assertNanos(corrected.getMinValue(), ms(15));       // intended at 90
        assertNanos(corrected.getValueAtPercentile(50), ms(55)); // 5th of 15 25 ... 105
        Histogram lag = report.series(Metric.SCHEDULING_LAG, Phase.ALL).corrected();
        assertNanos(lag.getMaxValue(), ms(100));
    }

    @Test
    void shouldPhaseSamplesByTheirIntendedSendTime() {
        run.window("outage", 1_000, 2_000);
        Client alice = run.client("alice").join("lobby", 0);
        double[] intended = {500, 1_500, 1_900, 2_500};
        for (int i = 0; i < intended.length; i++) {
            alice.send("lobby", "a" + i, intended[i], intended[i], intended[i] + 1);
        }
        LatencyReport report = collect();
        assertThat(report.series(Metric.ECHO, Phase.BEFORE).corrected().getTotalCount()).isEqualTo(1);
        assertThat(report.series(Metric.ECHO, Phase.DURING).corrected().getTotalCount()).isEqualTo(2);
        assertThat(report.series(Metric.ECHO, Phase.AFTER).corrected().getTotalCount()).isEqualTo(1);
        assertThat(report.series(Metric.ECHO, Phase.ALL).corrected().getTotalCount()).isEqualTo(4);
    }

    @Test
    void shouldWaitForEveryLowerSeqBeforeCountingPeerFinal() {
        Client alice = run.client("alice").join("lobby", 0);
        Client bob = run.client("bob").join("lobby", 0);
        alice.send("lobby", "a1", 0, 0, -1).send("lobby", "a2", 0, 0, -1);
        Message m1 = run.commit("lobby", "alice", "a1", 10);
        Message m2 = run.commit("lobby", "alice", "a2", 20);
        bob.place(m2, 100).place(m1, 300); // m2 shown at 100 ms, complete below it only at 300 ms
        LatencyReport report = collect();
        Histogram first = report.series(Metric.PEER_FIRST, Phase.ALL).corrected();
        Histogram fin = report.series(Metric.PEER_FINAL, Phase.ALL).corrected();
        assertNanos(first.getMinValue(), ms(100));
        assertNanos(first.getMaxValue(), ms(300));
        assertThat(fin.getTotalCount()).isEqualTo(2);
        assertNanos(fin.getMinValue(), ms(300));
        assertNanos(fin.getMaxValue(), ms(300));
        assertThat(alice.id()).isNotEqualTo(bob.id());
    }

    @Test
    void shouldCountMessagesNeverDeliveredAsUnmatchedNotAsSamples() {
        Client alice = run.client("alice").join("lobby", 0);
        Client bob = run.client("bob").join("lobby", 0);
        run.client("carol").join("lobby", 0);
        alice.send("lobby", "a1", 0, 0, 1).send("lobby", "a2", 0, 0, 2).send("lobby", "a3", 0, 0, 3);
        Message m1 = run.commit("lobby", "alice", "a1", 10);
        run.commit("lobby", "alice", "a2", 20);
        Message m3 = run.commit("lobby", "alice", "a3", 30);
        bob.place(m1, 15).place(m3, 35); // m2 lost at bob; carol shows nothing
        LatencyReport report = collect();
        LatencySeries first = report.series(Metric.PEER_FIRST, Phase.ALL);
        LatencySeries fin = report.series(Metric.PEER_FINAL, Phase.ALL);
        assertThat(first.corrected().getTotalCount()).isEqualTo(2);
        assertThat(first.never()).isEqualTo(4);
        assertThat(fin.corrected().getTotalCount()).as("m3 sits after a gap at bob: no final place").isEqualTo(1);
        assertThat(fin.never()).isEqualTo(5);
        assertThat(report.series(Metric.ACK, Phase.ALL).never()).isEqualTo(3);
    }

    @Test
    void shouldMeasureReadReceiptLagFromTheMarkToTheSenderSeeingAReceiptAtOrAboveIt() {
        Client alice = run.client("alice").join("lobby", 0);
        Client bob = run.client("bob").join("lobby", 0);
        Message m1 = run.commit("lobby", "alice", "a1", 10);
        Message m2 = run.commit("lobby", "alice", "a2", 20);
        alice.place(m1, 11).place(m2, 21);
        bob.place(m1, 12).place(m2, 22);
        bob.read("lobby", 1, 500).read("lobby", 2, 900);
        alice.receipt("lobby", "bob", 2, 520); // covers the mark of seq 1 (20 ms); the mark of seq 2 comes later
        LatencySeries lag = collect().series(Metric.READ_RECEIPT_LAG, Phase.ALL);
        assertThat(lag.corrected().getTotalCount()).isEqualTo(1);
        assertNanos(lag.corrected().getMaxValue(), ms(20));
        assertThat(lag.never()).isEqualTo(1);
    }

    @Test
    void shouldMeasureReadReceiptLagAtEveryClientOfTheSenderInTheRoomAndNoneAtTheReadersOwn() {
        Client phone = run.client("alice").join("lobby", 0);
        Client laptop = run.client("alice", 2).join("lobby", 0);
        run.client("alice", 3).join("elsewhere", 0);        // not a member of the room: no sample
        Client bob = run.client("bob").join("lobby", 0);
        Client carol = run.client("carol").join("lobby", 0); // neither the reader nor the sender
        Message m1 = run.commit("lobby", "alice", "a1", 10);
        for (Client member : java.util.List.of(phone, laptop, bob, carol)) {
            member.place(m1, 11);
        }
        bob.read("lobby", 1, 500);
        phone.read("lobby", 1, 600);                          // alice reading her own message: no sample
        phone.receipt("lobby", "bob", 1, 530);
        laptop.receipt("lobby", "bob", 1, 570);
        carol.receipt("lobby", "bob", 1, 505);
        LatencySeries lag = collect().series(Metric.READ_RECEIPT_LAG, Phase.ALL);
        assertThat(lag.corrected().getTotalCount()).as("alice's phone and laptop").isEqualTo(2);
        assertNanos(lag.corrected().getMinValue(), ms(30));
        assertNanos(lag.corrected().getMaxValue(), ms(70));
        assertThat(lag.never()).isZero();
    }

    @Test
    void shouldNotMeasureSendsIntendedDuringTheWarmUp() {
        TraceFixture warm = new TraceFixture("test", 1_000);
        Client alice = warm.client("alice").join("lobby", 0);
        alice.send("lobby", "a1", 500, 500, 501).send("lobby", "a2", 1_500, 1_500, 1_502);
        LatencyReport report = LatencyCollector.collect(ReplayedRun.of(warm.build()));
        Histogram echo = report.series(Metric.ECHO, Phase.ALL).corrected();
        assertThat(echo.getTotalCount()).isEqualTo(1);
        assertNanos(echo.getMaxValue(), ms(2));
    }
}
