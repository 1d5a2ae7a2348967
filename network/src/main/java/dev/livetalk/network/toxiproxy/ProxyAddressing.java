package dev.livetalk.network.toxiproxy;

import dev.livetalk.network.LinkId;

import java.net.InetSocketAddress;

/**
 * How the proxies of one Toxiproxy server are addressed: where a new proxy listens inside the
 * server, where a client on this machine reaches it, and how the server reaches the upstream.
 * A server on this machine's loopback ({@link LoopbackAddressing}) needs no translation; a
 * server in a container ({@link ContainerAddressing}) listens on ports the container exposes,
 * is reached through Docker's port mapping and reaches the host through Testcontainers.
 *
 * <p>{@link ToxiproxyNetwork} calls {@link #reserve} before creating a proxy and
 * {@link #release} after deleting it. Implementations are thread-safe: several networks may
 * share one server.
 */
sealed interface ProxyAddressing permits LoopbackAddressing, ContainerAddressing {

    /**
     * The listen address to ask Toxiproxy for, for the proxy of {@code link}; held until
     * {@link #release}d.
     *
     * @throws dev.livetalk.network.NetworkBackendException when every listen address is taken
     */
    String reserve(LinkId link);

    /** Gives back a listen address {@link #reserve} returned (its proxy was deleted, or never created). */
    void release(String listen);

    /**
     * Where a client on this machine connects to a proxy that Toxiproxy reports listening on
     * {@code reported} (such as {@code 127.0.0.1:41234} or {@code [::]:8666}).
     */
    InetSocketAddress reachable(String reported);

    /**
     * The upstream as the server must dial it, {@code host:port}, for an upstream on this
     * machine's loopback; may first open a way there (a tunnel into the container).
     */
    String upstream(InetSocketAddress upstream);

    /**
     * Checks that {@code links} proxies fit at once.
     *
     * @param what the thing that needs them, for the message, such as {@code scenario scale}
     * @throws dev.livetalk.network.NetworkBackendException when they do not, saying how to get a server that fits
     */
    void requireCapacity(int links, String what);

    /** The port of a listen address such as {@code 127.0.0.1:41234} or {@code [::]:8666}. */
    static int port(String listen) {
        int colon = listen.lastIndexOf(':');
        try {
            return Integer.parseInt(listen.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a listen address must end in :PORT: " + listen, e);
        }
    }

    /** Rejects a negative number of links. */
    static void requireNonNegative(int links, String what) {
        if (links < 0) {
            throw new IllegalArgumentException("the number of links of " + what + " must be >= 0: " + links);
        }
    }
}
