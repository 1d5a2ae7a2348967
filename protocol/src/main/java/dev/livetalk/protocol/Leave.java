package dev.livetalk.protocol;

/** Leave a room: no more messages or receipts from it on this connection. */
public record Leave(String room) implements ClientEvent {
    public Leave {
        Names.room("room", room);
    }

    @Override
    public String type() {
        return "leave";
    }
}
