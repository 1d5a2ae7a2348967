package dev.livetalk.metrics.replay;

import dev.livetalk.client.transcript.MessageStatus;
import dev.livetalk.metrics.TraceFixture;
import dev.livetalk.metrics.TraceFixture.Client;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link StatusSteps} against a {@link LinkedHashMap} of lists fed the same steps. */
class StatusStepsTest {
    private static final long SEED = 20_261_206L;

    @Test
    void shouldReadAsAMapOfEachMessagesStepsInOrderOfItsFirstStep() {
        MessageIndex index = TwoRooms.index();
        Random random = new Random(SEED);
        MessageStatus[] statuses = MessageStatus.values();
        for (String room : TwoRooms.ROOMS) {
            List<LogicalMessage> ofRoom = TwoRooms.ofRoom(index, room);
            StatusSteps.Builder built = new StatusSteps.Builder(index, room);
            Map<String, List<StatusStep>> model = new LinkedHashMap<>();
            for (int i = 0; i < 120; i++) {
                LogicalMessage message = ofRoom.get(random.nextInt(ofRoom.size()));
                List<StatusStep> before = model.get(message.key());
                assertThat(built.lastStatus(message))
                        .isEqualTo(before == null ? null : before.get(before.size() - 1).status());
                // a pending line's seq, the message's first (0 for one never committed), or another
                long seq = switch (random.nextInt(3)) {
                    case 0 -> 0;
                    case 1 -> message.firstSeq();
                    default -> random.nextLong(50);
                };
                StatusStep step = new StatusStep(random.nextLong(1_000_000),
                        random.nextInt(4) == 0 ? null : statuses[random.nextInt(statuses.length)],
                        statuses[random.nextInt(statuses.length)], seq, random.nextInt(5) == 0);
                built.add(message, step);
                model.computeIfAbsent(message.key(), k -> new ArrayList<>()).add(step);
            }
            StatusSteps steps = built.build();
            assertThat(steps).isEqualTo(model).hasSameHashCodeAs(model).hasSize(model.size());
            assertThat(steps.keySet()).containsExactlyElementsOf(model.keySet());
            assertThat(List.copyOf(steps.values())).containsExactlyElementsOf(model.values());
            for (LogicalMessage message : index.all()) {
                assertThat(steps.get(message.key())).as(message.key()).isEqualTo(model.get(message.key()));
                assertThat(steps.containsKey(message.key())).isEqualTo(model.containsKey(message.key()));
            }
            assertThat(steps.get("no such key")).isNull();
            assertThat(steps.get(42)).isNull();
        }
    }

    /**
     * The seq's bit encoding at its edges: 0, the message's first, 0 where the first is 0 (never
     * committed), negative, the longest, and one step repeated; each read back as given.
     */
    @Test
    void shouldKeepEverySeqAsGivenAtItsEdges() {
        MessageIndex index = TwoRooms.index();
        String room = TwoRooms.ROOMS.get(0);
        List<LogicalMessage> ofRoom = TwoRooms.ofRoom(index, room);
        StatusSteps.Builder built = new StatusSteps.Builder(index, room);
        Map<String, List<StatusStep>> model = new LinkedHashMap<>();
        long at = 0;
        for (LogicalMessage message : ofRoom) {
            for (long seq : new long[] {0, message.firstSeq(), -1, Long.MIN_VALUE, Long.MAX_VALUE,
                    message.firstSeq() + 1, message.firstSeq(), 0}) {
                StatusStep step = new StatusStep(at++, null, MessageStatus.SENT, seq, false);
                built.add(message, step);
                built.add(message, step); // repeated
                model.computeIfAbsent(message.key(), k -> new ArrayList<>()).addAll(List.of(step, step));
            }
        }
        StatusSteps steps = built.build();
        assertThat(steps).isEqualTo(model);
        for (LogicalMessage message : ofRoom) {
            assertThat(steps.get(message.key())).extracting(StatusStep::seq)
                    .isEqualTo(model.get(message.key()).stream().map(StatusStep::seq).toList());
        }
    }

    @Test
    void shouldBeWhatAReplayKeepsOfItsOwnMessages() {
        TraceFixture run = new TraceFixture("test");
        Client alice = run.client("alice").join("lobby", 0).send("lobby", "a1", 1, 1, 2);
        RoomReplay replay = ReplayedRun.of(run.build()).of(alice.id(), "lobby");
        assertThat(replay.ownStatus()).isInstanceOf(StatusSteps.class).hasSize(1);
        assertThat(replay.statusOf(MessageIndex.sendKey(alice.id(), "a1")))
                .extracting(StatusStep::status).containsExactly(MessageStatus.PENDING);
    }

    @Test
    void shouldRefuseAMessageOfAnotherRoom() {
        MessageIndex index = TwoRooms.index();
        LogicalMessage side = TwoRooms.ofRoom(index, "side").get(0);
        assertThatThrownBy(() -> new StatusSteps.Builder(index, "lobby")
                .add(side, new StatusStep(1, null, MessageStatus.PENDING, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("room lobby");
    }
}
