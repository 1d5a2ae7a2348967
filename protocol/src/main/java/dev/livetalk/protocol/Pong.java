package dev.livetalk.protocol;

/**
 * The answer to a {@link Ping}.
 *
 * @param t the value of the ping answered
 */
public record Pong(long t) implements ClientEvent, ServerEvent {
    @Override
    public String type() {
        return "pong";
    }
}
