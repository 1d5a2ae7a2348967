package dev.livetalk.scenarios.budget;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The metrics a budget can bound, with their names in budget expressions (docs/METRICS.md), and what kind of figure each is.
 *
 * <p>Immutable; any thread.
 */
public enum Metric {
    ECHO("echo", Kind.LATENCY),
    ACK("ack", Kind.LATENCY),
    PEER_FIRST("peer-first", Kind.LATENCY),
    PEER_FINAL("peer-final", Kind.LATENCY),
    READ_RECEIPT_LAG("read-receipt-lag", Kind.LATENCY),
    SCHEDULING_LAG("scheduling-lag", Kind.LATENCY),
    SILENT_WAIT("silent-wait", Kind.LATENCY),
    CONVERGENCE("convergence", Kind.CONVERGENCE_TIME),
    LOST("lost", Kind.COUNT),
    DUPLICATES("duplicates", Kind.COUNT),
    PHANTOMS("phantoms", Kind.COUNT),
    INVERSIONS("inversions", Kind.COUNT),
    MOVES("moves", Kind.COUNT),
    CAUSAL_VIOLATIONS("causal-violations", Kind.COUNT),
    STUCK_PENDING("stuck-pending", Kind.COUNT),
    UNFOUNDED_DELIVERED("unfounded-delivered", Kind.COUNT),
    UNFOUNDED_READ("unfounded-read", Kind.COUNT),
    STATUS_AHEAD("status-ahead", Kind.COUNT),
    STATUS_BACKWARDS("status-backwards", Kind.COUNT),
    MISSING_ECHOES("missing-echoes", Kind.COUNT),
    CONVERGED("converged", Kind.CONVERGED_SHARE),
    RECOVERY("recovery", Kind.RECOVERY_TIME),
    ACKED_LOST("acked-lost", Kind.COUNT),
    REFETCHED("refetched", Kind.PER_CLIENT_COUNT),
    RECONNECT_PEAK("reconnect-peak", Kind.COUNT),
    REQUESTS("requests", Kind.PER_CLIENT_COUNT),
    SERVER_PEAK("server-peak", Kind.COUNT);

    /** What kind of figure a metric is, which decides the budget grammar that applies. */
    public enum Kind {
        /** A latency distribution kept per phase: needs an aggregation and a time threshold. */
        LATENCY,
        /** Time to converge after each fault window: needs an aggregation and a time; no phase. */
        CONVERGENCE_TIME,
        /** A count summed over rooms and clients: a plain number, no aggregation, no phase. */
        COUNT,
        /** The clients that converged: a percentage (or a count), no aggregation, no phase. */
        CONVERGED_SHARE,
        /** Time to recover after each fault window, one sample per window: needs an aggregation and a time. */
        RECOVERY_TIME,
        /** A count per client and fault window: needs an aggregation (over the clients, worst window); no unit. */
        PER_CLIENT_COUNT
    }

    private final String expressionName;
    private final Kind kind;

    Metric(String expressionName, Kind kind) {
        this.expressionName = expressionName;
        this.kind = kind;
    }

    /** The name in budget expressions and result documents. */
    public String expressionName() {
        return expressionName;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether values are times (nanoseconds), which need an aggregation and a time unit. */
    public boolean isTime() {
        return kind == Kind.LATENCY || kind == Kind.CONVERGENCE_TIME || kind == Kind.RECOVERY_TIME;
    }

    /** Whether a budget names an aggregation (p(N), max, min): times and counts per client. */
    public boolean takesAggregation() {
        return isTime() || kind == Kind.PER_CLIENT_COUNT;
    }

    /**
     * Whether the figure is one of the recovery figures of the fault windows ({@code recovery},
     * {@code acked-lost}, {@code refetched}, {@code reconnect-peak}, {@code requests}, {@code server-peak}): kept
     * for the whole run, not per room.
     */
    public boolean isRecovery() {
        return this == RECOVERY || this == ACKED_LOST || this == REFETCHED || this == RECONNECT_PEAK
                || this == REQUESTS || this == SERVER_PEAK;
    }

    public static Optional<Metric> byName(String name) {
        return Arrays.stream(values()).filter(m -> m.expressionName.equals(name)).findFirst();
    }

    /** The names of the latency metrics, in declaration order. */
    public static List<String> latencyNames() {
        return Arrays.stream(values()).filter(m -> m.kind == Kind.LATENCY).map(Metric::expressionName).toList();
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(Metric::expressionName).toList();
    }
}
