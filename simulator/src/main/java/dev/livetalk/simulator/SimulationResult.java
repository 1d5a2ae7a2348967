package dev.livetalk.simulator;

import dev.livetalk.run.TraceHash;

import dev.livetalk.metrics.trace.RunTrace;

/**
 * What one simulated run gives: its trace (for the checkers) and what the network did.
 *
 * <p>Immutable once returned; any thread.
 *
 * @param trace       the run's trace, on the virtual clock
 * @param network     frames sent, delivered, and hit by each fault kind
 * @param actions     event-loop actions run
 * @param virtualEnd  virtual time at the end of the run, nanoseconds
 * @param wallNanos   how long the play took on the machine's clock (not part of the trace)
 */
public record SimulationResult(RunTrace trace, NetworkStats network, long actions, long virtualEnd, long wallNanos) {

    /** The stable hash of the trace: equal for equal runs (see {@link TraceHash}). */
    public String traceHash() {
        return TraceHash.of(trace);
    }
}
