package dev.livetalk.metrics.audit;

import java.util.List;

/**
 * One comparison: the figure's name, the leaves of a strategy's part of {@code results.json} it
 * reads (their sum, when several), the ledger's recount and the tolerance.
 *
 * <p>Immutable; any thread.
 *
 * @param figure    the name the audit prints ({@code latency[peer-final/all].corrected.p99})
 * @param paths     the leaves it covers, paths as {@link StrategyLeaves} names them
 * @param recounted the ledger's value
 * @param tolerance how close the document's value must be
 */
record Check(String figure, List<String> paths, Reading recounted, Tolerance tolerance) {
    Check {
        paths = List.copyOf(paths);
    }

    /** A check of the one leaf {@code path}. */
    static Check of(String path, Reading recounted, Tolerance tolerance) {
        return new Check(path, List.of(path), recounted, tolerance);
    }
}
