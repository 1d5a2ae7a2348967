package dev.livetalk.protocol;

/** Join a room; a public room that does not exist yet is created. */
public record Join(String room) implements ClientEvent {
    public Join {
        Names.room("room", room);
    }

    @Override
    public String type() {
        return "join";
    }
}
