package dev.livetalk.client;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
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
    /** The longest reason kept: a handshake error's first line or two. */
    static final int MAX_LENGTH = 160;

    private ConnectFailure() {
    }

    /** Why {@code error}, which ended an attempt, failed it: refused or timed out wherever it was wrapped, else itself. */
    public static String of(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return REFUSED;
            }
            if (cause instanceof SocketTimeoutException || cause instanceof TimeoutException) {
                return TIMED_OUT;
            }
        }
        String message = error.getMessage() == null ? "" : ": " + error.getMessage().strip();
        String said = error.getClass().getSimpleName() + message;
        return said.length() <= MAX_LENGTH ? said : said.substring(0, MAX_LENGTH);
    }
}
