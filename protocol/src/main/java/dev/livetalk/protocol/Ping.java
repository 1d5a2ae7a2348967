package dev.livetalk.protocol;

/**
 * A heartbeat, either way; the peer answers with a {@link Pong} carrying the same {@code t}.
 *
 * @param t an opaque value of the sender's, usually its clock reading
 */
public record Ping(long t) implements ClientEvent, ServerEvent {
    @Override
    public String type() {
        return "ping";
    }
}
