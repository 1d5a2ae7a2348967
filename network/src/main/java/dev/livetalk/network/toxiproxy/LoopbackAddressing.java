package dev.livetalk.network.toxiproxy;

import dev.livetalk.network.LinkId;

import java.net.InetSocketAddress;

/**
 * Addressing of a server on this machine (a child process or an external server): proxies
 * listen on 127.0.0.1 and a port Toxiproxy picks, clients connect there, and the upstream is
 * dialled as it is. No limit on the number of proxies. Stateless; any thread.
 */
final class LoopbackAddressing implements ProxyAddressing {
    /** The one instance. */
    static final LoopbackAddressing INSTANCE = new LoopbackAddressing();
    /** Loopback, and a free port Toxiproxy chooses. */
    static final String ANY_LOOPBACK_PORT = "127.0.0.1:0";

    private LoopbackAddressing() {
    }

    @Override
    public String reserve(LinkId link) {
        return ANY_LOOPBACK_PORT;
    }

    @Override
    public void release(String listen) {
        // nothing is held: Toxiproxy frees the port when the proxy is deleted
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
}
