package dev.livetalk.protocol;

/**
 * Marks every message of a room up to {@code seq} as delivered to, or read by, this user.
 * Markers only move forward; a lower one is ignored.
 *
 * @param room the room, which the connection must have joined
 * @param seq  the up-to seq, at least 1
 * @param kind delivered or read; {@link ReceiptKind#READ} when absent on the wire
 */
public record Read(String room, long seq, ReceiptKind kind) implements ClientEvent {
    public Read {
        Names.room("room", room);
        Names.positiveSeq("seq", seq);
        Names.requireNonNull("kind", kind);
    }

    /** A read marker. */
    public Read(String room, long seq) {
        this(room, seq, ReceiptKind.READ);
    }

    @Override
    public String type() {
        return "read";
    }
}
