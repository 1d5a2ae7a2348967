package dev.livetalk.network;

import dev.livetalk.client.ClientSession;
import dev.livetalk.client.Link;
import dev.livetalk.client.tyrus.FrameTap;
import dev.livetalk.client.tyrus.ClientDriver;
import dev.livetalk.client.tyrus.DrivenClient;
import dev.livetalk.network.toxiproxy.ToxiproxyNetwork;
import dev.livetalk.protocol.ClientEvent;
import dev.livetalk.protocol.LinkRole;
import dev.livetalk.protocol.ServerEvent;
import dev.livetalk.run.ClientLayout;
import dev.livetalk.run.FaultPlay;
import dev.livetalk.run.Host;
import dev.livetalk.run.RunFailure;
import dev.livetalk.run.SimulatedUser;
import dev.livetalk.run.Stage;
import dev.livetalk.scenarios.fault.FaultWindow;
import dev.livetalk.server.ReferenceServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * One strategy's run on the real network: a reference server on the loopback (in this JVM, or
 * as its own process when the plan has server faults: {@link StageServer}), one Toxiproxy
 * proxy per client link in front of it, and the clients hosted on Tyrus client drivers (client
 * {@code index} on driver {@code index % drivers}, its lane), each link through its own proxy.
 * The clock is {@link System#nanoTime()}.
 *
 * <p>Threads: opened, driven ({@link #host}, {@link #runUntil}, {@link #playFaults}) and closed by
 * the runner's thread; each client runs on its driver's owner thread ({@link Host#at} posts to
 * it from any thread); faults are played on their own {@code toxiproxy-control} thread
 * ({@link ToxiproxyFaultPlay}); {@link #runUntil} reports progress from a {@code livetalk-progress}
 * thread. A failure of Toxiproxy ({@link NetworkBackendException}) reaches the runner as a
 * {@link RunFailure} with its message.
 */
final class ToxiproxyStage implements Stage {
    private final ClientLayout layout;
    private final StageServer server;
    private final ToxiproxyNetwork network;
    private final ClientDrivers drivers;

    private ToxiproxyStage(ClientLayout layout, StageServer server, ToxiproxyNetwork network,
                           ClientDrivers drivers) {
        this.layout = layout;
        this.server = server;
        this.network = network;
        this.drivers = drivers;
    }

    /** Starts the server and the drivers; the proxies are opened as clients are hosted. */
    static ToxiproxyStage open(ToxiproxyBackend backend, ClientLayout layout, StageServer server,
                               Consumer<Throwable> onFailure) {
        ToxiproxyNetwork network = null;
        try {
            network = new ToxiproxyNetwork(backend.toxiproxy(), new InetSocketAddress("127.0.0.1", server.port()),
                    backend.settings().toxiproxyDeadline());
            ClientDrivers drivers = new ClientDrivers(ClientDrivers.defaultCount(),
                    backend.settings().connectTimeout(), onFailure);
            return new ToxiproxyStage(layout, server, network, drivers);
        } catch (RuntimeException e) {
            if (network != null) {
                network.close();
            }
            server.close();
            throw e;
        }
    }

    @Override
    public long now() {
        return System.nanoTime();
    }

    @Override
    public Host host(SimulatedUser user, ClientSession session) {
        int index = user.client().index();
        Map<LinkRole, URI> uris = new EnumMap<>(LinkRole.class);
        for (LinkRole role : user.client().roles()) {
            uris.put(role, uri(new LinkId(index, role)));
        }
        int lane = index % drivers.size();
        ClientDriver driver = drivers.get(lane);
        return new DriverHost(lane, driver, driver.add(session, uris, tap(user)));
    }

    private URI uri(LinkId link) {
        InetSocketAddress listen;
        try {
            listen = network.open(link).listen();
        } catch (NetworkBackendException e) {
            throw new RunFailure(e.getMessage());
        }
        return URI.create("ws://" + listen.getHostString() + ":" + listen.getPort() + ReferenceServer.PATH);
    }

    /** Waits on the calling thread; a {@code livetalk-progress} thread calls {@code everySecond} meanwhile. */
    @Override
    public boolean runUntil(CompletableFuture<?> done, long deadline, Runnable everySecond)
            throws InterruptedException {
        ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor(
                r -> new Thread(r, "livetalk-progress"));
        reporter.scheduleAtFixedRate(everySecond, 0, 1, TimeUnit.SECONDS);
        try {
            done.get(Math.max(0, deadline - now()), TimeUnit.NANOSECONDS);
            return true;
        } catch (ExecutionException e) {
            return true; // completed, exceptionally: the caller reads how
        } catch (TimeoutException e) {
            return false;
        } finally {
            reporter.shutdownNow();
        }
    }

    @Override
    public FaultPlay playFaults(List<FaultWindow> windows, long zero) {
        ToxiproxyFaultPlay faults = new ToxiproxyFaultPlay(network, windows, layout, server.process());
        try {
            faults.start(zero);
        } catch (RuntimeException e) {
            faults.close();
            throw e;
        }
        return faults;
    }

    @Override
    public long transportErrors() {
        return drivers.transportErrors();
    }

    /** What the server said about the run ({@link StageServer#summary()}), or {@code null}. */
    @Override
    public String summary() {
        return server.summary();
    }

    /** Closes the clients' connections, then the proxies, then the server. */
    @Override
    public void close() throws IOException {
        try {
            drivers.close();
            network.close();
        } catch (NetworkBackendException e) {
            throw new RunFailure(e.getMessage());
        } finally {
            server.close();
        }
    }

    /**
     * A client on a driver: its lane is the driver's index. {@link #at} may be called from any
     * thread (on the owner thread it books the wake-up at once, elsewhere it posts it);
     * {@link #act} only on the owner thread.
     */
    private record DriverHost(int lane, ClientDriver driver, DrivenClient client) implements Host {
        @Override
        public void start() {
            client.start();
        }

        @Override
        public void at(long at, LongConsumer action) {
            driver.schedule(at, action);
        }

        @Override
        public void act(Consumer<ClientSession> action) {
            client.act(action);
        }
    }

    /** What the driver sees of the client's frames and connection attempts goes to its simulated user. */
    private static FrameTap tap(SimulatedUser user) {
        return new FrameTap() {
            @Override
            public void onFrame(Link link, ServerEvent event, long now) {
                user.onFrame(link, event, now);
            }

            @Override
            public void onSent(Link link, ClientEvent event, long now) {
                user.onSent(link, event, now);
            }

            @Override
            public void onConnecting(Link link, long now) {
                user.onConnecting(link, now);
            }

            @Override
            public void onConnected(Link link, long now) {
                user.onConnected(link, now);
            }

            @Override
            public void onConnectFailed(Link link, String reason, long now) {
                user.onConnectFailed(link, reason, now);
            }

            @Override
            public void onDisconnected(Link link, long now) {
                user.onDisconnected(link, now);
            }
        };
    }
}
