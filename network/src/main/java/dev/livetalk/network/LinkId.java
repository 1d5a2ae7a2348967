package dev.livetalk.network;

import java.util.Objects;

/**
 * One client connection: the client's index and which of its links. Its {@link #name()},
 * such as {@code c017-recv}, names the proxy that carries it.
 *
 * @param client the client's index, from 0
 * @param link   which of the client's connections
 */
public record LinkId(int client, Link link) {
    public LinkId {
        if (client < 0) {
            throw new IllegalArgumentException("client index must be >= 0: " + client);
        }
        Objects.requireNonNull(link, "link");
    }

    /** The proxy name: {@code c}, the client index in at least three digits, {@code -}, the link. */
    public String name() {
        return String.format("c%03d-%s", client, link.label());
    }

    @Override
    public String toString() {
        return name();
    }
}
