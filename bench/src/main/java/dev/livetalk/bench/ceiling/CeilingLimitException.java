package dev.livetalk.bench.ceiling;

/**
 * A limit of this machine (open files, ephemeral ports) that the largest client count would
 * exceed; the message names it, what the count needs and how to raise it.
 */
public final class CeilingLimitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CeilingLimitException(String message) {
        super(message);
    }
}
