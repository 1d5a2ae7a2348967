package dev.livetalk.network.toxiproxy;

import dev.livetalk.network.LinkId;
import dev.livetalk.network.NetworkBackendException;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.Toxic;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
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
 * <p>Every Toxiproxy API call has a deadline ({@link #deadline()}, {@link ToxiproxyCalls}): a
 * call that does not finish within it fails with a {@link NetworkBackendException} naming the
 * call and the deadline, so no method waits much longer than the deadline times the calls it
 * makes. A stall comes off by setting its bandwidth toxics' toxicity to 0, not by deleting
 * them: Toxiproxy 2.12 deletes a toxic with the proxy's lock held while it flushes what the
 * toxic held back, waiting up to 5 s a chunk for a connection whose client has gone (a stalled
 * client that reconnected), which kept a 3 s stall on for minutes; an update restarts each
 * connection's toxic as a pass-through and answers at once. Not the rate either: Toxiproxy
 * 2.12 writes the new rate into the toxic that connections are still running before it
 * interrupts them, and a bandwidth toxic that saw rate 0 and then slices a chunk at the new
 * rate panics (slice bounds out of range) and takes the server down. The released toxics stay
 * on the proxy, passing data through, until it is deleted.
 *
 * <p>Thread-safe. Changes ({@link #open}, {@link #apply}, {@link #remove}, {@link #release},
 * {@link #close}) are serialized on the network's control lock, held across their API calls
 * (so at most the deadline per call); the views ({@link #proxy}, {@link #proxies},
 * {@link #activeFaults}) take only a short state lock that no API call holds, so a runner
 * thread reading them is never held up by Toxiproxy.
 */
public final class ToxiproxyNetwork implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ToxiproxyNetwork.class.getName());
    /** How long one Toxiproxy API call may take unless told otherwise. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(5);

    private final ToxiproxyClient client;
    private final ToxiproxyCalls calls;
    /** Held across API calls: serializes changes. */
    private final Object control = new Object();
    /** Guards {@link #proxies}, {@link #active} and {@link #closed}; never held across an API call. */
    private final Object state = new Object();
    private final ProxyAddressing addressing;
    private final InetSocketAddress upstream;
    private final String target;
    private final Map<LinkId, OpenProxy> proxies = new LinkedHashMap<>();
    private final Map<Long, AppliedFault> active = new LinkedHashMap<>();
    private final Thread shutdownHook;
    private long lastFaultId; // control lock
    private boolean closed;

    /** One open proxy, the listen address it reserved, and how many {@link ToxicSpec.Down} faults currently hold it disabled. */
    private static final class OpenProxy {
        final LinkProxy view;
        final Proxy proxy;
        final String reserved;
        int downs; // control lock

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
        this(server, upstream, DEFAULT_DEADLINE);
    }

    /**
     * As {@link #ToxiproxyNetwork(ToxiproxyServer, InetSocketAddress)}, with {@code deadline}
     * for each Toxiproxy API call.
     *
     * @throws IllegalArgumentException when {@code deadline} is not > 0
     */
    public ToxiproxyNetwork(ToxiproxyServer server, InetSocketAddress upstream, Duration deadline) {
        this.client = new ToxiproxyClient(server.host(), server.port());
        this.calls = new ToxiproxyCalls(server.host() + ":" + server.port(), deadline);
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
     * port below the range of outgoing connections ({@link LoopbackAddressing}); in a container, on the next free exposed port, reached through its
     * mapped port. A stale proxy of the same name (left by a crashed run on an external server)
     * is replaced.
     *
     * @throws IllegalStateException   when {@code link} already has a proxy here
     * @throws NetworkBackendException when Toxiproxy refuses, or a container has no free port left
     */
    public LinkProxy open(LinkId link) {
        synchronized (control) {
            requireOpen();
            synchronized (state) {
                if (proxies.containsKey(link)) {
                    throw new IllegalStateException("link " + link + " already has a proxy: " + proxies.get(link).view);
                }
            }
            for (int attempt = 1; ; attempt++) {
                String listen = addressing.reserve(link);
                Proxy proxy = null;
                try {
                    deleteStale(link.name());
                    proxy = calls.call("create proxy " + link.name(),
                            () -> client.createProxy(link.name(), listen, target));
                    LinkProxy view = new LinkProxy(link, addressing.reachable(proxy.getListen()), upstream);
                    synchronized (state) {
                        proxies.put(link, new OpenProxy(view, proxy, listen));
                    }
                    return view;
                } catch (IOException e) {
                    undoOpen(proxy, listen);
                    if (attempt < OPEN_ATTEMPTS && isPortTaken(e)) {
                        continue; // taken since it was found free (another process): the next port
                    }
                    throw new NetworkBackendException("cannot create proxy " + link + " on " + listen + " to " + target
                            + ": " + e.getMessage(), e);
                } catch (RuntimeException e) {
                    undoOpen(proxy, listen);
                    throw e;
                }
            }
        }
    }

    /** How many listen addresses {@link #open} tries when the one reserved was taken before Toxiproxy listened. */
    static final int OPEN_ATTEMPTS = 5;

    private static boolean isPortTaken(IOException e) {
        return String.valueOf(e.getMessage()).contains("address already in use");
    }

    /** How long one Toxiproxy API call may take. */
    public Duration deadline() {
        return calls.deadline();
    }

    /** Deletes a proxy that was created but not recorded, and frees its listen address (unless it is still in use). */
    private void undoOpen(Proxy created, String listen) {
        if (created != null) {
            try {
                calls.run("delete proxy " + created.getName(), created::delete);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot delete half-opened proxy " + created.getName()
                        + "; its listen address stays reserved: " + e.getMessage());
                return;
            }
        }
        addressing.release(listen);
    }

    private void deleteStale(String name) throws IOException {
        Proxy stale = calls.call("get proxy " + name, () -> client.getProxyOrNull(name));
        if (stale != null) {
            LOG.log(System.Logger.Level.WARNING, "replacing stale Toxiproxy proxy " + stale);
            calls.run("delete stale proxy " + name, stale::delete);
        }
    }

    /** The proxy of {@code link}, if it is open. */
    public Optional<LinkProxy> proxy(LinkId link) {
        synchronized (state) {
            return Optional.ofNullable(proxies.get(link)).map(open -> open.view);
        }
    }

    /** Every open proxy, in the order they were opened. */
    public List<LinkProxy> proxies() {
        synchronized (state) {
            return proxies.values().stream().map(open -> open.view).toList();
        }
    }

    /** The faults applied and not yet removed, oldest first. */
    public List<AppliedFault> activeFaults() {
        synchronized (state) {
            return List.copyOf(active.values());
        }
    }

    /**
     * Puts {@code spec} on the proxies of {@code links}; all or nothing: if Toxiproxy refuses
     * one or does not answer in time, what was already applied is taken off again before the
     * exception.
     *
     * @throws IllegalArgumentException when {@code links} is empty or names a link with no proxy
     * @throws NetworkBackendException  when Toxiproxy refuses or does not answer within the deadline
     */
    public AppliedFault apply(ToxicSpec spec, Collection<LinkId> links) {
        Objects.requireNonNull(spec, "spec");
        Set<LinkId> targets = new LinkedHashSet<>(links);
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("a fault needs at least one link: " + spec);
        }
        synchronized (control) {
            requireOpen();
            List<OpenProxy> on = new ArrayList<>();
            synchronized (state) {
                for (LinkId link : targets) {
                    OpenProxy open = proxies.get(link);
                    if (open == null) {
                        throw new IllegalArgumentException("no proxy is open for link " + link + ": " + spec);
                    }
                    on.add(open);
                }
            }
            AppliedFault fault = new AppliedFault(++lastFaultId, spec, targets);
            try {
                for (OpenProxy open : on) {
                    applyTo(open, fault);
                }
            } catch (IOException e) {
                List<String> rollbackFailures = takeOff(fault);
                throw new NetworkBackendException("cannot apply " + fault + ": " + e.getMessage()
                        + (rollbackFailures.isEmpty() ? "" : "; and cannot undo it on " + rollbackFailures), e);
            }
            synchronized (state) {
                active.put(fault.id(), fault);
            }
            return fault;
        }
    }

    private void applyTo(OpenProxy open, AppliedFault fault) throws IOException {
        String name = open.view.link().name();
        if (fault.spec() instanceof ToxicSpec.Down) {
            if (open.downs == 0) {
                calls.run("disable proxy " + name, open.proxy::disable);
            }
            open.downs++;
            fault.added(open.view.link(), List.of());
        } else {
            fault.added(open.view.link(), calls.call("add " + fault.toxicName() + " to " + name,
                    () -> ToxicCommands.add(open.proxy.toxics(), fault.toxicName(), fault.spec())));
        }
    }

    /**
     * Takes {@code fault} off the proxies it is on that are still open.
     *
     * @throws IllegalStateException   when it is not active on this network (removed twice, or another network's)
     * @throws NetworkBackendException when Toxiproxy refuses or does not answer within the
     *                                 deadline; the fault is no longer active anyway
     */
    public void remove(AppliedFault fault) {
        synchronized (control) {
            synchronized (state) {
                if (active.remove(fault.id()) != fault) {
                    throw new IllegalStateException(fault + " is not active on this network");
                }
            }
            List<String> failures = takeOff(fault);
            if (!failures.isEmpty()) {
                throw new NetworkBackendException("cannot remove " + fault + ": " + failures);
            }
        }
    }

    /**
     * Takes every part of {@code fault} off that was applied, trying all until Toxiproxy misses a
     * deadline (then the rest is not tried: one deadline, not one per proxy); returns what failed.
     */
    private List<String> takeOff(AppliedFault fault) {
        List<String> failures = new ArrayList<>();
        boolean answering = true;
        for (Map.Entry<LinkId, List<Toxic>> entry : fault.toxics().entrySet()) {
            OpenProxy open;
            synchronized (state) {
                open = proxies.get(entry.getKey());
            }
            if (open == null) {
                continue; // the proxy was released: its toxics went with it
            }
            if (!answering) {
                failures.add(entry.getKey() + ": not tried, Toxiproxy stopped answering");
                continue;
            }
            try {
                takeOff(open, fault.spec(), entry.getValue());
            } catch (HttpTimeoutException e) {
                answering = false;
                failures.add(entry.getKey() + ": " + e.getMessage());
            } catch (IOException e) {
                failures.add(entry.getKey() + ": " + e.getMessage());
            }
        }
        fault.toxics().clear();
        return failures;
    }

    private void takeOff(OpenProxy open, ToxicSpec spec, List<Toxic> toxics) throws IOException {
        String name = open.view.link().name();
        if (spec instanceof ToxicSpec.Down) {
            open.downs--;
            if (open.downs == 0) {
                calls.run("enable proxy " + name, open.proxy::enable);
            }
            return;
        }
        for (Toxic toxic : toxics) {
            if (spec instanceof ToxicSpec.Stall) {
                calls.run("release " + toxic.getName() + " of " + name, () -> toxic.setToxicity(0));
            } else {
                calls.run("remove " + toxic.getName() + " of " + name, toxic::remove);
            }
        }
    }

    /**
     * Deletes the proxy of {@code link} (its client has gone); active faults keep their other links.
     *
     * @throws NetworkBackendException when Toxiproxy refuses or does not answer within the deadline
     */
    public void release(LinkId link) {
        synchronized (control) {
            OpenProxy open;
            synchronized (state) {
                open = proxies.remove(link);
            }
            if (open == null) {
                throw new IllegalArgumentException("no proxy is open for link " + link);
            }
            try {
                calls.run("delete proxy " + link.name(), open.proxy::delete);
            } catch (IOException e) {
                throw new NetworkBackendException("cannot delete proxy " + link + ": " + e.getMessage(), e);
            }
            addressing.release(open.reserved);
        }
    }

    /**
     * Deletes every proxy this network created (active faults go with them). Idempotent. Waits
     * for a change in progress on another thread (at most the deadline per call it makes).
     *
     * @throws NetworkBackendException when Toxiproxy refuses some or does not answer, after trying all
     */
    @Override
    public void close() {
        synchronized (control) {
            synchronized (state) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            removeShutdownHook();
            List<String> failures = deleteAll();
            calls.shutdown();
            if (!failures.isEmpty()) {
                throw new NetworkBackendException("cannot delete proxies " + failures);
            }
        }
    }

    private List<String> deleteAll() {
        List<OpenProxy> open;
        synchronized (state) {
            open = List.copyOf(proxies.values());
            proxies.clear();
            active.clear();
        }
        List<String> failures = new ArrayList<>();
        boolean answering = true;
        for (OpenProxy proxy : open) {
            if (!answering) {
                failures.add(proxy.view.link() + ": not tried, Toxiproxy stopped answering");
                continue;
            }
            try {
                calls.run("delete proxy " + proxy.view.link().name(), proxy.proxy::delete);
                addressing.release(proxy.reserved);
            } catch (HttpTimeoutException e) {
                answering = false; // one deadline, not one per proxy
                failures.add(proxy.view.link() + ": " + e.getMessage());
            } catch (IOException e) {
                failures.add(proxy.view.link() + ": " + e.getMessage());
            }
        }
        return failures;
    }

    /** The shutdown hook: does not wait for the control lock (a change may be stuck on Toxiproxy). */
    private void deleteAllOnShutdown() {
        synchronized (state) {
            if (closed) {
                return;
            }
            closed = true;
        }
        List<String> failures = deleteAll();
        if (!failures.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "at shutdown, cannot delete Toxiproxy proxies " + failures);
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
        synchronized (state) {
            if (closed) {
                throw new IllegalStateException("this Toxiproxy network is closed");
            }
        }
    }
}
