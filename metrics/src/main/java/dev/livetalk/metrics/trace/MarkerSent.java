package dev.livetalk.metrics.trace;

import dev.livetalk.protocol.ReceiptKind;

/**
 * A delivered or read marker a client transmitted: it told the server that its user's
 * {@code kind} watermark in {@code room} reached {@code seq}, at {@code at} (trace-clock
 * nanoseconds). What the client claims, as it left the client, whatever the network did with it.
 *
 * <p>Immutable; any thread.
 */
public record MarkerSent(String room, ReceiptKind kind, long seq, long at) {
    public MarkerSent {
        if (room == null || kind == null || seq < 1) {
            throw new IllegalArgumentException("a marker needs a room, a kind and seq >= 1: " + room + ", " + kind
                    + ", " + seq);
        }
    }
}
