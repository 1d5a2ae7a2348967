package dev.livetalk.bench.cli;

/**
 * The harness could not do its work for a reason outside the user's input and outside a
 * bug: a port in use, no Toxiproxy. Reported as its message alone, exit code 1.
 */
final class HarnessFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    HarnessFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
