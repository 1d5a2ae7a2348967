package dev.livetalk.metrics.replay;

import dev.livetalk.client.transcript.Transcript;
import dev.livetalk.client.transcript.TranscriptChange;
import dev.livetalk.metrics.TraceFixture;
import dev.livetalk.metrics.TraceFixture.Client;
import dev.livetalk.metrics.correctness.CorrectnessChecker;
import dev.livetalk.metrics.correctness.CorrectnessReport;
import dev.livetalk.metrics.trace.ClientTrace;
import dev.livetalk.metrics.trace.RunTrace;
import dev.livetalk.protocol.Message;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Function;

import static dev.livetalk.metrics.TraceFixture.ms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The replay of a transcript with a limit: evicted lines stay displayed at the top, every figure as without eviction. */
class EvictionReplayTest {

    /**
     * One script, played into a transcript of {@code limit} lines: bob sees m1, m2, m4, m5 (a gap
     * at 3), then m3 fills it, then m6; alice sends a message that bob shows and that she sees
     * committed; a reply; a duplicate shown in arrival order.
     */
    static RunTrace play(int limit) {
        TraceFixture run = new TraceFixture("test");
        Client bob = run.client("bob").join("lobby", 0, limit);
        Client alice = run.client("alice").join("lobby", 0, limit);
        Message m1 = run.commit("lobby", "carol", "c1", 1);
        Message m2 = run.commit("lobby", "carol", "c2", 2);
        Message m3 = run.commit("lobby", "carol", "c3", 3);
        Message m4 = run.commit("lobby", "carol", "c4", 4);
        Message m5 = run.commitReply("lobby", "carol", "c5", m4.id(), 5);
        alice.send("lobby", "a6", 5, 5, 6);
        Message m6 = run.commit("lobby", "alice", "a6", 7);
        bob.place(m1, 10).place(m2, 11).place(m4, 12).place(m5, 13);
        bob.place(m3, 20); // fills the gap: its place is the window's top after m1, m2 scrolled away
        bob.place(m6, 30);
        alice.place(m1, 10).place(m2, 10).place(m3, 10).place(m4, 10).place(m5, 10);
        alice.ackBySeq("a6", m6, 31);
        return run.build();
    }

    private static final Function<RoomReplay, List<Object>> FIGURES = r -> List.of(r.transitions(),
            r.firstShown(), r.acked(), r.failed(), r.missingWhileDue(), r.causalViolations(), r.moves(),
            r.finalEntries().stream().map(p -> List.of(p.entryNo(), p.entry(), p.placedAt())).toList());

    @Test
    void shouldReplayEveryFigureAsIfNothingWasEvicted() {
        RunTrace unlimited = play(Transcript.NO_LIMIT);
        RunTrace limited = play(2);
        assertThat(limited.clients().get(0).changes()).filteredOn(c -> c instanceof TranscriptChange.Evicted)
                .isNotEmpty();

        ReplayedRun without = ReplayedRun.of(unlimited);
        ReplayedRun with = ReplayedRun.of(limited);

        assertThat(without.replays()).hasSize(2);
        for (String client : without.replays().keySet()) {
            assertThat(FIGURES.apply(with.of(client, "lobby"))).as(client)
                    .isEqualTo(FIGURES.apply(without.of(client, "lobby")));
        }
        CorrectnessReport a = CorrectnessChecker.check(without);
        CorrectnessReport b = CorrectnessChecker.check(with);
        assertThat(b.figures()).isEqualTo(a.figures());
    }

    @Test
    void shouldPlaceATopInsertAfterTheEvictedLines() {
        RoomReplay bob = ReplayedRun.of(play(2)).of("bob-1", "lobby");

        assertThat(bob.finalEntries()).extracting(p -> p.entry().seq()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(bob.finalEntries()).extracting(PlacedEntry::evicted)
                .containsExactly(true, true, true, true, false, false);
        assertThat(bob.transitions()).containsExactly(new Transition(ms(12), false), new Transition(ms(20), true));
        assertThat(bob.endsGood()).isTrue();
    }

    @Test
    void shouldCheckTheRecordedWindowAgainstTheReplayedLinesLessTheEvicted() {
        RunTrace trace = play(2);
        ClientTrace bob = trace.clients().get(0);
        assertThat(bob.finalTranscripts().get("lobby")).extracting(e -> e.seq()).containsExactly(5L, 6L);
        assertThat(ReplayedRun.of(trace).of("bob-1", "lobby")).isNotNull(); // the window agrees

        ClientTrace wholeRecorded = new ClientTrace(bob.clientId(), bob.user(), bob.joinedAt(), bob.sends(),
                bob.changes(), java.util.Map.of("lobby", ReplayedRun.of(play(Transcript.NO_LIMIT))
                .of("bob-1", "lobby").finalEntries().stream().map(PlacedEntry::entry).toList()),
                bob.readMarks(), bob.receipts());
        RunTrace bad = new RunTrace(trace.strategy(), 0, List.of(wholeRecorded, trace.clients().get(1)),
                trace.serverLog(), trace.windows());

        assertThatThrownBy(() -> ReplayedRun.of(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bob-1").hasMessageContaining("differs from its replayed change log");
    }

    @Test
    void shouldRefuseAChangeLogThatEvictsALineBelowTheTop() {
        DisplayOrder order = new DisplayOrder(0, "client x in room r");
        var e1 = dev.livetalk.client.transcript.TranscriptEntry.committed(
                new Message("r", 1, "r:1", "c1", "bob", "b", null, 0), dev.livetalk.client.transcript.MessageStatus.SENT);
        var e2 = dev.livetalk.client.transcript.TranscriptEntry.committed(
                new Message("r", 2, "r:2", "c2", "bob", "b", null, 0), dev.livetalk.client.transcript.MessageStatus.SENT);
        order.insert(1, e1, -1, 0);
        order.insert(2, e2, 1, 0);

        assertThatThrownBy(() -> order.evict(2)).hasMessageContaining("line #2").hasMessageContaining("top line");
        order.evict(1);
        assertThatThrownBy(() -> order.restatus(1, e1)).hasMessageContaining("evicted");
    }
}
