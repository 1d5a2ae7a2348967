package dev.livetalk.protocol;

/**
 * Which way traffic travels between a client and the server: {@link #UPSTREAM} carries
 * {@link ClientEvent}s from the client to the server, {@link #DOWNSTREAM} carries
 * {@link ServerEvent}s back. The one direction of the project: faults, toxics and simulated
 * links all use it.
 *
 * <p>Immutable; any thread.
 */
public enum Direction {
    /** From the client to the server. */
    UPSTREAM("up"),
    /** From the server to the client. */
    DOWNSTREAM("down");

    private final String label;

    Direction(String label) {
        this.label = label;
    }

    /** The short name used in names such as Toxiproxy toxic names: {@code up} or {@code down}. */
    public String label() {
        return label;
    }
}
