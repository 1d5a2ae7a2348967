package dev.livetalk.metrics.correctness;

import dev.livetalk.metrics.TraceFixture;
import dev.livetalk.metrics.TraceFixture.Client;
import dev.livetalk.metrics.replay.LogicalMessage;
import dev.livetalk.metrics.replay.ReplayedRun;
import dev.livetalk.protocol.Message;
import dev.livetalk.protocol.ReceiptKind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two epochs built by hand: the server commits in history A, restarts at 3 s without durable
 * history and welcomes everybody back in history B at 4 s, numbering from seq 1 again. The run
 * is judged against B's log (docs/METRICS.md, "Server restarts").
 */
class ServerRestartCorrectnessTest {
    private final TraceFixture run = new TraceFixture("test").epoch("A");

    private Client member(String user) {
        return run.client(user).join("lobby", 0).welcome("main", "A", 0);
    }

    /** alice sends a1 and a2 in A, both acknowledged and shown by bob; returns their commits. */
    private Message[] epochA(Client alice, Client bob) {
        Message[] a = new Message[3];
        for (int i = 1; i <= 2; i++) {
            alice.send("lobby", "a" + i, i * 1_000, i * 1_000, i * 1_000 + 1);
            a[i] = run.commit("lobby", "alice", "a" + i, i * 1_000 + 30);
            alice.ackBySeq("a" + i, a[i], i * 1_000 + 40);
            bob.place(a[i], i * 1_000 + 50);
        }
        run.restart("B");
        alice.welcome("main", "B", 4_000);
        bob.welcome("main", "B", 4_000);
        return a;
    }

    /** alice sends a3 in B; her line is placed by its ack ({@code bySeq}, reconcile) or stays where it is (event-only). */
    private Message a3(Client alice, boolean bySeq) {
        alice.send("lobby", "a3", 5_000, 5_000, 5_001);
        Message b1 = run.commit("lobby", "alice", "a3", 5_030);
        if (bySeq) {
            alice.ackBySeq("a3", b1, 5_040);
        } else {
            alice.ackInPlace("a3", b1, 5_040);
        }
        return b1;
    }

    @Test
    void shouldFindAClientThatDroppedTheLostEpochAndRefetchedClean() {
        Client alice = member("alice");
        Client bob = member("bob");
        epochA(alice, bob);
        alice.clear("lobby", 4_010);
        bob.clear("lobby", 4_010);
        Message b1 = a3(alice, true);
        bob.place(b1, 5_050);
        ReplayedRun replayed = ReplayedRun.of(run.build());
        CorrectnessReport report = CorrectnessChecker.check(replayed);
        CorrectnessFigures f = report.figures();
        assertThat(List.of(f.lost(), f.duplicates(), f.phantoms(), f.inversions(), f.stuckPending())).containsOnly(0L);
        assertThat(f.convergedClients()).isEqualTo(2);
        assertThat(replayed.acknowledgedLost()).extracting(LogicalMessage::key)
                .containsExactly("send:alice-1:a1", "send:alice-1:a2");
        assertThat(replayed.trace().finalEpoch()).isEqualTo("B");
        assertThat(replayed.trace().log("lobby").messages()).hasSize(1);
    }

    @Test
    void shouldCallLinesAClientKeptFromTheLostEpochPhantomsAndTheClientNotConverged() {
        run.window("restart", 3_000, 7_000); // the trace, sampled over time, runs to 7 s
        Client alice = member("alice");
        Client bob = member("bob");
        epochA(alice, bob);
        Message b1 = a3(alice, false);
        bob.append(b1, 5_050);
        CorrectnessReport report = CorrectnessChecker.check(ReplayedRun.of(run.build()));
        CorrectnessFigures f = report.figures();
        assertThat(f.phantoms()).isEqualTo(4); // a1 and a2 at alice and at bob
        assertThat(f.convergedClients()).isZero();
        assertThat(f.lost()).isZero();
        assertThat(f.inversions()).isZero(); // lost-epoch seqs are never compared with B's
        assertThat(f.outcomes()).containsEntry(Outcome.OK, 2L).containsEntry(Outcome.RECOVERED, 0L)
                .containsEntry(Outcome.UNEXPECTED, 4L); // x1 was not missing: A's higher seqs do not count
        assertThat(report.overTime()).extracting(CorrectnessInterval::inversions).containsOnly(0L);
        assertThat(report.examples()).filteredOn(e -> e.kind() == ExampleKind.PHANTOM).extracting(Example::messageId)
                .contains("m1.A", "m2.A");
    }

    @Test
    void shouldEntitleAMemberOfAnEarlierEpochToTheNewEpochFromSeqOne() {
        run.commit("lobby", "alice", "a1", 500);
        run.commit("lobby", "alice", "a2", 600);
        Client carol = run.client("carol").join("lobby", 2).welcome("main", "A", 700);
        Client dave = run.client("dave").join("lobby", 2).welcome("main", "A", 700);
        run.restart("B");
        carol.welcome("main", "B", 4_000);
        dave.welcome("main", "B", 4_000);
        Message b1 = run.commit("lobby", "alice", "x1", 4_100);
        Message b2 = run.commit("lobby", "alice", "x2", 4_200);
        carol.place(b2, 4_250);
        dave.place(b1, 4_150).place(b2, 4_250);
        CorrectnessReport report = CorrectnessChecker.check(ReplayedRun.of(run.build()));
        assertThat(report.figures().lost()).isEqualTo(1);
        assertThat(report.examples()).filteredOn(e -> e.kind() == ExampleKind.LOST)
                .extracting(Example::clientId, Example::messageId).containsExactly(org.assertj.core.groups.Tuple.tuple(
                        carol.id(), "m1.B"));
        assertThat(report.figures().convergedClients()).isEqualTo(1);
    }

    @Test
    void shouldNotJudgeAMarkerOfTheLostEpochAgainstTheNewEpochsMessages() {
        Client bob = member("bob");
        for (int i = 1; i <= 3; i++) {
            bob.place(run.commit("lobby", "alice", "a" + i, i * 100), i * 100 + 10);
        }
        bob.marker("lobby", ReceiptKind.DELIVERED, 3, 2_000);
        run.restart("B");
        bob.welcome("main", "B", 4_000).clear("lobby", 4_010);
        Message b1 = run.commit("lobby", "alice", "x1", 4_050);
        bob.place(b1, 4_100).marker("lobby", ReceiptKind.DELIVERED, 1, 4_200);
        Message b2 = run.commit("lobby", "alice", "x2", 4_250);
        bob.marker("lobby", ReceiptKind.DELIVERED, 2, 4_300).place(b2, 4_400); // covers x2 before showing it
        CorrectnessReport report = CorrectnessChecker.check(ReplayedRun.of(run.build()));
        assertThat(report.figures().unfoundedDelivered()).isEqualTo(1);
        assertThat(report.examples()).filteredOn(e -> e.kind() == ExampleKind.UNFOUNDED_DELIVERED)
                .extracting(Example::messageId).containsExactly("m2.B");
    }

    @Test
    void shouldCountAMessageAckedThenLostAsAcknowledgedLostNotLost() {
        Client alice = member("alice");
        Client bob = member("bob");
        alice.send("lobby", "a1", 1_000, 1_000, 1_001);
        Message a1 = run.commit("lobby", "alice", "a1", 1_030);
        alice.ackBySeq("a1", a1, 1_040);
        bob.place(a1, 1_050);
        alice.send("lobby", "a2", 2_000, 2_000, 2_001);
        run.commit("lobby", "alice", "a2", 2_030); // its ack never came: the server died first
        run.restart("B");
        alice.welcome("main", "B", 4_000).remove("lobby", a1.id(), 4_010);
        bob.welcome("main", "B", 4_000).clear("lobby", 4_010);
        ReplayedRun replayed = ReplayedRun.of(run.build());
        CorrectnessFigures f = CorrectnessChecker.check(replayed).figures();
        assertThat(replayed.acknowledgedLost()).extracting(LogicalMessage::key).containsExactly("send:alice-1:a1");
        assertThat(replayed.trace().finalEpoch()).isEqualTo("B"); // nothing committed in B: its welcomes name it
        assertThat(f.lost()).isZero();
        assertThat(f.stuckPending()).isEqualTo(1); // a2 was never acknowledged nor resent: the strategy's flaw
        assertThat(f.phantoms()).isEqualTo(1); // a2's pending echo: the server no longer has it
    }

    @Test
    void shouldTieAResendCommittedAgainInTheNewEpochToOneMessage() {
        Client alice = member("alice");
        Client bob = member("bob");
        alice.send("lobby", "a1", 1_000, 1_000, 1_001);
        Message a1 = run.commit("lobby", "alice", "a1", 1_030);
        alice.ackBySeq("a1", a1, 1_040);
        bob.place(a1, 1_050);
        run.restart("B");
        alice.welcome("main", "B", 4_000).clear("lobby", 4_010);
        bob.welcome("main", "B", 4_000);
        Message again = run.commit("lobby", "alice", "a1", 4_100); // resent under the same client message id
        alice.place(again, 4_110);
        bob.append(again, 4_120);
        ReplayedRun replayed = ReplayedRun.of(run.build());
        CorrectnessFigures f = CorrectnessChecker.check(replayed).figures();
        LogicalMessage message = replayed.index().byId("lobby", "m1.B");
        assertThat(replayed.index().byId("lobby", "m1.A")).isSameAs(message);
        assertThat(message.lostCommits()).hasSize(1);
        assertThat(replayed.acknowledgedLost()).isEmpty();
        assertThat(f.duplicates()).isZero();
        assertThat(f.phantoms()).isEqualTo(1); // bob's line of m1.A: an id the server no longer has
        assertThat(f.convergedClients()).isEqualTo(1);
    }

    @Test
    void shouldConvergeAfterTheRestartOnlyOnceTheLostEpochsLinesAreGone() {
        run.window("blip", 1_000, 1_500).window("restart", 3_000, 4_000);
        Client bob = member("bob");
        Client carol = member("carol");
        Message a1 = run.commit("lobby", "alice", "a1", 500);
        bob.place(a1, 510);
        carol.place(a1, 510);
        run.restart("B");
        bob.welcome("main", "B", 4_000);
        carol.welcome("main", "B", 4_000);
        Message b1 = run.commit("lobby", "alice", "x1", 4_200);
        bob.clear("lobby", 4_500).place(b1, 4_600); // drops a1 (an empty prefix: good from then) and refetches
        carol.append(b1, 4_300);                    // keeps a1 above x1
        List<ClientConvergence> byClient = CorrectnessChecker.check(ReplayedRun.of(run.build())).byClient();
        assertThat(byClient).containsExactly(
                new ClientConvergence(bob.id(), "blip", 0, TraceFixture.ms(1_500), 0L),
                new ClientConvergence(carol.id(), "blip", 0, TraceFixture.ms(1_500), 0L),
                new ClientConvergence(bob.id(), "restart", 0, TraceFixture.ms(4_000), TraceFixture.ms(500)),
                new ClientConvergence(carol.id(), "restart", 0, TraceFixture.ms(4_000), null));
    }
}
