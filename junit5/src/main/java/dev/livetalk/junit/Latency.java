package dev.livetalk.junit;

import dev.livetalk.metrics.results.Percentiles;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A latency figure: {@link Measured}, or {@link Never} when the percentile falls on deliveries
 * that never came by the end of the run (results.json's {@code "never"}, docs/METRICS.md): a
 * strategy that loses more than 1% of its deliveries has a p99 of never, which is worse than any
 * duration and is not a number to compare.
 *
 * <pre>{@code
 * Latency p99 = results.strategy("reconcile").latency("peer-final").p99();
 * assertTrue(p99.isAtMost(Duration.ofSeconds(1)), "peer-final p99 " + p99);
 * }</pre>
 *
 * <p>Immutable; any thread.
 */
public sealed interface Latency permits Latency.Measured, Latency.Never {

    /** The figure of results.json's nanoseconds: {@link Never} for {@link Percentiles#NEVER}. */
    static Latency ofNanos(long nanos) {
        return Percentiles.isNever(nanos) ? Never.NEVER : new Measured(Duration.ofNanos(nanos));
    }

    /** Whether nothing came by the end of the run at this rank. */
    boolean isNever();

    /** Whether it is measured and not longer than {@code limit}; never is not. */
    boolean isAtMost(Duration limit);

    /**
     * The duration.
     *
     * @throws IllegalStateException when it is {@link Never}
     */
    Duration duration();

    /** A measured latency. */
    record Measured(Duration duration) implements Latency {
        public Measured {
            Objects.requireNonNull(duration, "duration");
            if (duration.isNegative()) {
                throw new IllegalArgumentException("a latency must be >= 0: " + duration);
            }
        }

        @Override
        public boolean isNever() {
            return false;
        }

        @Override
        public boolean isAtMost(Duration limit) {
            return duration.compareTo(limit) <= 0;
        }

        /** As the reports write it: {@code 12.3 ms}. */
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.1f ms", duration.toNanos() / 1e6);
        }
    }

    /** Never came by the end of the run: above every duration. */
    enum Never implements Latency {
        NEVER;

        @Override
        public boolean isNever() {
            return true;
        }

        @Override
        public boolean isAtMost(Duration limit) {
            return false;
        }

        @Override
        public Duration duration() {
            throw new IllegalStateException("the latency is never: deliveries that never came by the end of the run"
                    + " fall on this percentile (check isNever() first)");
        }

        @Override
        public String toString() {
            return "never";
        }
    }
}
