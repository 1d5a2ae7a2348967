/**
 * {@code livetalk audit}: a second, deliberately simple computation of every correctness figure
 * and latency percentile of {@code results.json} from the ledger alone (docs/METRICS.md,
 * "Auditing a run"). It reads ledger rows and the results document's JSON, nothing of the
 * checkers (the bench's {@code LayeringTest} holds it to that): plain loops over rows, exact
 * percentiles from counts of every distinct value, other algorithms than the checkers' where
 * they are clever. It reads the ledger one room at a time ({@link dev.livetalk.metrics.audit.LedgerRooms}),
 * so an hour's ledger is audited in the heap of a room's rows.
 */
package dev.livetalk.metrics.audit;
