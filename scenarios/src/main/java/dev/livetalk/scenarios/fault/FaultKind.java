package dev.livetalk.scenarios.fault;

import dev.livetalk.scenarios.Backend;

import java.util.Arrays;
import java.util.Set;

/**
 * Every kind of fault a scenario can schedule, its name in scenario files, whether it acts
 * in one direction, and which {@link Backend}s can play it. This table is the single source
 * of truth for backend capability (and of which faults act on the server itself,
 * {@link #onServer()}): a scenario asking a backend for a fault it cannot play
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
    PARTITION("partition", true, Backend.SIM),
    RESTART("restart", false, Backend.TOXIPROXY, Backend.SIM),
    PAUSE("pause", false, Backend.TOXIPROXY, Backend.SIM),
    SLOW_COMMIT("slow-commit", false, Backend.TOXIPROXY, Backend.SIM);

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

    /**
     * Whether the fault acts on the server process itself ({@code restart}, {@code pause},
     * {@code slow-commit}) rather than on links: it takes {@code target: server} only, has no
     * direction, and a backend plays it on its server, never as a link fault.
     */
    public boolean onServer() {
        return this == RESTART || this == PAUSE || this == SLOW_COMMIT;
    }

    /** The backends that can play this fault. */
    public Set<Backend> backends() {
        return backends;
    }

    public boolean playableOn(Backend backend) {
        return backends.contains(backend);
    }
}
