package dev.livetalk.metrics.results;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * How much latency the harness itself adds on this machine, and the noise floor that follows:
 * a latency difference smaller than {@link #noiseFloorNanos()} cannot be told from the harness's
 * own jitter. Part of every results document's environment.
 *
 * <p>Immutable; any thread.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Calibration.Measured.class, name = "measured"),
    @JsonSubTypes.Type(value = Calibration.VirtualTime.class, name = "virtual-time"),
    @JsonSubTypes.Type(value = Calibration.Skipped.class, name = "skipped")})
@JsonIgnoreProperties(value = "noiseFloorNanos", allowGetters = true)
public sealed interface Calibration {

    /** What the documents of a run written without a calibration carry. */
    Calibration NOT_MEASURED = new Skipped("not measured: a document written before calibration, or a run without it");

    /**
     * The smallest latency difference the harness can resolve on this machine, in nanoseconds:
     * below it, a change of a latency figure is within noise. Written to {@code results.json}
     * beside the figures it comes from; never read back (it follows from them).
     */
    @JsonProperty("noiseFloorNanos")
    long noiseFloorNanos();

    /**
     * The noise floor of a median: the full stack's peer-first p90 minus its p50 through
     * Toxiproxy, the spread of the middle of the harness's own deliveries. A gate compares p50s
     * against it and tail percentiles against {@link #noiseFloorNanos()}: the tail's spread would
     * hide any shift of the median smaller than the harness's worst jitter. 0 without a
     * measurement.
     */
    default long medianNoiseFloorNanos() {
        return this instanceof Measured measured ? measured.medianSpreadNanos() : 0;
    }

    /**
     * Figures measured on this machine by {@code livetalk calibrate}, or before a run.
     *
     * <p>The noise floor is the spread of the harness's own path as a run uses it: the full
     * stack's peer-first p99 minus its p50 through Toxiproxy, both from the intended send time.
     * It is a spread, not a level, because a gate compares a figure with the same figure of
     * another run: the harness's constant cost (its p50) is in both and cancels, while its
     * jitter (where between p50 and p99 a delivery lands) does not. The p99 is the highest
     * percentile a short calibration still estimates from more than a handful of samples.
     *
     * @param durationNanos how long the calibration took, connecting included
     * @param ratePerSecond the open-model rate of each layer's sends
     * @param strategy      the strategy of the full-stack layers' client sessions
     * @param layers        one per {@link HarnessLayer}, in the enum's order
     */
    record Measured(long durationNanos, double ratePerSecond, String strategy, List<LayerLatency> layers)
            implements Calibration {
        public Measured {
            if (durationNanos < 0) {
                throw new IllegalArgumentException("calibration duration must be >= 0 ns: " + durationNanos);
            }
            if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
                throw new IllegalArgumentException("calibration rate must be > 0 sends/s: " + ratePerSecond);
            }
            Objects.requireNonNull(strategy, "strategy");
            layers = List.copyOf(layers);
            List<HarnessLayer> order = layers.stream().map(LayerLatency::layer).toList();
            if (!order.equals(Arrays.asList(HarnessLayer.values()))) {
                throw new IllegalArgumentException("calibration layers must be " + Arrays.asList(HarnessLayer.values())
                        + " in that order: " + order);
            }
        }

        /** The figures of {@code layer}. */
        public LayerLatency layer(HarnessLayer layer) {
            return layers.get(layer.ordinal());
        }

        /**
         * The p50 of {@code layer} (from the intended send time) over the bare echo's p50: how many
         * times the bare Tyrus round trip the layer takes; 0 when the bare echo has no samples.
         */
        public double p50Ratio(HarnessLayer layer) {
            long bare = layer(HarnessLayer.BARE_ECHO).corrected().p50();
            return bare == 0 ? 0 : (double) layer(layer).corrected().p50() / bare;
        }

        @Override
        public long noiseFloorNanos() {
            Percentiles fullStack = layer(HarnessLayer.FULL_STACK_TOXIPROXY).corrected();
            return Math.max(0, fullStack.p99() - fullStack.p50());
        }

        long medianSpreadNanos() {
            Percentiles fullStack = layer(HarnessLayer.FULL_STACK_TOXIPROXY).corrected();
            return Math.max(0, fullStack.p90() - fullStack.p50());
        }
    }

    /** The simulator: time is virtual and the harness adds none, so the floor is 0. */
    record VirtualTime() implements Calibration {
        /** Why the floor is 0, for reports. */
        public String reason() {
            return "the simulator plays in virtual time: the harness adds no latency, so the noise floor is 0";
        }

        @Override
        public long noiseFloorNanos() {
            return 0;
        }
    }

    /**
     * No calibration: the floor is 0 (no figure is called within noise).
     *
     * @param reason why, for reports ({@code --no-calibration})
     */
    record Skipped(String reason) implements Calibration {
        public Skipped {
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("a skipped calibration needs a reason: " + reason);
            }
        }

        @Override
        public long noiseFloorNanos() {
            return 0;
        }
    }
}
