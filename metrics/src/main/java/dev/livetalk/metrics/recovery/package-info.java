/**
 * Recovery figures per fault window: how long until every client the window targeted was back
 * (welcomed again) and converged, what the reconnects refetched per client, the requests they
 * sent per client, the peak of reconnects per second and of requests per second at the server,
 * and the acknowledged messages the server no longer holds; and the run's cost per client
 * recovery ({@link dev.livetalk.metrics.recovery.CostFigures}). Computed from the trace and the
 * convergence samples of the correctness checkers.
 */
package dev.livetalk.metrics.recovery;
