package dev.livetalk.server;

/**
 * The shell's id for one WebSocket connection; unique for the life of a server.
 * Immutable, shared freely between threads.
 *
 * @param value a number the shell hands out, at least 1
 */
public record ConnectionId(long value) {
    public ConnectionId {
        if (value < 1) {
            throw new IllegalArgumentException("connection id must be >= 1: " + value);
        }
    }

    @Override
    public String toString() {
        return "c" + value;
    }
}
