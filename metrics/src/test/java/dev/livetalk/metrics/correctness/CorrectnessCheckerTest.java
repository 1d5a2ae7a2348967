package dev.livetalk.metrics.correctness;

import dev.livetalk.metrics.TraceFixture;
import dev.livetalk.metrics.TraceFixture.Client;
import dev.livetalk.metrics.replay.ReplayedRun;
import dev.livetalk.metrics.trace.RunTrace;
import dev.livetalk.protocol.Message;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.livetalk.metrics.TraceFixture.ms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CorrectnessCheckerTest {
    private final TraceFixture run = new TraceFixture("test");

    private static CorrectnessReport check(RunTrace trace) {
        return CorrectnessChecker.check(ReplayedRun.of(trace));
    }

    private Client alice() {
        return run.client("alice").join("lobby", 0);
    }

    private Client bob() {
        return run.client("bob").join("lobby", 0);
    }

    @Test
    void shouldFindNothingWrongWhenEveryClientShowsTheLogInOrder() {
        Client alice = alice();
        Client bob = bob();
        Message m1 = run.commit("lobby", "alice", "a1", 10);
        Message m2 = run.commit("lobby", "alice", "a2", 20);
        for (Client c : List.of(alice, bob)) {
            c.place(m1, 15).place(m2, 25);
        }
        CorrectnessFigures f = check(run.build()).figures();
        assertThat(List.of(f.lost(), f.duplicates(), f.phantoms(), f.inversions(), f.moves(), f.causalViolations(),
                f.stuckPending())).containsOnly(0L);
        assertThat(f.convergedClients()).isEqualTo(2);
        assertThat(f.convergedShare()).isEqualTo(100.0);
        assertThat(f.kendallTau()).isEqualTo(1.0);
        assertThat(f.outcomes()).containsEntry(Outcome.OK, 4L).containsEntry(Outcome.LOST, 0L);
    }

    @Test
    void shouldCountAnEntitledMessageNeverShownAsLostWithAnExample() {
        Client bob = bob();
        Message m1 = run.commit("lobby", "alice", "a1", 10);
        run.commit("lobby", "alice", "a2", 20);
        Message m3 = run.commit("lobby", "alice", "a3", 30);
        bob.place(m1, 15).place(m3, 35);
        CorrectnessReport report = check(run.build());
        assertThat(report.figures().lost()).isEqualTo(1);
        assertThat(report.figures().convergedClients()).isZero();
        assertThat(report.figures().outcomes()).containsEntry(Outcome.LOST, 1L).containsEntry(Outcome.OK, 2L);
        assertThat(report.examples()).containsExactly(
                new Example(ExampleKind.LOST, bob.id(), "lobby", 2, "m2", ms(20)));
    }

    @Test
    void shouldNotHoldMessagesCommittedBeforeTheJoinAgainstAClient() {
        Message m1 = run.commit("lobby", "alice", "a1", 10);
        Message m2 = run.commit("lobby", "alice", "a2", 20);
        Client carol = run.client("carol").join("lobby", 2);
        Message m3 = run.commit("lobby", "alice", "a3", 30);
        carol.place(m3, 35);
        CorrectnessFigures f = check(run.build()).figures();
        assertThat(f.lost()).isZero();
        assertThat(f.convergedClients()).isEqualTo(1);
        assertThat(m1.seq() + m2.seq()).isEqualTo(3);
    }

    @Test
    void shouldCountEveryLineBeyondTheFirstOfOneMessageAsADuplicate() {
        Client bob = bob();
        Message m1 = run.commit("lobby", "alice", "a1", 10);
        Message m2 = run.commit("lobby", "alice", "a2", 20);
        bob.append(m1, 15).append(m2, 25).append(m2, 40).append(m2, 41);
        CorrectnessReport report = check(run.build());
        assertThat(report.figures().duplicates()).isEqualTo(2);
        assertThat(report.figures().outcomes()).containsEntry(Outcome.DUPLICATED, 1L);
        assertThat(report.figures().convergedClients()).isZero();
        assertThat(report.examples()).extracting(Example::kind, Example::seq)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ExampleKind.DUPLICATED, 2L));
    }

    @Test
    void shouldCountAMessageShownHundredsOfTimesAsEveryLineBeyondTheFirst() {
        Client bob = bob();
        Message m1 = run.commit("lobby", "alice", "a1", 10);
        Message m2 = run.commit("lobby", "alice", "a2", 20);
        Message m3 = run.commit("lobby", "alice", "a3", 30);
        bob.append(m1, 15);
        for (int i = 0; i < 300; i++) { // past a byte's count: the check keeps a byte a message and more apart
            bob.append(m2, 25 + i);
        }
        bob.append(m3, 400).append(m1, 401);
        CorrectnessReport report = check(run.build());
        assertThat(report.figures().duplicates()).isEqualTo(299 + 1);
        assertThat(report.figures().outcomes()).containsEntry(Outcome.DUPLICATED, 2L).containsEntry(Outcome.OK, 1L);
        assertThat(report.examples()).filteredOn(e -> e.kind() == ExampleKind.DUPLICATED).extracting(Example::seq)
                .containsExactly(1L, 2L); // in the order of each message's first line
    }

    @Test
    void shouldCountANaiveResendCommittedTwiceAsADuplicateAtPeers() {
        Client alice = alice();
        Client bob = bob();
        alice.send("lobby", "a1", 0, 0, 1);
        Message first = run.commit("lobby", "alice", "a1", "a1", null, 10);
        Message resent = run.commit("lobby", "alice", "a1-retry", "a1", null, 500);
        bob.append(first, 15).append(resent, 505);
        alice.ackInPlace("a1", resent, 505);
        CorrectnessReport report = check(run.build());
        RoomFigures atBob = report.rooms().stream().filter(r -> r.clientId().equals(bob.id())).findFirst().orElseThrow();
        assertThat(atBob.duplicates()).isEqualTo(1);
        assertThat(atBob.converged()).as("bob shows exactly what the server committed").isTrue();
        assertThat(atBob.lost()).isZero();
    }

    @Test
    void shouldCountAPendingEchoNeverCommittedAsAPhantomUnlessMarkedFailed() {
        Client alice = alice();
        alice.send("lobby", "a1", 0, 1, 1);
        alice.send("lobby", "a2", 0, 2, 2);
        alice.fail("lobby", "a2", 3000);
        CorrectnessReport report = check(run.build());
        assertThat(report.figures().phantoms()).isEqualTo(1);
        assertThat(report.figures().stuckPending()).isEqualTo(1);
        assertThat(report.figures().outcomes()).containsEntry(Outcome.UNEXPECTED, 1L);
        assertThat(report.examples()).extracting(Example::kind, Example::messageId).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(ExampleKind.PHANTOM, "a1"),
                org.assertj.core.groups.Tuple.tuple(ExampleKind.STUCK_PENDING, "a1"));
    }

    @Test
    void shouldCountALineWithAnIdTheServerNeverCommittedAsAPhantom() {
        Client bob = bob();
        Message ghost = new Message("lobby", 7, "m7", "x1", "alice", "boo", null, 0);
        bob.place(ghost, 10);
        CorrectnessFigures f = check(run.build()).figures();
        assertThat(f.phantoms()).isEqualTo(1);
        assertThat(f.convergedClients()).isZero();
    }

    @Test
    void shouldCountInversionsKendallTauAndLisOfTheFinalTranscript() {
        Client bob = bob();
        Message[] m = new Message[6];
        for (int s = 1; s <= 5; s++) {
            m[s] = run.commit("lobby", "alice", "a" + s, s);
        }
        // arrival order 3 1 2 5 4: inversions (3,1) (3,2) (5,4) = 3 of C(5,2) = 10 pairs: tau 0.4; LIS 3 -> 2
        bob.append(m[3], 10).append(m[1], 11).append(m[2], 12).append(m[5], 13).append(m[4], 14);
        CorrectnessReport report = check(run.build());
        assertThat(report.figures().inversions()).isEqualTo(3);
        assertThat(report.figures().kendallTau()).isCloseTo(0.4, within(1e-12));
        assertThat(report.figures().notInLongestRun()).isEqualTo(2);
        assertThat(report.figures().lost()).isZero();
        assertThat(report.examples()).extracting(Example::kind, Example::seq).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ExampleKind.MISORDERED, 1L),
                org.assertj.core.groups.Tuple.tuple(ExampleKind.MISORDERED, 2L),
                org.assertj.core.groups.Tuple.tuple(ExampleKind.MISORDERED, 4L));
    }

    @Test
    void shouldCountAnEchoJumpingToItsSeqPlaceAsAMove() {
        Client alice = alice();
        alice.send("lobby", "a1", 0, 0, 1);
        Message m1 = run.commit("lobby", "alice", "a1", 10);
        Message m2 = run.commit("lobby", "bob", "b1", 11);
        alice.place(m2, 12);          // the first line placed by seq goes to the top, above the echo
        alice.ackBySeq("a1", m1, 50); // the echo (now below m2) jumps above it: one move
        CorrectnessFigures f = check(run.build()).figures();
        assertThat(f.moves()).isEqualTo(1);
        assertThat(f.inversions()).isZero();
        assertThat(f.convergedClients()).isEqualTo(1);
    }

    @Test
    void shouldCountAReplyShownBeforeItsParentAsACausalViolation() {
        Client bob = bob();
        Client carol = run.client("carol").join("lobby", 0);
        Message parent = run.commit("lobby", "alice", "a1", 10);
        Message reply = run.commitReply("lobby", "dave", "d1", parent.id(), 20);
        bob.place(reply, 25).place(parent, 60);  // reply first, parent later: one violation
        carol.place(parent, 15).place(reply, 25); // in order: none
        CorrectnessReport report = check(run.build());
        assertThat(report.figures().causalViolations()).isEqualTo(1);
        assertThat(report.examples()).containsExactly(
                new Example(ExampleKind.CAUSAL_VIOLATION, bob.id(), "lobby", 2, "m2", ms(25)));
    }

    @Test
    void shouldCountAClientConvergedOnlyWhenItsFinalTranscriptIsExactlyTheEntitledLog() {
        Client alice = alice();
        Client bob = bob();
        Message m1 = run.commit("lobby", "bob", "b1", 10);
        alice.send("lobby", "a1", 0, 0, 1); // committed, but alice never hears the ack: still pending
        Message m2 = run.commit("lobby", "alice", "a1", 20);
        alice.place(m1, 15);
        bob.place(m1, 15).place(m2, 25);
        CorrectnessFigures f = check(run.build()).figures();
        assertThat(f.convergedClients()).isEqualTo(1);
        assertThat(f.convergedShare()).isEqualTo(50.0);
        assertThat(f.lost()).as("the pending echo shows the committed message").isZero();
        assertThat(f.phantoms()).isZero();
        assertThat(f.stuckPending()).isEqualTo(1);
    }

    @Test
    void shouldCountOnlySendsNeitherAcknowledgedNorFailedAsStuckPending() {
        Client alice = alice();
        alice.send("lobby", "a1", 0, 0, 1).send("lobby", "a2", 0, 0, 2).send("lobby", "a3", 0, 0, 3);
        Message m1 = run.commit("lobby", "alice", "a1", 10);
        alice.ackBySeq("a1", m1, 12);
        alice.fail("lobby", "a2", 5000);
        CorrectnessReport report = check(run.build());
        assertThat(report.figures().stuckPending()).isEqualTo(1);
        assertThat(report.examples()).filteredOn(e -> e.kind() == ExampleKind.STUCK_PENDING)
                .extracting(Example::messageId).containsExactly("a3");
    }

    @Test
    void shouldClassifyAMessageMissingAfterItWasDueButInPlaceAtTheEndAsRecovered() {
        Client bob = bob();
        Message m1 = run.commit("lobby", "alice", "a1", 10);
        Message m2 = run.commit("lobby", "alice", "a2", 20);
        Message m3 = run.commit("lobby", "alice", "a3", 30);
        bob.place(m1, 15).place(m3, 35).place(m2, 900); // gap filled later
        CorrectnessFigures f = check(run.build()).figures();
        assertThat(f.outcomes()).containsEntry(Outcome.RECOVERED, 1L).containsEntry(Outcome.OK, 2L);
        assertThat(f.lost()).isZero();
        assertThat(f.convergedClients()).isEqualTo(1);
    }

    @Test
    void shouldKeepOnlyTheFirstFiveExamplesOfAKind() {
        bob();
        for (int i = 1; i <= 8; i++) {
            run.commit("lobby", "alice", "a" + i, i);
        }
        CorrectnessReport report = check(run.build());
        assertThat(report.figures().lost()).isEqualTo(8);
        assertThat(report.examples()).hasSize(5).extracting(Example::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void shouldRefuseATraceWhoseFinalTranscriptDisagreesWithItsChangeLog() {
        Client bob = bob();
        Message m1 = run.commit("lobby", "alice", "a1", 10);
        bob.place(m1, 15);
        RunTrace trace = run.build();
        var client = trace.clients().get(0);
        var broken = new dev.livetalk.metrics.trace.ClientTrace(client.clientId(), client.user(), client.joinedAt(),
                client.sends(), List.of(), client.finalTranscripts(), client.readMarks(), client.receipts());
        RunTrace bad = new RunTrace(trace.strategy(), 0, List.of(broken), trace.serverLog(), trace.windows());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ReplayedRun.of(bad))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bob-1")
                .hasMessageContaining("differs from its replayed change log");
    }
}
