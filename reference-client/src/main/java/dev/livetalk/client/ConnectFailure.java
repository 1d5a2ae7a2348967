package dev.livetalk.client;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Why an attempt to open a link failed, as a transport tells it and a trace records it: one of the
 * words below, or the transport's error (its type and message, cut short: a WebSocket handshake that
 * a proxy or the server refused). Every backend says it the same way.
 *
 * <p>Stateless; any thread.
 */
public final class ConnectFailure {
    /** Nothing listened. */
    public static final String REFUSED = "refused";
    /** The session gave up on the attempt (its connect timeout passed), or a deadline of the transport passed. */
    public static final String TIMED_OUT = "timed out";
    /** The connection was lost before it opened. */
    public static final String CLOSED = "closed";
    /** The longest reason kept, in chars: a transport's error is cut to it. */
    static final int MAX_LENGTH = 160;
    /**
     * What the Tyrus client's handshake timeout (its driver's connect timeout) says, in a DeploymentException
     * without a cause: a deadline of the transport that passed.
     */
    private static final String TYRUS_HANDSHAKE_TIMEOUT = "Handshake response not received.";

    private ConnectFailure() {
    }

    /** Why {@code error}, which ended an attempt, failed it: refused or timed out wherever it was wrapped, else itself. */
    public static String of(Throwable error) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = error; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return REFUSED;
            }
            if (cause instanceof SocketTimeoutException || cause instanceof TimeoutException
                    || cause.getMessage() != null && cause.getMessage().strip().equals(TYRUS_HANDSHAKE_TIMEOUT)) {
                return TIMED_OUT;
            }
        }
        String message = error.getMessage() == null ? "" : ": " + error.getMessage().strip();
        String said = error.getClass().getSimpleName() + message;
        return said.length() <= MAX_LENGTH ? said : said.substring(0, MAX_LENGTH);
    }
}
