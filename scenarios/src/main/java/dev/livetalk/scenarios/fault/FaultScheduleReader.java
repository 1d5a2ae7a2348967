package dev.livetalk.scenarios.fault;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a fault schedule written by {@link FaultScheduleJson} back into the typed
 * {@link FaultSchedule}. Every field is required and checked; a malformed schedule is refused
 * with the field's path ({@code windows[2].parameters.latency}), the rule and the value found,
 * never read with a default. The nanosecond fields are the times; the text {@code start} and
 * {@code end} beside them, when present, must agree.
 *
 * <p>Stateless; any thread.
 */
final class FaultScheduleReader {
    private FaultScheduleReader() {
    }

    static FaultSchedule read(JsonNode tree, String path) {
        JsonFields schedule = JsonFields.of(tree, path, "the seed and the windows of a fault schedule");
        long seed = schedule.whole("seed", Long.MIN_VALUE);
        JsonNode array = schedule.array("windows");
        schedule.requireNoOthers();
        List<FaultWindow> windows = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            windows.add(window(array.get(i), schedule.path("windows") + "[" + i + "]"));
        }
        return new FaultSchedule(seed, windows);
    }

    private static FaultWindow window(JsonNode node, String path) {
        JsonFields w = JsonFields.of(node, path, "one fault window");
        String fault = w.text("fault");
        FaultKind kind = w.oneOf("type", List.of(FaultKind.values()), FaultKind::yamlName);
        int occurrence = w.integer("occurrence", 0);
        Duration start = Duration.ofNanos(w.whole("startNanos", 0));
        Duration end = Duration.ofNanos(w.whole("endNanos", 0));
        if (end.compareTo(start) <= 0) {
            throw new IllegalArgumentException(w.path("endNanos") + " must be after " + w.path("startNanos")
                    + " (" + start.toNanos() + "): " + end.toNanos());
        }
        w.agreeing("start", start, "startNanos");
        w.agreeing("end", end, "endNanos");
        Fault parameters = parameters(kind, JsonFields.of(w.required("parameters", "an object"),
                w.path("parameters"), "the parameters of a " + kind.yamlName() + " fault"));
        DirectionSelector direction = w.oneOf("direction", List.of(DirectionSelector.values()), DirectionSelector::yamlName);
        List<String> clients = w.texts("clients");
        LinkSelector link = w.oneOf("link", List.of(LinkSelector.values()), LinkSelector::yamlName);
        boolean serverSide = w.bool("serverSide");
        w.requireNoOthers();
        return new FaultWindow(fault, occurrence, start, end, parameters, direction, clients, link, serverSide);
    }

    /** The parameters as {@link FaultScheduleJson} writes them: the fault record's components by name. */
    private static Fault parameters(FaultKind kind, JsonFields p) {
        Fault fault;
        try {
            fault = switch (kind) {
                case LATENCY -> new LatencyFault(p.duration("latency"), p.duration("jitter"));
                case BANDWIDTH -> new BandwidthFault(p.whole("rateKbPerSecond", 1));
                case SLOW_CLOSE -> new SlowCloseFault(p.duration("delay"));
                case TIMEOUT -> new TimeoutFault(p.duration("timeout"));
                case RESET_PEER -> new ResetPeerFault(p.duration("timeout"));
                case SLICER -> new SlicerFault(p.integer("averageSize", 1), p.integer("sizeVariation", 0),
                        p.duration("delay"));
                case LIMIT_DATA -> new LimitDataFault(p.whole("bytes", 1));
                case DOWN -> new DownFault();
                case STALL -> new StallFault();
                case MESSAGE_LOSS -> new MessageLossFault(p.number("probability"));
                case DUPLICATION -> new DuplicationFault(p.number("probability"));
                case REORDER -> new ReorderFault(p.duration("window"), p.number("probability"));
                case PARTITION -> new PartitionFault();
                case RESTART -> new RestartFault(p.bool("durable"));
                case PAUSE -> new PauseFault();
                case SLOW_COMMIT -> new SlowCommitFault(p.duration("delay"));
            };
        } catch (IllegalArgumentException e) {
            if (e.getMessage().startsWith(p.path())) {
                throw e;
            }
            throw new IllegalArgumentException(p.path() + " of a " + kind.yamlName() + " fault: " + e.getMessage(), e);
        }
        p.requireNoOthers();
        return fault;
    }
}
