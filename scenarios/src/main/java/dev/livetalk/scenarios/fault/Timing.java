package dev.livetalk.scenarios.fault;

import dev.livetalk.scenarios.Arrival;
import dev.livetalk.scenarios.Durations;

import java.time.Duration;
import java.util.OptionalInt;

/**
 * When a fault acts, in time since the load started (after warm-up): once ({@code at} +
 * {@code for}) or periodically ({@code every} + {@code for}, from {@code at}, {@code count}
 * times or until the end of the run).
 *
 * <p>Immutable; any thread.
 */
public sealed interface Timing permits Timing.Once, Timing.Every {

    /**
     * The most windows one repeating fault makes over a run: the limit of {@code count}, and of
     * the windows a fault without {@code count} makes until the end of the run.
     */
    int MAX_WINDOWS = 1_000_000;

    /** How long each window lasts. */
    Duration length();

    /** One window {@code [at, at + length)}. */
    record Once(Duration at, Duration length) implements Timing {
        public Once {
            Durations.requireNonNegative("at", at);
            Durations.requirePositive("for", length);
        }
    }

    /**
     * Windows of {@code length} starting at {@code first}, then every {@code period}
     * ({@link Arrival#CONSTANT}) or after exponential gaps of mean {@code period} that never
     * overlap ({@link Arrival#POISSON}); {@code count} windows, or as many as end within the run
     * when empty (at most {@link #MAX_WINDOWS}). Validation checks that {@code count} constant
     * windows end within the run, and that without {@code count} the run holds at most
     * {@link #MAX_WINDOWS} periods; Poisson windows that would end after the run, or beyond
     * {@link #MAX_WINDOWS}, are not played.
     */
    record Every(Duration first, Duration period, Duration length, OptionalInt count, Arrival arrival)
            implements Timing {
        public Every {
            Durations.requireNonNegative("at", first);
            Durations.requirePositive("for", length);
            if (period == null || period.compareTo(length) <= 0) {
                throw new IllegalArgumentException("every must be longer than for (" + length + "): " + period);
            }
            if (count.isPresent() && count.getAsInt() < 1) {
                throw new IllegalArgumentException("count must be >= 1: " + count.getAsInt());
            }
        }
    }
}
