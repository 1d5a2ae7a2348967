package dev.livetalk.metrics.replay;

import dev.livetalk.client.transcript.TranscriptChange;
import dev.livetalk.metrics.TraceFixture;
import dev.livetalk.metrics.TraceFixture.Client;
import dev.livetalk.metrics.trace.RoomSlices;
import dev.livetalk.metrics.trace.RunTrace;
import dev.livetalk.protocol.Message;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ObjIntConsumer;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayedRunTest {

    /**
     * A room replayed from its parts reads its members' changes in one reading (every member's
     * replay fed as the changes come, interleaved), never one member's on its own, and replays
     * each member as the whole trace in memory does.
     */
    @Test
    void shouldReplayEveryMemberOfARoomFromOneReadingOfItsChangesAsTheWholeTraceDoes() {
        TraceFixture run = new TraceFixture("reconcile");
        Client alice = run.client("alice").join("lobby", 0).join("side", 0);
        Client bob = run.client("bob").join("lobby", 0);
        Client carol = run.client("carol").join("lobby", 0).join("side", 0);
        for (int i = 0; i < 30; i++) {
            String room = i % 4 == 0 ? "side" : "lobby";
            double at = 10 * i;
            alice.send(room, "a" + i, at, at, at + 1);
            Message m = run.commit(room, "alice", "a" + i, at + 2);
            alice.ackBySeq("a" + i, m, at + 3);
            carol.place(m, at + 4 + (i % 3)); // out of order now and then against bob's arrival order
            if (room.equals("lobby")) {
                bob.append(m, at + 5);
            }
        }
        RunTrace trace = run.build();

        for (String room : List.of("lobby", "side")) {
            RoomSlices memory = RoomSlices.of(trace);
            List<String> readings = new ArrayList<>();
            RoomSlices counted = counting(memory, readings);
            ReplayedRun parts = ReplayedRun.of(counted, room);
            ReplayedRun whole = ReplayedRun.of(trace.slice(room), memory.context(), SampleGrid.DEFAULT_STEP_NANOS);

            assertThat(readings).as(room + ": one reading of every member's changes")
                    .containsExactly("all " + trace.clients().size());
            assertThat(parts.replays()).as(room).usingRecursiveComparison().isEqualTo(whole.replays());
            assertThat(parts.replays().get("carol-1").get(room).finalEntries()).as(room).isNotEmpty();
            assertThat(parts.trace().clients()).as(room + ": the replayed slice keeps no change log")
                    .allMatch(c -> c.changes().isEmpty());
            for (int place = 0; place < trace.clients().size(); place++) {
                var client = whole.trace().clients().get(place);
                assertThat(parts.tally(client)).as(room + " " + client.clientId()).isEqualTo(whole.tally(client));
            }
        }
    }

    /**
     * What a member becomes due for is made once per room and head and shared by the members
     * replayed side by side; a log with seqs taken out (a member's unreachable ones) is ordered anew.
     */
    @Test
    void shouldShareTheOrderInWhichMembersOfARoomBecomeDueAndOrderAnotherLogAnew() {
        TraceFixture run = new TraceFixture("reconcile");
        Client alice = run.client("alice").join("lobby", 0);
        for (int i = 0; i < 6; i++) {
            alice.send("lobby", "a" + i, 10 * i, 10 * i, -1);
            // committed out of their sending order: the due order is by commit time
            run.commit("lobby", "alice", "a" + i, 100 - 10 * i);
        }
        RunTrace trace = run.build();
        MessageIndex index = MessageIndex.of(trace);
        List<dev.livetalk.metrics.trace.CommittedMessage> log = trace.log("lobby").messages();

        IntervalSampler.DueOrder shared = index.dueOrder("lobby", 0, log);
        assertThat(index.dueOrder("lobby", 0, log)).isSameAs(shared);
        assertThat(java.util.Arrays.stream(shared.messages()).map(LogicalMessage::key))
                .containsExactly("send:alice-1:a5", "send:alice-1:a4", "send:alice-1:a3", "send:alice-1:a2",
                        "send:alice-1:a1", "send:alice-1:a0");
        assertThat(shared.committedAt()).isSorted();
        IntervalSampler.DueOrder later = index.dueOrder("lobby", 3, log);
        assertThat(later.size()).as("joined at head 3: seqs 4-6 are due").isEqualTo(3);

        List<dev.livetalk.metrics.trace.CommittedMessage> without = log.subList(1, log.size());
        IntervalSampler.DueOrder apart = index.dueOrder("lobby", 0, without);
        assertThat(apart).isNotSameAs(shared);
        assertThat(apart.size()).isEqualTo(5);
        assertThat(index.dueOrder("lobby", 0, log)).as("the shared one is kept").isSameAs(shared);
    }

    /** {@code slices} with each room's part noting how its changes are read into {@code readings}. */
    private static RoomSlices counting(RoomSlices slices, List<String> readings) {
        return RoomSlices.of(slices.run(), slices.context(), slices.rooms(), slices::slice, room -> {
            RoomSlices.Part part = slices.part(room);
            return new RoomSlices.Part(part.slice(), new RoomSlices.Changes() {
                @Override
                public void read(int place, Consumer<TranscriptChange> each) {
                    readings.add("one " + place);
                    part.changes().read(place, each);
                }

                @Override
                public void readAll(int clients, ObjIntConsumer<TranscriptChange> each) {
                    readings.add("all " + clients);
                    // the default reading hands member after member: interleave them here, as a spill does
                    List<List<TranscriptChange>> lists = new ArrayList<>();
                    for (int place = 0; place < clients; place++) {
                        lists.add(part.changes().list(place));
                    }
                    while (lists.stream().anyMatch(list -> !list.isEmpty())) {
                        for (int place = 0; place < clients; place++) {
                            if (!lists.get(place).isEmpty()) {
                                each.accept(lists.get(place).remove(0), place);
                            }
                        }
                    }
                }
            });
        });
    }
}
