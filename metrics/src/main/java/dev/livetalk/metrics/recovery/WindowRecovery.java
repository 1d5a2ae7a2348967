package dev.livetalk.metrics.recovery;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.livetalk.scenarios.fault.FaultKind;

import java.util.Optional;
import java.util.function.LongFunction;

/**
 * The recovery figures of one fault window (docs/METRICS.md, Recovery). Times are nanoseconds;
 * {@code start} and {@code end} count from the end of the warm-up (the fault schedule's clock).
 *
 * <p>Immutable; any thread.
 *
 * @param fault             the fault's name
 * @param occurrence        which occurrence of the fault (0 for the first)
 * @param type              the fault's type ({@code down}, {@code restart}, ...), {@code null} when not known
 * @param start             when the window started
 * @param end               when it ended
 * @param clients           the clients it targeted (every client for a server window or one without targets)
 * @param reconnected       of those, the clients welcomed again after the window's start
 * @param recovery          from the window's end until every targeted client was back (welcomed again, when it
 *                          reconnected) and converged; {@code null} when one never converged
 * @param neverConverged    targeted clients that never converged before the next window or the end
 * @param refetchedMessages messages refetched per targeted client until the next window or the end
 * @param refetchedBytes    bytes refetched per targeted client, as the protocol's codec encodes them
 * @param reconnectPeak     the most welcomes (every client) in one 1 s bucket from the window's start until the
 *                          recovery ended (or the next window started, or the run ended)
 * @param ackedLost         acknowledged messages missing from the server's final log put on this window: the
 *                          first {@code restart} window that started at or after the ack, else (no restart
 *                          followed the ack) the first window of any type that did
 * @param requests          requests sent per targeted client until the next window or the end: hellos, joins,
 *                          leaves, history requests and resends (first transmissions and read markers excluded);
 *                          {@code null} in documents written before they were recorded
 * @param serverPeak        the most requests the server received (every client; hellos, joins, leaves, history
 *                          requests and sends) in one 1 s bucket from the window's start until the recovery ended,
 *                          as {@code reconnectPeak}; {@code null} in documents written before it was recorded
 */
public record WindowRecovery(String fault, int occurrence, String type, long start, long end, long clients,
                             long reconnected, Long recovery, long neverConverged, RefetchFigures refetchedMessages,
                             RefetchFigures refetchedBytes, long reconnectPeak, long ackedLost,
                             RefetchFigures requests, Long serverPeak, SlowestClient slowest) {
    @JsonCreator
    public WindowRecovery {
        if (fault == null || refetchedMessages == null || refetchedBytes == null) {
            throw new IllegalArgumentException("a window's recovery needs its fault and refetch figures: " + fault);
        }
        if (end <= start) {
            throw new IllegalArgumentException("a window must end after it starts: " + start + ".." + end);
        }
        if (recovery != null && recovery < 0) {
            throw new IllegalArgumentException("recovery must be >= 0 ns: " + recovery);
        }
        if ((recovery == null) != (neverConverged > 0)) {
            throw new IllegalArgumentException("recovery is never exactly when a client never converged: " + recovery
                    + ", " + neverConverged + " never converged");
        }
        if (slowest != null && recovery != null && Math.max(slowest.back() == null ? 0 : slowest.back(),
                slowest.converged() == null ? 0 : slowest.converged()) != recovery) {
            throw new IllegalArgumentException("the slowest client sets the recovery: " + slowest + " for " + recovery);
        }
        if (reconnected < 0 || reconnected > clients || neverConverged < 0 || neverConverged > clients
                || reconnectPeak < 0 || ackedLost < 0 || (serverPeak != null && serverPeak < 0)) {
            throw new IllegalArgumentException("window counts must be >= 0 and reconnected, neverConverged <= clients: "
                    + clients + ", " + reconnected + ", " + neverConverged + ", " + reconnectPeak + ", " + ackedLost);
        }
    }

    /** A window's figures without the requests (as documents written before they were recorded hold). */
    public WindowRecovery(String fault, int occurrence, String type, long start, long end, long clients,
                          long reconnected, Long recovery, long neverConverged, RefetchFigures refetchedMessages,
                          RefetchFigures refetchedBytes, long reconnectPeak, long ackedLost) {
        this(fault, occurrence, type, start, end, clients, reconnected, recovery, neverConverged, refetchedMessages,
                refetchedBytes, reconnectPeak, ackedLost, null, null);
    }

    /** A window's figures without the slowest client (as documents written before it was recorded hold). */
    public WindowRecovery(String fault, int occurrence, String type, long start, long end, long clients,
                          long reconnected, Long recovery, long neverConverged, RefetchFigures refetchedMessages,
                          RefetchFigures refetchedBytes, long reconnectPeak, long ackedLost, RefetchFigures requests,
                          Long serverPeak) {
        this(fault, occurrence, type, start, end, clients, reconnected, recovery, neverConverged, refetchedMessages,
                refetchedBytes, reconnectPeak, ackedLost, requests, serverPeak, null);
    }

    /**
     * What held this window's recovery back ({@link SlowestClient#describe}), times written by
     * {@code duration}; empty when the window does not say (no targeted client, an older document).
     */
    public Optional<String> heldBackBy(LongFunction<String> duration) {
        return slowest == null ? Optional.empty()
                : Optional.of(slowest.describe(FaultKind.RESTART.yamlName().equals(type), duration));
    }

    /** Whether every targeted client was back and converged. */
    public boolean recovered() {
        return recovery != null;
    }
}
