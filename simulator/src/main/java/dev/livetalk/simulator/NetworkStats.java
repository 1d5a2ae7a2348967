package dev.livetalk.simulator;

import dev.livetalk.scenarios.fault.FaultKind;

import java.util.EnumMap;
import java.util.Map;

/**
 * What the simulated network did in one run: frames handed to a core, and per fault kind how
 * many frames passed through it and how many it hit (dropped, duplicated, held back, delayed).
 * The figures that let a test check that a fault acts at the rate the scenario asks.
 *
 * <p>Mutable while its run plays (simulation thread only); read it after the run.
 */
public final class NetworkStats {
    private final long[] exposed = new long[FaultKind.values().length];
    private final long[] hit = new long[FaultKind.values().length];
    private long deliveries;
    private long sent;
    private long connects;
    private long refused;
    private long cuts;
    private long transportErrors;
    private long restarts;
    private long dropped;
    private long pauses;
    private long held;
    private long slowCommits;

    void onExposed(FaultKind kind) {
        exposed[kind.ordinal()]++;
    }

    void onHit(FaultKind kind) {
        hit[kind.ordinal()]++;
    }

    void onSent() {
        sent++;
    }

    void onDelivered() {
        deliveries++;
    }

    void onConnect() {
        connects++;
    }

    void onRefused() {
        refused++;
    }

    void onCut() {
        cuts++;
    }

    void onTransportError() {
        transportErrors++;
    }

    void onRestart() {
        restarts++;
    }

    void onDropped() {
        dropped++;
    }

    void onPause() {
        pauses++;
    }

    void onServerHeld() {
        held++;
    }

    void onSlowCommits(int commits) {
        slowCommits += commits;
    }

    /** Frames handed to the server core or a client session. */
    public long deliveries() {
        return deliveries;
    }

    /** Frames put on a link (before loss and duplication). */
    public long sent() {
        return sent;
    }

    /** Connection attempts. */
    public long connects() {
        return connects;
    }

    /** Connection attempts refused (a down fault, or a server down for a restart). */
    public long refused() {
        return refused;
    }

    /** Connections the network killed (down, reset-peer, timeout, limit-data). */
    public long cuts() {
        return cuts;
    }

    /** Frames a client could not send (no connection) or could not decode. */
    public long transportErrors() {
        return transportErrors;
    }

    /** Times the server died (restart windows that found it running). */
    public long restarts() {
        return restarts;
    }

    /** Connections the server's deaths dropped (both ends, no close frame). */
    public long dropped() {
        return dropped;
    }

    /** Pause windows the server went through. */
    public long pauses() {
        return pauses;
    }

    /** Inputs (frames, connects, closes, ticks) that waited for a pause to end. */
    public long held() {
        return held;
    }

    /** Commits that a slow-commit window slowed down. */
    public long slowCommits() {
        return slowCommits;
    }

    /** Frames that travelled through an active fault of {@code kind}. */
    public long exposed(FaultKind kind) {
        return exposed[kind.ordinal()];
    }

    /** Frames that fault hit: dropped, duplicated, held back, delayed or stalled. */
    public long hit(FaultKind kind) {
        return hit[kind.ordinal()];
    }

    /** {@code hit / exposed} for {@code kind}; NaN when nothing was exposed. */
    public double hitRate(FaultKind kind) {
        long n = exposed(kind);
        return n == 0 ? Double.NaN : (double) hit(kind) / n;
    }

    /** Per kind with any exposure: exposed and hit. */
    public Map<FaultKind, long[]> byKind() {
        Map<FaultKind, long[]> out = new EnumMap<>(FaultKind.class);
        for (FaultKind kind : FaultKind.values()) {
            if (exposed(kind) > 0) {
                out.put(kind, new long[] {exposed(kind), hit(kind)});
            }
        }
        return out;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("sent " + sent + ", delivered " + deliveries + ", connects " + connects
                + ", refused " + refused + ", cuts " + cuts + ", transport errors " + transportErrors);
        if (restarts + pauses + slowCommits > 0) {
            out.append(", restarts ").append(restarts).append(" (dropped ").append(dropped).append("), pauses ")
                    .append(pauses).append(" (held ").append(held).append("), slow commits ").append(slowCommits);
        }
        byKind().forEach((kind, n) -> out.append(", ").append(kind.yamlName()).append(' ').append(n[1])
                .append('/').append(n[0]));
        return out.toString();
    }
}
