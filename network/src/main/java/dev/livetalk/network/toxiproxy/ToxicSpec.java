package dev.livetalk.network.toxiproxy;

import dev.livetalk.protocol.Direction;

import java.time.Duration;
import java.util.Objects;

/**
 * The faults a {@link ToxiproxyNetwork} can put on a set of proxies: each Toxiproxy toxic with
 * its parameters, plus {@link Down} (the proxy disabled) and {@link Stall} (bandwidth 0 both
 * ways). Toxicity is always 1: the harness owns all randomness, so a fault applies to every
 * connection of the proxies it targets. Durations are sent to Toxiproxy in whole milliseconds.
 *
 * <p>Immutable; compact constructors validate and name the value and the rule.
 */
public sealed interface ToxicSpec {

    /** The name of this kind of fault: the Toxiproxy toxic type, or {@code down} / {@code stall}. */
    String kind();

    /** Delays every chunk by {@code latency} plus or minus up to {@code jitter}. */
    record Latency(Duration latency, Duration jitter, Direction direction) implements ToxicSpec {
        public Latency {
            Checks.notNegative("latency", latency);
            Checks.notNegative("jitter", jitter);
            Objects.requireNonNull(direction, "direction");
        }

        @Override
        public String kind() {
            return "latency";
        }
    }

    /** Limits the link to {@code rateKilobytesPerSecond} KB/s; 0 holds every byte back. */
    record Bandwidth(long rateKilobytesPerSecond, Direction direction) implements ToxicSpec {
        public Bandwidth {
            Checks.notNegative("bandwidth rate (KB/s)", rateKilobytesPerSecond);
            Objects.requireNonNull(direction, "direction");
        }

        @Override
        public String kind() {
            return "bandwidth";
        }
    }

    /** Delays the close of a connection by {@code delay}. */
    record SlowClose(Duration delay, Direction direction) implements ToxicSpec {
        public SlowClose {
            Checks.notNegative("slow_close delay", delay);
            Objects.requireNonNull(direction, "direction");
        }

        @Override
        public String kind() {
            return "slow_close";
        }
    }

    /**
     * Stops all data and closes the connection after {@code timeout}; with 0 the data is
     * dropped and the connection stays open until the toxic is removed.
     */
    record Timeout(Duration timeout, Direction direction) implements ToxicSpec {
        public Timeout {
            Checks.notNegative("timeout", timeout);
            Objects.requireNonNull(direction, "direction");
        }

        @Override
        public String kind() {
            return "timeout";
        }
    }

    /** Resets the connection (TCP RST) {@code timeout} after the first data arrives. */
    record ResetPeer(Duration timeout, Direction direction) implements ToxicSpec {
        public ResetPeer {
            Checks.notNegative("reset_peer timeout", timeout);
            Objects.requireNonNull(direction, "direction");
        }

        @Override
        public String kind() {
            return "reset_peer";
        }
    }

    /** Cuts data into chunks of about {@code averageSizeBytes}, sent {@code delay} apart. */
    record Slicer(long averageSizeBytes, long sizeVariationBytes, Duration delay, Direction direction)
            implements ToxicSpec {
        public Slicer {
            if (averageSizeBytes <= 0) {
                throw new IllegalArgumentException("slicer average size must be > 0 bytes: " + averageSizeBytes);
            }
            if (sizeVariationBytes < 0 || sizeVariationBytes >= averageSizeBytes) {
                throw new IllegalArgumentException("slicer size variation must be >= 0 and < the average size "
                        + averageSizeBytes + " bytes: " + sizeVariationBytes);
            }
            Checks.notNegative("slicer delay", delay);
            Objects.requireNonNull(direction, "direction");
        }

        @Override
        public String kind() {
            return "slicer";
        }
    }

    /** Closes the connection once {@code bytes} bytes have passed. */
    record LimitData(long bytes, Direction direction) implements ToxicSpec {
        public LimitData {
            Checks.notNegative("limit_data bytes", bytes);
            Objects.requireNonNull(direction, "direction");
        }

        @Override
        public String kind() {
            return "limit_data";
        }
    }

    /**
     * The proxy disabled: its connections are closed and new ones refused until the fault is
     * removed. Overlapping downs on one proxy nest: it comes back when the last is removed.
     */
    record Down() implements ToxicSpec {
        @Override
        public String kind() {
            return "down";
        }
    }

    /** Bandwidth 0 both ways: no byte passes and none is lost; removing it delivers them. */
    record Stall() implements ToxicSpec {
        @Override
        public String kind() {
            return "stall";
        }
    }
}
