package dev.livetalk.network.toxiproxy;

import dev.livetalk.network.LinkId;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Addressing of a server on this machine (a child process or an external server): proxies
 * listen on 127.0.0.1, clients connect there, and the upstream is dialled as it is. No limit on
 * the number of proxies.
 *
 * <p>A proxy listens on a port outside the range the system hands out to outgoing connections
 * (Linux: {@code /proc/sys/net/ipv4/ip_local_port_range}, 32768-60999 by default): a proxy disabled by a
 * {@code down} fault stops listening, and when its port was one of that range, a client's connection
 * made meanwhile could take it as its own port, so that the proxy could not listen there again when the
 * fault ended ({@code bind: address already in use}: the 200-proxy test met it in CI). The ports below
 * that range are tried in turn from a place set by the process id (two JVMs on one machine seldom try
 * the same port first), each checked free by binding it first and held here until {@link #release}d.
 * Where no such range is known or it leaves fewer than {@link #MIN_PORTS} ports below it, Toxiproxy
 * picks a free port itself, as before.
 *
 * <p>Thread-safe.
 */
final class LoopbackAddressing implements ProxyAddressing {
    /** The one instance, its ports below this machine's range of outgoing ports. */
    static final LoopbackAddressing INSTANCE = new LoopbackAddressing(EphemeralPorts.lowest());
    /** Loopback, and a free port Toxiproxy chooses. */
    static final String ANY_LOOPBACK_PORT = "127.0.0.1:0";
    /** The lowest port a proxy listens on: above the usual services'. */
    static final int FIRST_PORT = 10_000;
    /** The fewest ports below the outgoing range for proxies to listen there. */
    static final int MIN_PORTS = 2_000;

    /** The ports a proxy may listen on: {@code [first, end)}; none when {@code end <= first}. */
    private final int first;
    private final int end;
    private final Set<Integer> held = ConcurrentHashMap.newKeySet();
    private final AtomicInteger next;

    /**
     * Addressing whose proxies listen below {@code outgoingFrom}, the lowest port of outgoing connections
     * ({@code -1}: not known; Toxiproxy picks).
     */
    LoopbackAddressing(int outgoingFrom) {
        this.first = FIRST_PORT;
        this.end = outgoingFrom - first >= MIN_PORTS ? outgoingFrom : first;
        int ports = Math.max(1, end - first);
        this.next = new AtomicInteger((int) (ProcessHandle.current().pid() % ports));
    }

    @Override
    public String reserve(LinkId link) {
        if (end <= first) {
            return ANY_LOOPBACK_PORT;
        }
        int ports = end - first;
        for (int tried = 0; tried < ports; tried++) {
            int port = first + Math.floorMod(next.getAndIncrement(), ports);
            if (held.add(port)) {
                if (isFree(port)) {
                    return "127.0.0.1:" + port;
                }
                held.remove(port);
            }
        }
        return ANY_LOOPBACK_PORT; // every port below the outgoing range is taken: let Toxiproxy pick
    }

    /** Whether nothing listens on {@code port} of 127.0.0.1 now (bound and let go at once). */
    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // as Toxiproxy (Go) binds: a port a closed connection left in TIME_WAIT is free
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void release(String listen) {
        held.remove(ProxyAddressing.port(listen));
    }

    @Override
    public InetSocketAddress reachable(String reported) {
        int colon = reported.lastIndexOf(':');
        return new InetSocketAddress(reported.substring(0, colon), ProxyAddressing.port(reported));
    }

    @Override
    public String upstream(InetSocketAddress upstream) {
        return upstream.getHostString() + ":" + upstream.getPort();
    }

    @Override
    public void requireCapacity(int links, String what) {
        ProxyAddressing.requireNonNegative(links, what);
    }

    /** The range of ports this machine hands out to outgoing connections. */
    static final class EphemeralPorts {
        private static final Path RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

        private EphemeralPorts() {
        }

        /** The lowest port of the range, or {@code -1} when it cannot be read (not Linux). */
        static int lowest() {
            return lowest(RANGE);
        }

        /** The lowest port of the range {@code file} says ("32768\t60999"), or {@code -1}. */
        static int lowest(Path file) {
            try {
                String[] bounds = Files.readString(file).trim().split("\\s+");
                int low = Integer.parseInt(bounds[0]);
                return low > 0 && low <= 65_535 ? low : -1;
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
    }
}
