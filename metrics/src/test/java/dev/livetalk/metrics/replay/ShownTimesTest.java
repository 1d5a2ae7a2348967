package dev.livetalk.metrics.replay;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link ShownTimes} against a {@link HashMap} fed the same first times. */
class ShownTimesTest {
    private static final long SEED = 20_261_205L;

    @Test
    void shouldReadAsAMapOfTheFirstTimeNotedPerMessageOfItsRoom() {
        MessageIndex index = TwoRooms.index();
        Random random = new Random(SEED);
        for (String room : TwoRooms.ROOMS) {
            List<LogicalMessage> ofRoom = TwoRooms.ofRoom(index, room);
            assertThat(index.roomSize(room)).isEqualTo(ofRoom.size());
            ShownTimes.Builder built = new ShownTimes.Builder(index, room);
            Map<String, Long> model = new HashMap<>();
            for (int i = 0; i < 60; i++) {
                LogicalMessage message = ofRoom.get(random.nextInt(ofRoom.size()));
                long at = random.nextLong(1_000_000);
                assertThat(built.putIfAbsent(message, at)).isEqualTo(model.putIfAbsent(message.key(), at) == null);
            }
            ShownTimes times = built.build();
            assertThat(times).isEqualTo(model).hasSameHashCodeAs(model).hasSize(model.size());
            for (LogicalMessage message : index.all()) {
                assertThat(times.get(message.key())).as(message.key()).isEqualTo(model.get(message.key()));
                assertThat(times.containsKey(message.key())).isEqualTo(model.containsKey(message.key()));
            }
            assertThat(times.get("no such key")).isNull();
            assertThat(times.get(42)).isNull();
            assertThat(times.keySet()).containsExactlyElementsOf(ofRoom.stream().map(LogicalMessage::key)
                    .filter(model::containsKey).toList());
        }
    }

    @Test
    void shouldRefuseAMessageOfAnotherRoom() {
        MessageIndex index = TwoRooms.index();
        LogicalMessage side = TwoRooms.ofRoom(index, "side").get(0);
        assertThatThrownBy(() -> new ShownTimes.Builder(index, "lobby").putIfAbsent(side, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("room lobby");
    }
}
