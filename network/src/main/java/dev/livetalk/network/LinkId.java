package dev.livetalk.network;

import dev.livetalk.protocol.LinkRole;
import dev.livetalk.run.ClientLayout;

import java.util.Objects;

/**
 * One client connection: the client's index and the role of the link. Its {@link #name()},
 * such as {@code c017-receive}, names the proxy that carries it.
 *
 * @param client the client's index, from 0
 * @param role   which of the client's connections
 */
public record LinkId(int client, LinkRole role) {
    public LinkId {
        if (client < 0) {
            throw new IllegalArgumentException("client index must be >= 0: " + client);
        }
        Objects.requireNonNull(role, "role");
    }

    /** The proxy name: {@code c}, the client index in at least three digits, {@code -}, the link role. */
    public String name() {
        return ClientLayout.linkName(client, role);
    }

    @Override
    public String toString() {
        return name();
    }
}
