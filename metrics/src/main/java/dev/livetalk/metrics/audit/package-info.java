/**
 * {@code livetalk audit}: a second, deliberately simple computation of every correctness figure
 * and latency percentile of {@code results.json} from the ledger alone (docs/METRICS.md,
 * "Auditing a run"). It reads ledger rows and the results document's JSON, nothing of the
 * checkers (the bench's {@code LayeringTest} holds it to that): plain loops over rows, sorted
 * lists for exact percentiles, quadratic counts where the checkers are clever.
 */
package dev.livetalk.metrics.audit;
