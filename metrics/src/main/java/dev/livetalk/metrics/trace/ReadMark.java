package dev.livetalk.metrics.trace;

/**
 * A read marker a client sent: its user read {@code room} up to {@code seq} at {@code at}
 * (trace-clock nanoseconds).
 *
 * <p>Immutable; any thread.
 */
public record ReadMark(String room, long seq, long at) {
    public ReadMark {
        if (room == null || seq < 1) {
            throw new IllegalArgumentException("a read mark needs a room and seq >= 1: " + room + ", " + seq);
        }
    }
}
