package dev.livetalk.scenarios.fault;

import dev.livetalk.protocol.LinkRole;
import dev.livetalk.scenarios.ClientShape;

import java.util.List;

/**
 * Which connection of a client a fault targets. A {@link ClientShape#SINGLE} client has one
 * connection, so only {@link #BOTH} applies; a {@link ClientShape#SPLIT} client sends on one
 * connection and receives on another.
 *
 * <p>Immutable; any thread.
 */
public enum LinkSelector {
    /** Every connection of the client. */
    BOTH("both"),
    /** The connection a split client sends on. */
    SEND("send"),
    /** The connection a split client receives on. */
    RECEIVE("receive");

    private final String yamlName;

    LinkSelector(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }

    /**
     * The links this selects on a client of {@code shape}: the one {@link LinkRole#MAIN} link of
     * a single-connection client whatever the selector, or the selected halves of a split client.
     * The one place a selector becomes link roles, for every backend.
     */
    public List<LinkRole> roles(ClientShape shape) {
        if (shape == ClientShape.SINGLE) {
            return List.of(LinkRole.MAIN);
        }
        return switch (this) {
            case BOTH -> List.of(LinkRole.SEND, LinkRole.RECEIVE);
            case SEND -> List.of(LinkRole.SEND);
            case RECEIVE -> List.of(LinkRole.RECEIVE);
        };
    }
}
