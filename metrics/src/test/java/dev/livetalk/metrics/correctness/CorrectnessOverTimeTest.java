package dev.livetalk.metrics.correctness;

import dev.livetalk.metrics.TraceFixture;
import dev.livetalk.metrics.TraceFixture.Client;
import dev.livetalk.metrics.replay.ReplayedRun;
import dev.livetalk.protocol.Message;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.livetalk.metrics.TraceFixture.ms;
import static org.assertj.core.api.Assertions.assertThat;

class CorrectnessOverTimeTest {
    private static final long SECOND = ms(1_000);

    private static List<CorrectnessInterval> overTime(TraceFixture run) {
        return CorrectnessChecker.check(ReplayedRun.of(run.build())).overTime();
    }

    @Test
    void shouldCountOneInversionOnePendingAndOneMissingAtTheEndOfAnInterval() {
        TraceFixture run = new TraceFixture("event-only");
        Client bob = run.client("bob").join("lobby", 0);
        Message m1 = run.commit("lobby", "alice", "a1", 100);
        Message m2 = run.commit("lobby", "alice", "a2", 200);
        Message m3 = run.commit("lobby", "alice", "a3", 300);
        Message m4 = run.commit("lobby", "alice", "a4", 1_500);
        bob.append(m2, 250).append(m1, 350);     // shown the wrong way round: one inversion
        bob.send("lobby", "b1", 1_200, 1_200, 1_200); // an echo never acknowledged: pending
        bob.append(m3, 2_500).append(m4, 2_600); // m3 due from 1.3 s, shown at 2.5 s: missing at 2 s
        assertThat(overTime(run)).containsExactly(
                new CorrectnessInterval(0, SECOND, 1, 0, 0),
                new CorrectnessInterval(SECOND, SECOND, 1, 1, 1),
                new CorrectnessInterval(2 * SECOND, SECOND, 1, 1, 0));
    }

    @Test
    void shouldSumOverClientsAndOnlyCountEntitledMessagesAsMissing() {
        TraceFixture run = new TraceFixture("ordered");
        Client alice = run.client("alice").join("lobby", 0);
        Client carol = run.client("carol").join("lobby", 1); // joined after m1: not entitled to it
        Message m1 = run.commit("lobby", "bob", "b1", 100);
        run.commit("lobby", "bob", "b2", 200);               // nobody ever shows m2
        alice.place(m1, 150);
        carol.place(run.commit("lobby", "bob", "b3", 1_900), 1_950);
        List<CorrectnessInterval> intervals = overTime(run);
        assertThat(intervals).extracting(CorrectnessInterval::missing).containsExactly(0L, 2L);
        assertThat(intervals).extracting(CorrectnessInterval::inversions).containsExactly(0L, 0L);
    }

    @Test
    void shouldCountALineThatGoesAwayAfterItWasDueAsMissingAgain() {
        TraceFixture run = new TraceFixture("snapshot");
        Client bob = run.client("bob").join("lobby", 0);
        Message m1 = run.commit("lobby", "alice", "a1", 100);
        bob.place(m1, 150);
        bob.remove("lobby", m1.id(), 2_500);
        assertThat(overTime(run)).extracting(CorrectnessInterval::missing).containsExactly(0L, 0L, 1L);
    }

    @Test
    void shouldStartIntervalsAtTheEndOfTheWarmUp() {
        TraceFixture run = new TraceFixture("reconcile", 1_000);
        Client bob = run.client("bob").join("lobby", 0);
        bob.place(run.commit("lobby", "alice", "a1", 500), 600); // during the warm-up
        bob.place(run.commit("lobby", "alice", "a2", 2_500), 2_600);
        assertThat(overTime(run)).extracting(CorrectnessInterval::start).containsExactly(0L, SECOND);
    }
}
