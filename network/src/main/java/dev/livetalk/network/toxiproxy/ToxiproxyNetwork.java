package dev.livetalk.network.toxiproxy;

import dev.livetalk.network.LinkId;
import dev.livetalk.network.NetworkBackendException;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.Toxic;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One Toxiproxy proxy per client connection, all forwarding to one server, and the faults put
 * on them. {@link #open} creates a proxy where the server's {@link ProxyAddressing} says (a
 * free loopback port; in a container, a free exposed port, reached through Docker's mapping);
 * {@link #apply} and {@link #remove} put a {@link ToxicSpec} on a set of proxies and take it
 * off; {@link #close} deletes every proxy this network created. For an external server a JVM
 * shutdown hook (thread {@code toxiproxy-proxy-cleaner}) deletes them too if the JVM exits
 * first; a server the harness started (a child process, a container) takes its proxies with it
 * when it stops.
 *
 * <p>Thread-safe: every method holds the network's lock for its Toxiproxy calls, so the
 * runner's connecting thread and its fault scheduler may call it concurrently; calls are
 * serialized, each taking one or two HTTP round trips per proxy.
 */
public final class ToxiproxyNetwork implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ToxiproxyNetwork.class.getName());

    private final ToxiproxyClient client;
    private final ProxyAddressing addressing;
    private final InetSocketAddress upstream;
    private final String target;
    private final Map<LinkId, OpenProxy> proxies = new LinkedHashMap<>();
    private final Map<Long, AppliedFault> active = new LinkedHashMap<>();
    private final Thread shutdownHook;
    private long lastFaultId;
    private boolean closed;

    /** One open proxy, the listen address it reserved, and how many {@link ToxicSpec.Down} faults currently hold it disabled. */
    private static final class OpenProxy {
        final LinkProxy view;
        final Proxy proxy;
        final String reserved;
        int downs;

        OpenProxy(LinkProxy view, Proxy proxy, String reserved) {
            this.view = view;
            this.proxy = proxy;
            this.reserved = reserved;
        }
    }

    /**
     * @param server   the Toxiproxy to drive (not closed by this network)
     * @param upstream the server address every proxy forwards to, on the loopback interface
     *                 (a server in a container dials it through a forwarded port)
     * @throws IllegalArgumentException when {@code upstream} is not a loopback address
     */
    public ToxiproxyNetwork(ToxiproxyServer server, InetSocketAddress upstream) {
        this.client = new ToxiproxyClient(server.host(), server.port());
        this.upstream = Objects.requireNonNull(upstream, "upstream");
        if (upstream.getAddress() == null || !upstream.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("upstream must be a resolved loopback address (127.0.0.1): " + upstream);
        }
        this.addressing = server.addressing();
        this.target = addressing.upstream(upstream);
        if (!server.stopsOnClose()) {
            shutdownHook = new Thread(this::deleteAllOnShutdown, "toxiproxy-proxy-cleaner");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        } else {
            shutdownHook = null;
        }
    }

    /**
     * Creates the proxy for {@code link}: on a server on this machine, on 127.0.0.1 and a free
     * port Toxiproxy picks; in a container, on the next free exposed port, reached through its
     * mapped port. A stale proxy of the same name (left by a crashed run on an external server)
     * is replaced.
     *
     * @throws IllegalStateException   when {@code link} already has a proxy here
     * @throws NetworkBackendException when Toxiproxy refuses, or a container has no free port left
     */
    public synchronized LinkProxy open(LinkId link) {
        requireOpen();
        if (proxies.containsKey(link)) {
            throw new IllegalStateException("link " + link + " already has a proxy: " + proxies.get(link).view);
        }
        String listen = addressing.reserve(link);
        Proxy proxy = null;
        try {
            deleteStale(link.name());
            proxy = client.createProxy(link.name(), listen, target);
            LinkProxy view = new LinkProxy(link, addressing.reachable(proxy.getListen()), upstream);
            proxies.put(link, new OpenProxy(view, proxy, listen));
            return view;
        } catch (IOException e) {
            undoOpen(proxy, listen);
            throw new NetworkBackendException("cannot create proxy " + link + " on " + listen + " to " + target + ": "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            undoOpen(proxy, listen);
            throw e;
        }
    }

    /** Deletes a proxy that was created but not recorded, and frees its listen address (unless it is still in use). */
    private void undoOpen(Proxy created, String listen) {
        if (created != null) {
            try {
                created.delete();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot delete half-opened proxy " + created.getName()
                        + "; its listen address stays reserved: " + e.getMessage());
                return;
            }
        }
        addressing.release(listen);
    }

    private void deleteStale(String name) throws IOException {
        Proxy stale = client.getProxyOrNull(name);
        if (stale != null) {
            LOG.log(System.Logger.Level.WARNING, "replacing stale Toxiproxy proxy " + stale);
            stale.delete();
        }
    }

    /** The proxy of {@code link}, if it is open. */
    public synchronized Optional<LinkProxy> proxy(LinkId link) {
        return Optional.ofNullable(proxies.get(link)).map(open -> open.view);
    }

    /** Every open proxy, in the order they were opened. */
    public synchronized List<LinkProxy> proxies() {
        return proxies.values().stream().map(open -> open.view).toList();
    }

    /** The faults applied and not yet removed, oldest first. */
    public synchronized List<AppliedFault> activeFaults() {
        return List.copyOf(active.values());
    }

    /**
     * Puts {@code spec} on the proxies of {@code links}; all or nothing: if Toxiproxy refuses
     * one, what was already applied is taken off again before the exception.
     *
     * @throws IllegalArgumentException when {@code links} is empty or names a link with no proxy
     * @throws NetworkBackendException  when Toxiproxy refuses
     */
    public synchronized AppliedFault apply(ToxicSpec spec, Collection<LinkId> links) {
        requireOpen();
        Objects.requireNonNull(spec, "spec");
        Set<LinkId> targets = new LinkedHashSet<>(links);
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("a fault needs at least one link: " + spec);
        }
        for (LinkId link : targets) {
            if (!proxies.containsKey(link)) {
                throw new IllegalArgumentException("no proxy is open for link " + link + ": " + spec);
            }
        }
        AppliedFault fault = new AppliedFault(++lastFaultId, spec, targets);
        try {
            for (LinkId link : targets) {
                applyTo(proxies.get(link), fault);
            }
        } catch (IOException e) {
            List<String> rollbackFailures = takeOff(fault);
            throw new NetworkBackendException("cannot apply " + fault + ": " + e.getMessage()
                    + (rollbackFailures.isEmpty() ? "" : "; and cannot undo it on " + rollbackFailures), e);
        }
        active.put(fault.id(), fault);
        return fault;
    }

    private void applyTo(OpenProxy open, AppliedFault fault) throws IOException {
        if (fault.spec() instanceof ToxicSpec.Down) {
            if (open.downs == 0) {
                open.proxy.disable();
            }
            open.downs++;
            fault.added(open.view.link(), List.of());
        } else {
            fault.added(open.view.link(), ToxicCommands.add(open.proxy.toxics(), fault.toxicName(), fault.spec()));
        }
    }

    /**
     * Takes {@code fault} off the proxies it is on that are still open.
     *
     * @throws IllegalStateException   when it is not active on this network (removed twice, or another network's)
     * @throws NetworkBackendException when Toxiproxy refuses; the fault is no longer active anyway
     */
    public synchronized void remove(AppliedFault fault) {
        if (active.remove(fault.id()) != fault) {
            throw new IllegalStateException(fault + " is not active on this network");
        }
        List<String> failures = takeOff(fault);
        if (!failures.isEmpty()) {
            throw new NetworkBackendException("cannot remove " + fault + ": " + failures);
        }
    }

    /** Takes every part of {@code fault} off that was applied, trying all; returns what failed. */
    private List<String> takeOff(AppliedFault fault) {
        List<String> failures = new ArrayList<>();
        for (Map.Entry<LinkId, List<Toxic>> entry : fault.toxics().entrySet()) {
            OpenProxy open = proxies.get(entry.getKey());
            if (open == null) {
                continue; // the proxy was released: its toxics went with it
            }
            try {
                takeOff(open, fault.spec(), entry.getValue());
            } catch (IOException e) {
                failures.add(entry.getKey() + ": " + e.getMessage());
            }
        }
        fault.toxics().clear();
        return failures;
    }

    private static void takeOff(OpenProxy open, ToxicSpec spec, List<Toxic> toxics) throws IOException {
        if (spec instanceof ToxicSpec.Down) {
            open.downs--;
            if (open.downs == 0) {
                open.proxy.enable();
            }
            return;
        }
        for (Toxic toxic : toxics) {
            toxic.remove();
        }
    }

    /**
     * Deletes the proxy of {@code link} (its client has gone); active faults keep their other links.
     *
     * @throws NetworkBackendException when Toxiproxy refuses
     */
    public synchronized void release(LinkId link) {
        OpenProxy open = proxies.remove(link);
        if (open == null) {
            throw new IllegalArgumentException("no proxy is open for link " + link);
        }
        try {
            open.proxy.delete();
        } catch (IOException e) {
            throw new NetworkBackendException("cannot delete proxy " + link + ": " + e.getMessage(), e);
        }
        addressing.release(open.reserved);
    }

    /**
     * Deletes every proxy this network created (active faults go with them). Idempotent.
     *
     * @throws NetworkBackendException when Toxiproxy refuses some, after trying all
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        removeShutdownHook();
        List<String> failures = deleteAll();
        if (!failures.isEmpty()) {
            throw new NetworkBackendException("cannot delete proxies " + failures);
        }
    }

    private List<String> deleteAll() {
        List<String> failures = new ArrayList<>();
        for (OpenProxy open : proxies.values()) {
            try {
                open.proxy.delete();
                addressing.release(open.reserved);
            } catch (IOException e) {
                failures.add(open.view.link() + ": " + e.getMessage());
            }
        }
        proxies.clear();
        active.clear();
        return failures;
    }

    private synchronized void deleteAllOnShutdown() {
        if (!closed) {
            closed = true;
            List<String> failures = deleteAll();
            if (!failures.isEmpty()) {
                LOG.log(System.Logger.Level.WARNING, "at shutdown, cannot delete Toxiproxy proxies " + failures);
            }
        }
    }

    private void removeShutdownHook() {
        if (shutdownHook == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down already; the hook finds the network closed and does nothing
            LOG.log(System.Logger.Level.DEBUG, "shutdown in progress; proxies deleted by close()");
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("this Toxiproxy network is closed");
        }
    }
}
