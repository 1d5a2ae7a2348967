package dev.livetalk.bench.cli;

/**
 * A user error found at the command line boundary: a bad argument, a bad file. It is
 * reported as its message alone (no stack trace) and exits with {@link ExitCode#INVALID_INPUT}.
 */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
