package dev.livetalk.network.toxiproxy;

import dev.livetalk.network.LinkId;
import dev.livetalk.network.NetworkBackendException;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.IntConsumer;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;

/**
 * Addressing of a server in a container. A proxy must listen on a port the container exposes
 * (Testcontainers' {@code ToxiproxyContainer} exposes {@link #FIRST_PORT}..{@link #LAST_PORT},
 * 32 ports), so each proxy reserves the lowest free one and listens on {@code 0.0.0.0:port};
 * a client on this machine connects to the container's host and the port Docker mapped it to;
 * and the upstream, which listens on this machine's loopback, is dialled as
 * {@code host.testcontainers.internal:port} after Testcontainers forwarded that port into the
 * container. With one proxy per client link, at most 32 links fit at once: larger scenarios
 * need a Toxiproxy binary, and {@link #requireCapacity} says so before a run starts.
 *
 * <p>Pure apart from the two functions it is given (the port mapping and the host port
 * forwarding), so tests drive it with fakes. Thread-safe: the reservations are guarded by
 * this object's lock.
 */
final class ContainerAddressing implements ProxyAddressing {
    /** The first proxy port {@code ToxiproxyContainer} exposes. */
    static final int FIRST_PORT = 8666;
    /** The last proxy port {@code ToxiproxyContainer} exposes. */
    static final int LAST_PORT = 8697;
    /** The name under which a container reaches this machine (Testcontainers' {@code GenericContainer.INTERNAL_HOST_HOSTNAME}). */
    static final String HOST_ALIAS = "host.testcontainers.internal";
    /** What to do instead, for messages. */
    static final String USE_A_BINARY = "use a Toxiproxy binary instead, which has no such limit"
            + " (export " + ToxiproxyLocator.SERVER_ENV + "=/path/to/toxiproxy-server, or put `go` on PATH"
            + " and the harness installs one)";

    private final List<Integer> ports;
    private final String listenHost;
    private final String host;
    private final IntUnaryOperator mappedPort;
    private final String upstreamHost;
    private final IntConsumer forwardHostPort;
    private final TreeSet<Integer> reserved = new TreeSet<>();

    /**
     * @param ports           the ports the container exposes for proxies, inside the container
     * @param listenHost      the interface proxies listen on inside the container ({@code 0.0.0.0})
     * @param host            where this machine reaches the container ({@code container.getHost()})
     * @param mappedPort      a port inside the container to the port this machine reaches it on
     * @param upstreamHost    the name under which the container reaches this machine ({@link #HOST_ALIAS})
     * @param forwardHostPort makes a port on this machine's loopback reachable from the container
     *                        under {@code upstreamHost} (Testcontainers' {@code exposeHostPorts});
     *                        called once per upstream
     */
    ContainerAddressing(List<Integer> ports, String listenHost, String host, IntUnaryOperator mappedPort,
                        String upstreamHost, IntConsumer forwardHostPort) {
        this.ports = List.copyOf(ports);
        if (this.ports.isEmpty()) {
            throw new IllegalArgumentException("a container needs at least one exposed proxy port");
        }
        this.listenHost = Objects.requireNonNull(listenHost, "listenHost");
        this.host = Objects.requireNonNull(host, "host");
        this.mappedPort = Objects.requireNonNull(mappedPort, "mappedPort");
        this.upstreamHost = Objects.requireNonNull(upstreamHost, "upstreamHost");
        this.forwardHostPort = Objects.requireNonNull(forwardHostPort, "forwardHostPort");
    }

    /** The addressing of Testcontainers' {@code ToxiproxyContainer}: ports 8666..8697 on 0.0.0.0. */
    static ContainerAddressing toxiproxyContainer(String host, IntUnaryOperator mappedPort, IntConsumer forwardHostPort) {
        return new ContainerAddressing(IntStream.rangeClosed(FIRST_PORT, LAST_PORT).boxed().toList(), "0.0.0.0",
                host, mappedPort, HOST_ALIAS, forwardHostPort);
    }

    /** How many proxies fit at once: the number of exposed proxy ports. */
    int capacity() {
        return ports.size();
    }

    @Override
    public synchronized String reserve(LinkId link) {
        for (int port : ports) {
            if (reserved.add(port)) {
                return listenHost + ":" + port;
            }
        }
        throw new NetworkBackendException(limit() + "; link " + link + " would be link " + (reserved.size() + 1)
                + " at once; " + USE_A_BINARY);
    }

    @Override
    public synchronized void release(String listen) {
        int port = ProxyAddressing.port(listen);
        if (!reserved.remove(port)) {
            throw new IllegalStateException("port " + port + " is not reserved (released twice?): " + listen);
        }
    }

    @Override
    public InetSocketAddress reachable(String reported) {
        int port = ProxyAddressing.port(reported);
        synchronized (this) {
            if (!reserved.contains(port)) {
                throw new IllegalStateException("Toxiproxy listens on " + reported
                        + ", which is no reserved port of the container " + ports);
            }
        }
        return new InetSocketAddress(host, mappedPort.applyAsInt(port));
    }

    @Override
    public String upstream(InetSocketAddress upstream) {
        forwardHostPort.accept(upstream.getPort());
        return upstreamHost + ":" + upstream.getPort();
    }

    @Override
    public void requireCapacity(int links, String what) {
        ProxyAddressing.requireNonNegative(links, what);
        if (links > ports.size()) {
            throw new NetworkBackendException(limit() + "; " + what + " needs " + links + "; " + USE_A_BINARY);
        }
    }

    private String limit() {
        return "the Docker route carries at most " + ports.size() + " client links at once (one proxy per link, and"
                + " the Toxiproxy container exposes " + ports.size() + " proxy ports, " + ports.get(0) + ".."
                + ports.get(ports.size() - 1) + ")";
    }
}
