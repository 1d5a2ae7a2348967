package dev.livetalk.protocol;

/**
 * Another member's delivered or read marker advanced.
 *
 * @param room the room
 * @param user whose marker it is
 * @param kind delivered or read
 * @param seq  the new up-to seq
 */
public record Receipt(String room, String user, ReceiptKind kind, long seq) implements ServerEvent {
    public Receipt {
        Names.room("room", room);
        Names.user("user", user);
        Names.requireNonNull("kind", kind);
        Names.positiveSeq("seq", seq);
    }

    @Override
    public String type() {
        return "receipt";
    }
}
