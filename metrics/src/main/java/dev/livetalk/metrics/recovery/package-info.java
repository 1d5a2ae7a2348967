/**
 * Recovery figures per fault window: how long until every client the window targeted was back
 * (welcomed again) and converged, what the reconnects refetched per client, the peak of
 * reconnects per second, and the acknowledged messages the server no longer holds. Computed from
 * the trace and the convergence samples of the correctness checkers.
 */
package dev.livetalk.metrics.recovery;
