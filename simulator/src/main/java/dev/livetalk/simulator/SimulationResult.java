package dev.livetalk.simulator;

import dev.livetalk.metrics.trace.RunTrace;

/**
 * What one simulated run gives: its trace (for the checkers) and what the network did.
 *
 * <p>Immutable once returned; any thread.
 *
 * @param trace       the run's trace, on the virtual clock
 * @param traceHash   the trace's stable hash ({@link dev.livetalk.metrics.trace.TraceRecorder#digest()}): equal
 *                    for equal runs, in any process
 * @param network     frames sent, delivered, and hit by each fault kind
 * @param actions     event-loop actions run
 * @param virtualEnd  virtual time at the end of the run, nanoseconds
 * @param wallNanos   how long the play took on the machine's clock (not part of the trace)
 */
public record SimulationResult(RunTrace trace, String traceHash, NetworkStats network, long actions, long virtualEnd,
                               long wallNanos) {
}
