package dev.livetalk.network.toxiproxy;

import dev.livetalk.network.LinkId;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * The proxy that carries one client connection: the client connects to {@code listen}
 * instead of the server, and Toxiproxy forwards to {@code upstream}. Immutable.
 *
 * @param link     the client connection it carries; its name is the proxy's name
 * @param listen   where the client connects: 127.0.0.1 and a port Toxiproxy chose; for a
 *                 server in a container, the Docker host and the port mapped to the proxy's
 * @param upstream the server address it forwards to
 */
public record LinkProxy(LinkId link, InetSocketAddress listen, InetSocketAddress upstream) {
    public LinkProxy {
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(upstream, "upstream");
    }

    /** The proxy's name in Toxiproxy, such as {@code c017-receive}. */
    public String name() {
        return link.name();
    }
}
