package dev.livetalk.metrics.trace;

import dev.livetalk.protocol.ReceiptKind;

/**
 * A receipt a client received: {@code reader}'s {@code kind} marker in {@code room} reached
 * {@code seq}, seen at {@code at} (trace-clock nanoseconds).
 *
 * <p>Immutable; any thread.
 */
public record ReceiptSeen(String room, String reader, ReceiptKind kind, long seq, long at) {
    public ReceiptSeen {
        if (room == null || reader == null || kind == null) {
            throw new IllegalArgumentException("a receipt needs a room, a reader and a kind: "
                    + room + ", " + reader + ", " + kind);
        }
    }
}
