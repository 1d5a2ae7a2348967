package dev.livetalk.network;

/**
 * A network backend cannot be found, started or driven: no Toxiproxy, a proxy that cannot be
 * created, a server that stopped answering. The message says what failed and, where the user
 * can fix it, how; the command line prints it without a stack trace and exits with code 1.
 *
 * <p>Immutable; thrown on whichever thread talked to the backend.
 */
public final class NetworkBackendException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NetworkBackendException(String message) {
        super(message);
    }

    public NetworkBackendException(String message, Throwable cause) {
        super(message, cause);
    }
}
