package dev.livetalk.metrics.replay;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each kind of {@link RoomTimes} against a {@link HashMap} fed the same first times. */
class RoomTimesTest {
    private static final long SEED = 20_261_205L;

    enum Kind {
        SHOWN(ShownTimes.Builder::new),
        ACK(AckTimes.Builder::new);

        private final BiFunction<MessageIndex, String, RoomTimes.Builder<?>> builder;

        Kind(BiFunction<MessageIndex, String, RoomTimes.Builder<?>> builder) {
            this.builder = builder;
        }

        RoomTimes.Builder<?> of(MessageIndex index, String room) {
            return builder.apply(index, room);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void shouldReadAsAMapOfTheFirstTimeNotedPerMessageOfItsRoomInAnyOrderNoted(Kind kind) {
        MessageIndex index = TwoRooms.index();
        Random random = new Random(SEED);
        for (int round = 0; round < 200; round++) {
            String room = TwoRooms.ROOMS.get(random.nextInt(TwoRooms.ROOMS.size()));
            List<LogicalMessage> ofRoom = TwoRooms.ofRoom(index, room);
            assertThat(index.roomSize(room)).isEqualTo(ofRoom.size());
            // from none to every message of the room, often a few (a member's own), in any order, many twice
            int notes = random.nextInt(4) == 0 ? random.nextInt(3 * ofRoom.size()) : random.nextInt(8);
            RoomTimes.Builder<?> built = kind.of(index, room);
            Map<String, Long> model = new HashMap<>();
            for (int i = 0; i < notes; i++) {
                LogicalMessage message = ofRoom.get(random.nextInt(ofRoom.size()));
                long at = random.nextLong(-1_000_000, 1_000_000);
                assertThat(built.putIfAbsent(message, at)).as("put %s", message.key())
                        .isEqualTo(model.putIfAbsent(message.key(), at) == null);
            }
            RoomTimes times = built.build();
            assertThat(times).isEqualTo(model).hasSameHashCodeAs(model).hasSize(model.size());
            assertThat(model).isEqualTo(times);
            assertThat(times.isEmpty()).isEqualTo(model.isEmpty());
            for (LogicalMessage message : index.all()) { // the other room's keys too
                assertThat(times.get(message.key())).as(message.key()).isEqualTo(model.get(message.key()));
                assertThat(times.containsKey(message.key())).as(message.key())
                        .isEqualTo(model.containsKey(message.key()));
            }
            assertThat(times.get("no such key")).isNull();
            assertThat(times.containsKey("no such key")).isFalse();
            assertThat(times.get(42)).isNull();
            assertThat(times.containsKey(null)).isFalse();
            List<String> inIndexOrder = ofRoom.stream().map(LogicalMessage::key).filter(model::containsKey).toList();
            assertThat(times.keySet()).containsExactlyElementsOf(inIndexOrder);
            assertThat(times.values()).containsExactlyElementsOf(inIndexOrder.stream().map(model::get).toList());
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void shouldKeepTheFirstTimeOfAMessageNotedAgain(Kind kind) {
        MessageIndex index = TwoRooms.index();
        List<LogicalMessage> lobby = TwoRooms.ofRoom(index, "lobby");
        RoomTimes.Builder<?> built = kind.of(index, "lobby");
        assertThat(built.putIfAbsent(lobby.get(3), 30)).isTrue();
        assertThat(built.putIfAbsent(lobby.get(1), 10)).isTrue();
        assertThat(built.putIfAbsent(lobby.get(3), 5)).isFalse();
        assertThat(built.build())
                .containsExactly(Map.entry(lobby.get(1).key(), 10L), Map.entry(lobby.get(3).key(), 30L));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void shouldBeEmptyWhenNothingWasNoted(Kind kind) {
        MessageIndex index = TwoRooms.index();
        RoomTimes times = kind.of(index, "side").build();
        assertThat(times).isEmpty();
        assertThat(times.get(TwoRooms.ofRoom(index, "side").get(0).key())).isNull();
        assertThat(kind.of(index, "no such room").build()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void shouldRefuseAMessageOfAnotherRoom(Kind kind) {
        MessageIndex index = TwoRooms.index();
        LogicalMessage side = TwoRooms.ofRoom(index, "side").get(0);
        assertThatThrownBy(() -> kind.of(index, "lobby").putIfAbsent(side, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("room lobby");
    }

    @Test
    void shouldBeKeptByARoomReplayAsTheyAre() {
        MessageIndex index = TwoRooms.index();
        LogicalMessage message = TwoRooms.ofRoom(index, "lobby").get(2);
        ShownTimes.Builder shown = new ShownTimes.Builder(index, "lobby");
        shown.putIfAbsent(message, 3);
        AckTimes.Builder acked = new AckTimes.Builder(index, "lobby");
        acked.putIfAbsent(message, 7);
        ShownTimes firstShown = shown.build();
        AckTimes ackTimes = acked.build();
        RoomReplay replay = new RoomReplay("c", "lobby", 0, List.of(), List.of(), firstShown, ackTimes, Set.of(),
                Set.of(), Set.of(), 0, null);
        assertThat(replay.firstShown()).isSameAs(firstShown);
        assertThat(replay.acked()).isSameAs(ackTimes);
    }
}
