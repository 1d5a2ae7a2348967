package dev.livetalk.scenarios;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationsTest {

    @Test
    void shouldParseEveryUnit() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("5s")).isEqualTo(Duration.ofSeconds(5));
        assertThat(Durations.parse("1m")).isEqualTo(Duration.ofMinutes(1));
        assertThat(Durations.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Durations.parse("250us")).isEqualTo(Duration.ofNanos(250_000));
        assertThat(Durations.parse("2h")).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void shouldRefuseADurationBeyondALongOfNanosecondsNamingTheRule() {
        assertThatThrownBy(() -> Durations.parse("99999999h")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a duration must be at most 292 years (2^63-1 ns): 99999999h");
    }

    @Test
    void shouldFormatInTheLargestExactUnit() {
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Durations.format(Duration.ofSeconds(60))).isEqualTo("1m");
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
        assertThat(Durations.parse(Durations.format(Duration.ofNanos(1_234_567)))).isEqualTo(Duration.ofNanos(1_234_567));
    }

    @Test
    void shouldRejectTextThatIsNotADuration() {
        assertThatThrownBy(() -> Durations.parse("5")).hasMessageContaining("a number and a unit");
        assertThatThrownBy(() -> Durations.parse("5 days")).hasMessageContaining("a number and a unit");
        assertThatThrownBy(() -> Durations.parse("5d")).hasMessageContaining("unknown duration unit 'd'");
        assertThatThrownBy(() -> Durations.parse("-5s")).hasMessageContaining("cannot be negative");
        assertThatThrownBy(() -> Durations.parse("1.5ns")).hasMessageContaining("whole number of nanoseconds");
    }
}
