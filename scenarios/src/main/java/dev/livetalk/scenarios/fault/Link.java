package dev.livetalk.scenarios.fault;

import dev.livetalk.scenarios.ClientShape;

/**
 * Which connection of a client a fault targets. A {@link ClientShape#SINGLE} client has one
 * connection, so only {@link #BOTH} applies; a {@link ClientShape#SPLIT} client sends on one
 * connection and receives on another.
 *
 * <p>Immutable; any thread.
 */
public enum Link {
    /** Every connection of the client. */
    BOTH("both"),
    /** The connection a split client sends on. */
    SEND("send"),
    /** The connection a split client receives on. */
    RECEIVE("receive");

    private final String yamlName;

    Link(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }
}
