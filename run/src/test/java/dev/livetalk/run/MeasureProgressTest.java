package dev.livetalk.run;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A long measurement says how far it is, at most once a minute of wall time; a short one says nothing. */
class MeasureProgressTest {
    private final List<String> notes = new ArrayList<>();
    private final RunProgress progress = new RunProgress() {
        @Override
        public void onStatus(Status status) {
        }

        @Override
        public void onNote(String line) {
            notes.add(line);
        }
    };
    private long now = 1_000;

    @Test
    void shouldTellTheRoomsMeasuredAtMostOnceAMinuteAndNotAfterTheLast() {
        MeasureProgress measuring = new MeasureProgress(progress, "soak-1h", "reconcile", 5, () -> now);
        now += Duration.ofSeconds(59).toNanos();
        measuring.measured(189_000);
        assertThat(notes).as("less than a minute: nothing").isEmpty();

        now += Duration.ofSeconds(2).toNanos();
        measuring.measured(189_500);
        assertThat(notes).containsExactly("soak-1h reconcile: measuring: 2 of 5 rooms measured (378,500 messages) in 61 s");

        now += Duration.ofSeconds(30).toNanos();
        measuring.measured(1);
        assertThat(notes).as("half a minute after the last line").hasSize(1);

        now += Duration.ofSeconds(31).toNanos();
        measuring.measured(1);
        assertThat(notes).hasSize(2).last().isEqualTo("soak-1h reconcile: measuring: 4 of 5 rooms measured (378,502 messages) in 122 s");

        now += Duration.ofMinutes(5).toNanos();
        measuring.measured(1);
        assertThat(notes).as("the last room: the run's summary follows").hasSize(2);
    }

    @Test
    void shouldSayNothingOfAMeasurementShorterThanAMinute() {
        MeasureProgress measuring = new MeasureProgress(progress, "outage", "reconcile", 3, () -> now);
        for (int room = 0; room < 3; room++) {
            now += Duration.ofSeconds(10).toNanos();
            measuring.measured(500);
        }
        assertThat(notes).isEmpty();
    }
}
