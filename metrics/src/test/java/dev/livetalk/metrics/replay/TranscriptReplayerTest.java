package dev.livetalk.metrics.replay;

import dev.livetalk.metrics.TraceFixture;
import dev.livetalk.metrics.TraceFixture.Client;
import dev.livetalk.protocol.Message;
import org.junit.jupiter.api.Test;

import static dev.livetalk.metrics.TraceFixture.ms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TranscriptReplayerTest {
    private final TraceFixture run = new TraceFixture("test");

    private RoomReplay replayOf(Client client) {
        return ReplayedRun.of(run.build()).of(client.id(), "lobby");
    }

    @Test
    void shouldSeeAGapAndItsRepairAsTwoTransitions() {
        Client bob = run.client("bob").join("lobby", 0);
        Message m1 = run.commit("lobby", "alice", "a1", 1);
        Message m2 = run.commit("lobby", "alice", "a2", 2);
        Message m3 = run.commit("lobby", "alice", "a3", 3);
        bob.place(m1, 10).place(m3, 20).place(m2, 30);
        RoomReplay replay = replayOf(bob);
        assertThat(replay.transitions()).containsExactly(new Transition(ms(20), false), new Transition(ms(30), true));
        assertThat(replay.finalEntries()).extracting(p -> p.entry().seq()).containsExactly(1L, 2L, 3L);
        assertThat(replay.missingWhileDue()).containsExactly("msg:lobby:m2");
    }

    @Test
    void shouldSkipOwnEchoesBetweenLinesAndHistoryOlderThanTheJoin() {
        Message m1 = run.commit("lobby", "bob", "b1", 1);
        Client alice = run.client("alice").join("lobby", 1);
        Message m2 = run.commit("lobby", "bob", "b2", 2);
        Message m3 = run.commit("lobby", "bob", "b3", 3);
        alice.append(m1, 5);                  // history from before the join: allowed
        alice.append(m2, 10);
        alice.send("lobby", "a1", 11, 11, 11); // own echo between m2 and m3
        alice.append(m3, 12);
        RoomReplay replay = replayOf(alice);
        assertThat(replay.transitions()).isEmpty(); // a correct prefix throughout
        assertThat(replay.endsGood()).isTrue();
    }

    @Test
    void shouldTreatARemovalAndReinsertionAtOneInstantAsNoGap() {
        Client bob = run.client("bob").join("lobby", 0);
        Message m1 = run.commit("lobby", "alice", "a1", 1);
        Message m2 = run.commit("lobby", "alice", "a2", 2);
        bob.place(m1, 10).place(m2, 11);
        bob.remove("lobby", "m1", 50).remove("lobby", "m2", 50).place(m1, 50).place(m2, 50); // a snapshot swap
        bob.remove("lobby", "m2", 60).place(m2, 70); // gone for 10 ms
        RoomReplay replay = replayOf(bob);
        assertThat(replay.missingWhileDue()).containsExactly("msg:lobby:m2");
        assertThat(replay.transitions()).isEmpty(); // a shorter prefix is still a prefix
    }

    @Test
    void shouldNoteWhenTheSenderFirstShowedAndAcknowledgedItsMessage() {
        Client alice = run.client("alice").join("lobby", 0);
        alice.send("lobby", "a1", 0, 0, 3);
        Message m1 = run.commit("lobby", "alice", "a1", 10);
        alice.ackBySeq("a1", m1, 40);
        RoomReplay replay = replayOf(alice);
        String key = MessageIndex.sendKey(alice.id(), "a1");
        assertThat(replay.firstShown()).containsEntry(key, ms(3));
        assertThat(replay.acked()).containsEntry(key, ms(40));
        assertThat(replay.failed()).isEmpty();
        assertThat(replay.finalEntries().get(0).placedAt()).isEqualTo(ms(40));
    }

    @Test
    void shouldKeepTheAcknowledgementsOfTheClientsOwnMessagesOnly() {
        Client alice = run.client("alice").join("lobby", 0);
        Client bob = run.client("bob").join("lobby", 0);
        alice.send("lobby", "a1", 0, 0, 3);
        Message m1 = run.commit("lobby", "alice", "a1", 10);
        alice.ackBySeq("a1", m1, 40);
        bob.place(m1, 20);
        String key = MessageIndex.sendKey(alice.id(), "a1");
        RoomReplay peer = replayOf(bob);
        assertThat(peer.firstShown()).containsEntry(key, ms(20));
        assertThat(peer.acked()).as("a peer's line shown committed is no acknowledgement of its").isEmpty();
        assertThat(replayOf(alice).acked()).containsEntry(key, ms(40));
    }

    /**
     * A replay taken one change at a time gives what the list's replay gives, and once finished takes no
     * more changes nor a second finish (which would add the window's lines to the final lines again).
     */
    @Test
    void shouldReplayChangesOneAtATimeAsTheListAndRefuseToGoOnOnceFinished() {
        Client bob = run.client("bob").join("lobby", 0);
        Message m1 = run.commit("lobby", "alice", "a1", 1);
        Message m2 = run.commit("lobby", "alice", "a2", 2);
        Message m3 = run.commit("lobby", "alice", "a3", 3);
        bob.place(m2, 10).place(m1, 10).place(m3, 20);
        var trace = run.build();
        var changes = trace.clients().get(0).changes();
        MessageIndex index = MessageIndex.of(trace);

        TranscriptReplayer replayer = TranscriptReplayer.of(index, bob.id(), "lobby", 0, SampleGrid.NONE,
                java.util.List.of(), Long.MIN_VALUE, java.util.Collections.emptyNavigableSet());
        changes.forEach(replayer::accept);
        RoomReplay one = replayer.finish();
        RoomReplay list = TranscriptReplayer.replay(index, bob.id(), "lobby", 0, changes);

        assertThat(one.finalEntries()).isEqualTo(list.finalEntries()).hasSize(3);
        assertThat(one.transitions()).isEqualTo(list.transitions());
        assertThatThrownBy(replayer::finish).isInstanceOf(IllegalStateException.class).hasMessageContaining("finished");
        assertThatThrownBy(() -> replayer.accept(changes.get(0))).isInstanceOf(IllegalStateException.class);
    }
}
