package dev.livetalk.scenarios.fault;

import dev.livetalk.scenarios.Backend;

import java.util.Arrays;
import java.util.Set;

/**
 * Every kind of fault a scenario can schedule, its name in scenario files, whether it acts
 * in one direction, and which {@link Backend}s can play it. This table is the single source
 * of truth for backend capability: a scenario asking a backend for a fault it cannot play
 * fails validation, never runs as a silent no-op.
 *
 * <p>Immutable; any thread.
 */
public enum FaultKind {
    LATENCY("latency", true, Backend.TOXIPROXY, Backend.SIM),
    BANDWIDTH("bandwidth", true, Backend.TOXIPROXY),
    SLOW_CLOSE("slow-close", true, Backend.TOXIPROXY),
    TIMEOUT("timeout", true, Backend.TOXIPROXY, Backend.SIM),
    RESET_PEER("reset-peer", true, Backend.TOXIPROXY, Backend.SIM),
    SLICER("slicer", true, Backend.TOXIPROXY),
    LIMIT_DATA("limit-data", true, Backend.TOXIPROXY, Backend.SIM),
    DOWN("down", false, Backend.TOXIPROXY, Backend.SIM),
    STALL("stall", false, Backend.TOXIPROXY, Backend.SIM),
    MESSAGE_LOSS("message-loss", true, Backend.SIM),
    DUPLICATION("duplication", true, Backend.SIM),
    REORDER("reorder", true, Backend.SIM),
    PARTITION("partition", true, Backend.SIM);

    private final String yamlName;
    private final boolean directional;
    private final Set<Backend> backends;

    FaultKind(String yamlName, boolean directional, Backend... backends) {
        this.yamlName = yamlName;
        this.directional = directional;
        this.backends = Set.copyOf(Arrays.asList(backends));
    }

    /** The {@code type} of the fault in scenario files. */
    public String yamlName() {
        return yamlName;
    }

    /** Whether {@code direction} applies; {@code down} and {@code stall} always cut both ways. */
    public boolean directional() {
        return directional;
    }

    /** The backends that can play this fault. */
    public Set<Backend> backends() {
        return backends;
    }

    public boolean playableOn(Backend backend) {
        return backends.contains(backend);
    }
}
