package dev.livetalk.bench.calibrate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenScheduleTest {
    private final OpenSchedule schedule = new OpenSchedule(1_000, 2_000, 4);

    @Test
    void shouldPlaceEachSendAPeriodAfterTheOneBeforeFromTheStart() {
        assertThat(schedule.intendedAt(0)).isEqualTo(1_000);
        assertThat(schedule.intendedAt(3)).isEqualTo(7_000);
        assertThat(schedule.lastIntended()).isEqualTo(7_000);
        assertThatThrownBy(() -> schedule.intendedAt(4)).hasMessage("send 4 of a burst of 4");
    }

    @Test
    void shouldCountTheSendsDueAtAGivenTimeWhateverHappenedBefore() {
        assertThat(schedule.dueAt(999)).isZero();
        assertThat(schedule.dueAt(1_000)).isEqualTo(1);
        assertThat(schedule.dueAt(2_999)).isEqualTo(1);
        assertThat(schedule.dueAt(3_000)).isEqualTo(2);
        assertThat(schedule.dueAt(5_500)).as("a late wake-up owes every send due by then").isEqualTo(3);
        assertThat(schedule.dueAt(1_000_000)).as("bounded by the count").isEqualTo(4);
    }

    @Test
    void shouldHaveNothingDueInAnEmptyBurst() {
        OpenSchedule empty = new OpenSchedule(5, 1, 0);
        assertThat(empty.dueAt(100)).isZero();
        assertThat(empty.lastIntended()).isEqualTo(5);
    }
}
