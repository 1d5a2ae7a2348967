package dev.livetalk.metrics.replay;

import dev.livetalk.client.transcript.MessageStatus;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link OwnSteps} against a {@link HashMap} of lists fed the same statuses, a step where the status or epoch changed. */
class OwnStepsTest {
    private static final long SEED = 20_261_206L;

    @Test
    void shouldReadAsAMapOfEachMessagesStepsWhereItsStatusOrEpochChanged() {
        MessageIndex index = TwoRooms.index();
        List<LogicalMessage> all = index.all();
        Random random = new Random(SEED);
        MessageStatus[] statuses = MessageStatus.values();
        OwnSteps.Builder built = new OwnSteps.Builder(index);
        Map<String, List<ChangeTally.Step>> model = new HashMap<>();
        for (int i = 0; i < 400; i++) {
            LogicalMessage message = all.get(random.nextInt(all.size()));
            MessageStatus status = random.nextInt(8) == 0 ? null : statuses[random.nextInt(2)]; // repeats often
            long at = random.nextLong(1_000_000);
            boolean lostEpoch = random.nextInt(6) == 0;
            built.note(message, status, at, lostEpoch);
            List<ChangeTally.Step> steps = model.computeIfAbsent(message.key(), k -> new ArrayList<>());
            ChangeTally.Step last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
            if (last == null || last.status() != status || last.lostEpoch() != lostEpoch) {
                steps.add(new ChangeTally.Step(status, at, lostEpoch));
            }
        }
        OwnSteps steps = built.build();

        assertThat(steps).isEqualTo(model).hasSameHashCodeAs(model).hasSize(model.size());
        model.forEach((key, expected) -> assertThat(steps.get(key)).containsExactlyElementsOf(expected));
        assertThat(steps.keySet()).as("in the index's order")
                .containsExactlyElementsOf(all.stream().map(LogicalMessage::key).filter(model::containsKey).toList());
        assertThat(steps.get("send:nobody:x")).isNull();
        assertThat(steps.containsKey(42)).isFalse();
    }

    @Test
    void shouldBuildNoStepsForAClientThatNotedNone() {
        MessageIndex index = TwoRooms.index();
        OwnSteps none = new OwnSteps.Builder(index).build();
        assertThat(none).isEmpty();
        assertThat(none.get(index.all().get(0).key())).isNull();
    }

    @Test
    void shouldRefuseAMessageOfAnotherIndex() {
        OwnSteps.Builder built = new OwnSteps.Builder(TwoRooms.index());
        LogicalMessage stranger = new LogicalMessage("send:nobody:x", "lobby", "nobody", "nobody", null, List.of());
        assertThatThrownBy(() -> built.note(stranger, MessageStatus.SENT, 1, false))
                .hasMessage("message send:nobody:x is not one of the index");
    }
}
