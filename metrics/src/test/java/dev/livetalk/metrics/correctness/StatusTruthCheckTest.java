package dev.livetalk.metrics.correctness;

import dev.livetalk.client.transcript.MessageStatus;
import dev.livetalk.client.transcript.TranscriptEntry;
import dev.livetalk.metrics.TraceFixture;
import dev.livetalk.metrics.TraceFixture.Client;
import dev.livetalk.metrics.replay.ReplayedRun;
import dev.livetalk.protocol.Message;
import dev.livetalk.protocol.ReceiptKind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.livetalk.metrics.TraceFixture.ms;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The status-truth checks on hand-built traces. Read markers are the simulated user's, and
 * statuses of own messages are set by the session from receipts, so an unfounded read marker, a
 * DELIVERED shown before anyone displayed the message and a line redrawn with an earlier status
 * are planted here, in the trace, rather than through a strategy.
 */
class StatusTruthCheckTest {
    private final TraceFixture run = new TraceFixture("test");

    private CorrectnessReport check() {
        return CorrectnessChecker.check(ReplayedRun.of(run.build()));
    }

    private Client alice() {
        return run.client("alice").join("lobby", 0);
    }

    private Client bob() {
        return run.client("bob").join("lobby", 0);
    }

    @Test
    void shouldCountAMessageADeliveredMarkerCoveredBeforeTheClientShowedIt() {
        Client bob = bob();
        Message m1 = run.commit("lobby", "carol", "c1", 10);
        Message m2 = run.commit("lobby", "carol", "c2", 11);
        bob.place(m1, 15).marker("lobby", ReceiptKind.DELIVERED, 2, 16).place(m2, 30)
                .marker("lobby", ReceiptKind.DELIVERED, 2, 31);

        CorrectnessReport report = check();

        assertThat(report.figures().unfoundedDelivered()).isEqualTo(1);
        assertThat(report.figures().unfoundedRead()).isZero();
        assertThat(report.examples()).filteredOn(e -> e.kind() == ExampleKind.UNFOUNDED_DELIVERED).containsExactly(
                new Example(ExampleKind.UNFOUNDED_DELIVERED, "bob-1", "lobby", 2, m2.id(), ms(16)));
    }

    @Test
    void shouldCountAReadMarkerBeforeTheMessageWasShownOnceAcrossLaterMarkers() {
        Client bob = bob();
        Message m1 = run.commit("lobby", "carol", "c1", 10);
        run.commit("lobby", "carol", "c2", 11);
        Message m3 = run.commit("lobby", "carol", "c3", 12);
        bob.place(m1, 15).place(m3, 15).marker("lobby", ReceiptKind.READ, 1, 15)
                .marker("lobby", ReceiptKind.READ, 3, 20).marker("lobby", ReceiptKind.READ, 3, 25);

        CorrectnessFigures f = check().figures();

        assertThat(f.unfoundedRead()).as("seq 2, never shown; seq 1 and 3 shown at the marker's instant").isEqualTo(1);
        assertThat(f.unfoundedDelivered()).isZero();
    }

    @Test
    void shouldNotCountMessagesFromBeforeTheJoin() {
        Message m1 = run.commit("lobby", "carol", "c1", 10);
        Message m2 = run.commit("lobby", "carol", "c2", 11);
        run.client("bob").join("lobby", 1).place(m2, 15).marker("lobby", ReceiptKind.READ, 2, 16)
                .marker("lobby", ReceiptKind.DELIVERED, 2, 16);

        CorrectnessFigures f = check().figures();

        assertThat(m1.seq()).isEqualTo(1);
        assertThat(List.of(f.unfoundedRead(), f.unfoundedDelivered())).containsOnly(0L);
    }

    /**
     * A naive resend committed before bob joined (seq 1) and again after (seq 2) is not a message bob is
     * entitled to: it is judged by its first seq, as the ledger's deliveries (no row of it for bob) and
     * the audit judge it. Judged by the commit a marker reached, it counted unfounded here.
     */
    @Test
    void shouldNotJudgeAResendFirstCommittedBeforeTheJoin() {
        Client alice = alice();
        alice.send("lobby", "a1", 0, 0, 0);
        Message first = run.commit("lobby", "alice", "a1", 10);
        Client bob = run.client("bob").join("lobby", 1);
        Message again = run.commit("lobby", "alice", "a1-again", "a1", null, 12);
        Message c1 = run.commit("lobby", "carol", "c1", 13);
        alice.ackBySeq("a1", first, 20);
        bob.marker("lobby", ReceiptKind.DELIVERED, 3, 30).marker("lobby", ReceiptKind.READ, 3, 30).place(c1, 40);

        CorrectnessFigures f = check().figures();

        assertThat(again.seq()).isEqualTo(2);
        assertThat(f.unfoundedDelivered()).as("c1 only: a1 is not bob's, though its resend's seq 2 is above his join")
                .isEqualTo(1);
        assertThat(f.unfoundedRead()).isEqualTo(1);
    }

    @Test
    void shouldCountASenderShownDeliveredBeforeAnyOtherMemberShowedTheMessage() {
        Client alice = alice();
        Client bob = bob();
        alice.send("lobby", "a1", 0, 0, 0).send("lobby", "a2", 1, 1, 1);
        Message m1 = run.commit("lobby", "alice", "a1", 10);
        Message m2 = run.commit("lobby", "alice", "a2", 11);
        alice.ackBySeq("a1", m1, 20).ackBySeq("a2", m2, 20);
        bob.place(m1, 25);
        alice.status("lobby", m1.id(), MessageStatus.DELIVERED, 25)     // bob showed it at that instant
                .status("lobby", m2.id(), MessageStatus.DELIVERED, 26); // nobody showed m2 by then
        bob.place(m2, 40);

        CorrectnessReport report = check();

        assertThat(report.figures().statusAhead()).isEqualTo(1);
        assertThat(report.examples()).filteredOn(e -> e.kind() == ExampleKind.STATUS_AHEAD).containsExactly(
                new Example(ExampleKind.STATUS_AHEAD, "alice-1", "lobby", 2, m2.id(), ms(26)));
    }

    @Test
    void shouldCountASenderShownReadBeforeAnotherMembersReadMarkerCoveredIt() {
        Client alice = alice();
        Client bob = bob();
        alice.send("lobby", "a1", 0, 0, 0).send("lobby", "a2", 1, 1, 1);
        Message m1 = run.commit("lobby", "alice", "a1", 10);
        Message m2 = run.commit("lobby", "alice", "a2", 11);
        alice.ackBySeq("a1", m1, 20).ackBySeq("a2", m2, 20);
        bob.place(m1, 21).place(m2, 21).marker("lobby", ReceiptKind.READ, 1, 30);
        alice.marker("lobby", ReceiptKind.READ, 2, 30)                   // the sender's own marker does not count
                .status("lobby", m1.id(), MessageStatus.READ, 35)
                .status("lobby", m2.id(), MessageStatus.READ, 35);
        bob.marker("lobby", ReceiptKind.READ, 2, 50);

        CorrectnessFigures f = check().figures();

        assertThat(f.statusAhead()).as("only a2: bob's read marker reached seq 2 after alice saw READ").isEqualTo(1);
        assertThat(f.unfoundedRead()).isZero();
    }

    @Test
    void shouldCountALineRedrawnWithAnEarlierStatusButNotAFailedSendCommittedLate() {
        Client alice = alice();
        Client bob = bob();
        alice.send("lobby", "a1", 0, 0, 0).send("lobby", "a2", 1, 1, 1);
        Message m1 = run.commit("lobby", "alice", "a1", 10);
        alice.ackBySeq("a1", m1, 20);
        bob.place(m1, 21);
        alice.status("lobby", m1.id(), MessageStatus.DELIVERED, 30).redraw("lobby", m1.id(), MessageStatus.SENT, 40);
        alice.fail("lobby", "a2", 50);
        Message m2 = run.commit("lobby", "alice", "a2", 60);
        alice.ackBySeq("a2", m2, 70);

        CorrectnessReport report = check();

        assertThat(report.figures().statusBackwards()).as("a1 only: FAILED -> SENT is allowed").isEqualTo(1);
        assertThat(report.examples()).filteredOn(e -> e.kind() == ExampleKind.STATUS_BACKWARDS).containsExactly(
                new Example(ExampleKind.STATUS_BACKWARDS, "alice-1", "lobby", 1, m1.id(), ms(40)));
    }

    @Test
    void shouldCountALineRemovedAndShownAgainWithAnEarlierStatus() {
        Client alice = alice();
        Client bob = bob();
        alice.send("lobby", "a1", 0, 0, 0);
        Message m1 = run.commit("lobby", "alice", "a1", 10);
        alice.ackBySeq("a1", m1, 20);
        bob.place(m1, 21);
        alice.status("lobby", m1.id(), MessageStatus.DELIVERED, 30).remove("lobby", m1.id(), 40);
        alice.at("lobby", 50).append(TranscriptEntry.committed(m1, MessageStatus.SENT));

        assertThat(check().figures().statusBackwards()).isEqualTo(1);
    }

    @Test
    void shouldCountASendWhoseEchoIsMissingOrLate() {
        Client alice = alice();
        alice.send("lobby", "a1", 0, 5, 5)       // echo at the send: fine
                .send("lobby", "a2", 10, 10, 12) // echo 2 ms late
                .send("lobby", "a3", 20, 20, -1); // no echo at all
        Message m3 = run.commit("lobby", "alice", "a3", 30);
        alice.place(m3, 40);

        CorrectnessReport report = check();

        assertThat(report.figures().missingEchoes()).isEqualTo(2);
        assertThat(report.examples()).filteredOn(e -> e.kind() == ExampleKind.MISSING_ECHO)
                .extracting(Example::messageId).containsExactly("a2", "a3");
    }

    @Test
    void shouldFindAHonestRunTruthful() {
        Client alice = alice();
        Client bob = bob();
        alice.send("lobby", "a1", 0, 0, 0);
        Message m1 = run.commit("lobby", "alice", "a1", 10);
        alice.ackBySeq("a1", m1, 20);
        bob.place(m1, 21).marker("lobby", ReceiptKind.DELIVERED, 1, 22).marker("lobby", ReceiptKind.READ, 1, 40);
        alice.marker("lobby", ReceiptKind.DELIVERED, 1, 20).status("lobby", m1.id(), MessageStatus.DELIVERED, 25)
                .status("lobby", m1.id(), MessageStatus.READ, 45);

        CorrectnessFigures f = check().figures();

        assertThat(List.of(f.unfoundedDelivered(), f.unfoundedRead(), f.statusAhead(), f.statusBackwards(),
                f.missingEchoes())).containsOnly(0L);
    }
}
