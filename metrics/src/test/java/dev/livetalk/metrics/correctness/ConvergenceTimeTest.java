package dev.livetalk.metrics.correctness;

import dev.livetalk.metrics.TraceFixture;
import dev.livetalk.metrics.TraceFixture.Client;
import dev.livetalk.metrics.replay.ReplayedRun;
import dev.livetalk.protocol.Message;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.livetalk.metrics.TraceFixture.ms;
import static org.assertj.core.api.Assertions.assertThat;

class ConvergenceTimeTest {
    private final TraceFixture run = new TraceFixture("test");

    private ConvergenceTimes times() {
        return CorrectnessChecker.check(ReplayedRun.of(run.build())).convergence();
    }

    @Test
    void shouldMeasureFromTheWindowEndToTheGapBeingFilled() {
        run.window("outage", 10_000, 12_000, "bob");
        Client bob = run.client("bob").join("lobby", 0);
        Message m1 = run.commit("lobby", "alice", "a1", 10_400);
        Message m2 = run.commit("lobby", "alice", "a2", 11_000);
        Message m3 = run.commit("lobby", "alice", "a3", 11_400);
        bob.place(m1, 10_500).place(m3, 11_500); // m2 lost on the way: a gap from 11.5 s
        bob.place(m2, 12_300);                    // gap fill 300 ms after the window ended
        ConvergenceTimes times = times();
        assertThat(times.samples()).isEqualTo(1);
        assertThat(times.neverConverged()).isZero();
        assertThat(times.percentile(50)).hasValue(ms(300));
        assertThat(times.max()).hasValue(ms(300));
    }

    @Test
    void shouldCountZeroForAClientThatStayedCorrectAndOnlyTargetedClients() {
        run.window("outage", 10_000, 12_000, "bob", "alice");
        Client alice = run.client("alice").join("lobby", 0);
        Client bob = run.client("bob").join("lobby", 0);
        run.client("carol").join("lobby", 0); // not targeted: no sample
        Message m1 = run.commit("lobby", "alice", "a1", 10_400);
        Message m2 = run.commit("lobby", "alice", "a2", 11_000);
        alice.place(m1, 10_450).place(m2, 11_050);
        bob.place(m2, 11_500).place(m1, 12_800); // misordered until 12.8 s
        ConvergenceTimes times = times();
        assertThat(times.samples()).isEqualTo(2);
        assertThat(times.percentile(50)).hasValue(0L);
        assertThat(times.max()).hasValue(ms(800));
    }

    @Test
    void shouldIgnoreTheClientsOwnPendingEchoWithoutSeq() {
        run.window("outage", 1_000, 2_000);
        Client alice = run.client("alice").join("lobby", 0);
        Message m1 = run.commit("lobby", "bob", "b1", 500);
        alice.place(m1, 600);
        alice.send("lobby", "a1", 1_500, 1_500, 1_500); // never acknowledged: an echo at the bottom
        ConvergenceTimes times = times();
        assertThat(times.samples()).isEqualTo(1);
        assertThat(times.max()).hasValue(0L);
    }

    @Test
    void shouldCountAClientThatNeverBecomesACorrectPrefixAsNeverConverged() {
        run.window("outage", 1_000, 2_000);
        Client bob = run.client("bob").join("lobby", 0);
        Client carol = run.client("carol").join("lobby", 0);
        run.commit("lobby", "alice", "a1", 1_100);
        Message m2 = run.commit("lobby", "alice", "a2", 1_200);
        bob.place(m2, 1_300); // m1 never comes
        carol.place(run.commit("lobby", "alice", "a3", 1_400), 1_500); // seq 3 without 1 and 2
        ConvergenceTimes times = times();
        assertThat(times.samples()).isEqualTo(2);
        assertThat(times.neverConverged()).isEqualTo(2);
        assertThat(times.neverConvergedShare()).isEqualTo(1.0);
        assertThat(times.max()).isEmpty();
        assertThat(times.percentile(50)).isEmpty();
    }

    @Test
    void shouldNotConvergeForAWindowWhenTheNextWindowStartsFirst() {
        run.window("first", 1_000, 2_000).window("second", 3_000, 4_000);
        Client bob = run.client("bob").join("lobby", 0);
        Message m1 = run.commit("lobby", "alice", "a1", 1_100);
        Message m2 = run.commit("lobby", "alice", "a2", 1_200);
        bob.place(m2, 1_300).place(m1, 3_500); // still wrong when the second window starts
        ConvergenceTimes times = times();
        assertThat(times.samples()).isEqualTo(2);
        assertThat(times.neverConverged()).isEqualTo(1);
        assertThat(times.percentile(50)).hasValue(0L); // the second window: nothing wrong after it
        assertThat(times.sortedNanos()).containsExactly(0L);
    }

    @Test
    void shouldTellPerClientAndWindowWhenItConvergedOnTheFaultScheduleClock() {
        TraceFixture warmedUp = new TraceFixture("test", 1_000);
        warmedUp.window("outage", 10_000, 12_000, "bob", "carol");
        Client bob = warmedUp.client("bob").join("lobby", 0);
        Client carol = warmedUp.client("carol").join("lobby", 0);
        warmedUp.client("dave").join("lobby", 0); // not targeted: no sample
        Message m1 = warmedUp.commit("lobby", "alice", "a1", 10_400);
        Message m2 = warmedUp.commit("lobby", "alice", "a2", 11_000);
        bob.place(m2, 11_500).place(m1, 12_300); // a correct prefix 300 ms after the window ended
        carol.place(m2, 11_600);                 // m1 never comes
        List<ClientConvergence> byClient = CorrectnessChecker.check(ReplayedRun.of(warmedUp.build())).byClient();
        assertThat(byClient).containsExactly(
                new ClientConvergence(bob.id(), "outage", 0, ms(11_000), ms(300)),
                new ClientConvergence(carol.id(), "outage", 0, ms(11_000), null));
    }
}
