package dev.livetalk.scenarios;

import dev.livetalk.scenarios.fault.BandwidthFault;
import dev.livetalk.scenarios.fault.DownFault;
import dev.livetalk.scenarios.fault.DuplicationFault;
import dev.livetalk.scenarios.fault.Fault;
import dev.livetalk.scenarios.fault.FaultKind;
import dev.livetalk.scenarios.fault.LatencyFault;
import dev.livetalk.scenarios.fault.LimitDataFault;
import dev.livetalk.scenarios.fault.MessageLossFault;
import dev.livetalk.scenarios.fault.PartitionFault;
import dev.livetalk.scenarios.fault.PauseFault;
import dev.livetalk.scenarios.fault.RestartFault;
import dev.livetalk.scenarios.fault.SlowCommitFault;
import dev.livetalk.scenarios.fault.ReorderFault;
import dev.livetalk.scenarios.fault.ResetPeerFault;
import dev.livetalk.scenarios.fault.SlicerFault;
import dev.livetalk.scenarios.fault.SlowCloseFault;
import dev.livetalk.scenarios.fault.StallFault;
import dev.livetalk.scenarios.fault.TimeoutFault;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the parameters of each fault kind (the keys beside {@code type}) into its
 * {@link Fault} record, checking each value at its node.
 *
 * <p>Not thread-safe: one validation on one thread.
 */
final class FaultParameters {
    private static final Map<FaultKind, List<String>> KEYS = Map.ofEntries(
            Map.entry(FaultKind.LATENCY, List.of("latency", "jitter")),
            Map.entry(FaultKind.BANDWIDTH, List.of("rate")),
            Map.entry(FaultKind.SLOW_CLOSE, List.of("delay")),
            Map.entry(FaultKind.TIMEOUT, List.of("timeout")),
            Map.entry(FaultKind.RESET_PEER, List.of("timeout")),
            Map.entry(FaultKind.SLICER, List.of("average-size", "size-variation", "delay")),
            Map.entry(FaultKind.LIMIT_DATA, List.of("bytes")),
            Map.entry(FaultKind.DOWN, List.of()),
            Map.entry(FaultKind.STALL, List.of()),
            Map.entry(FaultKind.MESSAGE_LOSS, List.of("probability")),
            Map.entry(FaultKind.DUPLICATION, List.of("probability")),
            Map.entry(FaultKind.REORDER, List.of("window", "probability")),
            Map.entry(FaultKind.PARTITION, List.of()),
            Map.entry(FaultKind.RESTART, List.of("durable")),
            Map.entry(FaultKind.PAUSE, List.of()),
            Map.entry(FaultKind.SLOW_COMMIT, List.of("delay")));

    private final Values values;
    private final Fields fields;

    FaultParameters(Values values, Fields fields) {
        this.values = values;
        this.fields = fields;
    }

    /** The parameter keys of a kind. */
    static List<String> keys(FaultKind kind) {
        return KEYS.get(kind);
    }

    /** The parameter keys of every kind, for faults whose type is unknown. */
    static List<String> allKeys() {
        return Arrays.stream(FaultKind.values()).flatMap(k -> KEYS.get(k).stream()).distinct().toList();
    }

    Optional<Fault> read(FaultKind kind) {
        return switch (kind) {
            case LATENCY -> both(duration("latency"), optionalDuration("jitter"), LatencyFault::new);
            case BANDWIDTH -> whole("rate", "KB/s (use stall for a rate of 0)").map(BandwidthFault::new);
            case SLOW_CLOSE -> duration("delay").map(SlowCloseFault::new);
            case TIMEOUT -> duration("timeout").map(TimeoutFault::new);
            case RESET_PEER -> optionalDuration("timeout").map(ResetPeerFault::new);
            case SLICER -> slicer();
            case LIMIT_DATA -> whole("bytes", "bytes").map(LimitDataFault::new);
            case DOWN -> Optional.of(new DownFault());
            case STALL -> Optional.of(new StallFault());
            case MESSAGE_LOSS -> probability(true).map(MessageLossFault::new);
            case DUPLICATION -> probability(true).map(DuplicationFault::new);
            case REORDER -> both(duration("window").filter(w -> positive(w, "window")), probability(false),
                    ReorderFault::new);
            case PARTITION -> Optional.of(new PartitionFault());
            case RESTART -> bool("durable").map(RestartFault::new);
            case PAUSE -> Optional.of(new PauseFault());
            case SLOW_COMMIT -> duration("delay").filter(d -> positive(d, "delay")).map(SlowCommitFault::new);
        };
    }

    private Optional<Fault> slicer() {
        Optional<Long> size = whole("average-size", "bytes");
        Optional<Long> variation = fields.optional("size-variation")
                .map(n -> values.integer(n, fields.path("size-variation"))).orElse(Optional.of(0L));
        Optional<Duration> delay = optionalDuration("delay");
        if (size.isEmpty() || variation.isEmpty() || delay.isEmpty()) {
            return Optional.empty();
        }
        if (variation.get() < 0 || variation.get() >= size.get()) {
            values.error(fields.optional("size-variation").orElseThrow(), fields.path("size-variation")
                    + " must be within 0..average-size-1 (" + (size.get() - 1) + ") bytes: " + variation.get());
            return Optional.empty();
        }
        return Optional.of(new SlicerFault(Math.toIntExact(size.get()), Math.toIntExact(variation.get()), delay.get()));
    }

    private Optional<Duration> duration(String key) {
        return fields.required(key, "a duration such as 500ms").flatMap(n -> values.duration(n, fields.path(key)));
    }

    private Optional<Boolean> bool(String key) {
        return fields.required(key, "true or false").flatMap(n -> values.bool(n, fields.path(key)));
    }

    private Optional<Duration> optionalDuration(String key) {
        return fields.optional(key).map(n -> values.duration(n, fields.path(key))).orElse(Optional.of(Duration.ZERO));
    }

    private boolean positive(Duration value, String key) {
        if (value.isZero()) {
            values.error(fields.optional(key).orElseThrow(), fields.path(key) + " must be a duration > 0: 0s");
            return false;
        }
        return true;
    }

    private Optional<Long> whole(String key, String unit) {
        Optional<YamlNode> node = fields.required(key, "a whole number of " + unit);
        Optional<Long> value = node.flatMap(n -> values.integer(n, fields.path(key)));
        if (value.isPresent() && (value.get() <= 0 || value.get() > Integer.MAX_VALUE)) {
            values.error(node.orElseThrow(), fields.path(key) + " must be > 0 " + unit + ": " + value.get());
            return Optional.empty();
        }
        return value;
    }

    private Optional<Double> probability(boolean required) {
        Optional<YamlNode> node = required
                ? fields.required("probability", "a number within (0, 1]")
                : fields.optional("probability");
        if (node.isEmpty()) {
            return required ? Optional.empty() : Optional.of(1.0);
        }
        return values.fraction(node.get(), fields.path("probability"), false);
    }

    private interface Constructor<A, B> {
        Fault create(A a, B b);
    }

    private static <A, B> Optional<Fault> both(Optional<A> a, Optional<B> b, Constructor<A, B> constructor) {
        return a.isPresent() && b.isPresent() ? Optional.of(constructor.create(a.get(), b.get())) : Optional.empty();
    }
}
