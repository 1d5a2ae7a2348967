package dev.livetalk.metrics.replay;

import dev.livetalk.client.transcript.MessageStatus;
import dev.livetalk.client.transcript.TranscriptEntry;
import dev.livetalk.metrics.TraceFixture;
import dev.livetalk.metrics.TraceFixture.Client;
import dev.livetalk.metrics.trace.ClientTrace;
import dev.livetalk.metrics.trace.RunTrace;
import dev.livetalk.protocol.Message;
import org.junit.jupiter.api.Test;

import static dev.livetalk.metrics.TraceFixture.ms;
import static org.assertj.core.api.Assertions.assertThat;

/** What the ledger reads of a change log, tallied: moves per message, and the statuses of the client's own lines. */
class ChangeTallyTest {

    @Test
    void shouldTallyOwnStatusesByStatusAndEpochAndMovesPerMessage() {
        TraceFixture run = new TraceFixture("test").epoch("e1").started("e1", 0);
        Client alice = run.client("alice").join("lobby", 0).welcome("main", "e1", 0);
        alice.send("lobby", "a1", 5, 5, 5);                            // pending, in what becomes a lost epoch
        Message a1 = run.commit("lobby", "alice", "a1", 10);
        alice.ackInPlace("a1", a1, 12);                                // sent, still the lost epoch
        run.restart("e2").started("e2", 40);
        run.commit("lobby", "bob", "b1", 45);
        alice.welcome("main", "e2", 50);
        Message again = run.commit("lobby", "alice", "a1", 52);        // the send committed again in the final epoch
        alice.at("lobby", 55).replace(a1.id(), TranscriptEntry.committed(again, MessageStatus.SENT)); // same status, final epoch: a step
        Message twice = run.commit("lobby", "alice", "a1", 53);
        alice.at("lobby", 56).replace(again.id(), TranscriptEntry.committed(twice, MessageStatus.SENT)); // nothing new: no step
        alice.status("lobby", twice.id(), MessageStatus.DELIVERED, 60);
        alice.remove("lobby", twice.id(), 70);                         // a removal is no status
        alice.send("lobby", "a3", 80, 80, 80);
        Message b2 = run.commit("lobby", "bob", "b2", 81);
        alice.append(b2, 82);                                          // below the pending echo
        Message a3 = run.commit("lobby", "alice", "a3", 83);
        alice.ackInPlace("a3", a3, 84);
        alice.at("lobby", 90).moveToEnd(a3.id());                      // a move of its own line is no status
        alice.at("lobby", 91).moveToEnd(b2.id());
        alice.at("lobby", 92).moveToEnd(a3.id());
        RunTrace trace = run.build();
        MessageIndex index = MessageIndex.of(trace);
        ClientTrace client = trace.clients().get(0);

        ChangeTally tally = ChangeTally.of(index, trace, client);

        String first = index.byId("lobby", a1.id()).key();
        String third = index.byId("lobby", a3.id()).key();
        String bobs = index.byId("lobby", b2.id()).key();
        assertThat(tally.statusesOf(first)).containsExactly(
                new ChangeTally.Step(MessageStatus.PENDING, ms(5), true),
                new ChangeTally.Step(MessageStatus.SENT, ms(12), true),
                new ChangeTally.Step(MessageStatus.SENT, ms(55), false),
                new ChangeTally.Step(MessageStatus.DELIVERED, ms(60), false));
        assertThat(tally.statusesOf(third)).containsExactly(
                new ChangeTally.Step(MessageStatus.PENDING, ms(80), false),
                new ChangeTally.Step(MessageStatus.SENT, ms(84), false));
        assertThat(tally.movesOf(third)).isEqualTo(2);
        assertThat(tally.movesOf(bobs)).isEqualTo(1);
        assertThat(tally.movesOf(first)).isZero();
        assertThat(tally.statusesOf(bobs)).as("another's message").isEmpty();
        assertThat(ReplayedRun.of(trace).tally(client)).as("tallied from a whole replay's trace").isEqualTo(tally);
    }
}
