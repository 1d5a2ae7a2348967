package dev.livetalk.metrics.correctness;

/**
 * When one client converged after one fault window that targeted it (see
 * {@link ConvergenceTimes}).
 *
 * <p>Immutable; any thread.
 *
 * @param clientId       the client
 * @param fault          the fault's name
 * @param occurrence     which occurrence of the fault (0 for the first)
 * @param windowEnd      when the window ended, nanoseconds since the end of the warm-up (the
 *                       clock of the fault schedule)
 * @param convergedAfter nanoseconds from the window's end until every room of the client stayed
 *                       a complete, correctly ordered prefix of its entitled log; {@code null}
 *                       when it never got there before the next window or the end
 */
public record ClientConvergence(String clientId, String fault, int occurrence, long windowEnd, Long convergedAfter) {
    public ClientConvergence {
        if (clientId == null || fault == null) {
            throw new IllegalArgumentException("a convergence sample needs a client and a fault: " + clientId + ", "
                    + fault);
        }
        if (convergedAfter != null && convergedAfter < 0) {
            throw new IllegalArgumentException("convergence time must be >= 0 ns: " + convergedAfter);
        }
    }

    /** Whether the client converged after the window. */
    public boolean converged() {
        return convergedAfter != null;
    }
}
