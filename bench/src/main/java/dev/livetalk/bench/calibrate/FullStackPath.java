package dev.livetalk.bench.calibrate;

import dev.livetalk.client.ClientSession;
import dev.livetalk.protocol.LinkRole;
import dev.livetalk.client.SessionConfig;
import dev.livetalk.client.transcript.TranscriptChange;
import dev.livetalk.client.tyrus.ClientDriver;
import dev.livetalk.client.tyrus.DrivenClient;
import dev.livetalk.client.tyrus.FrameTap;
import dev.livetalk.network.LinkId;
import dev.livetalk.network.toxiproxy.ToxiproxyNetwork;
import dev.livetalk.network.toxiproxy.ToxiproxyServer;
import dev.livetalk.protocol.Joined;
import dev.livetalk.run.RunFailure;
import dev.livetalk.run.RunSettings;
import dev.livetalk.run.RunSetup;
import dev.livetalk.server.ReferenceServer;
import dev.livetalk.server.ServerConfig;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The full-stack layers, as a run sets them up: a reference server, two client sessions with
 * a strategy hosted on client drivers (the sender on one, the receiver on the other), the
 * protocol codec both ways, directly or each client through its own untoxic Toxiproxy proxy.
 * A send is timed when it is first shown in the receiver's transcript: peer-first latency.
 *
 * <p>Threads: {@link #send} on the sending driver's owner thread; the receiver's transcript
 * listener on the receiving driver's owner thread, with the arrival time Tyrus stamped.
 */
final class FullStackPath implements CalibrationPath {
    static final String ROOM = "calibration";
    static final String SENDER = "calibration-sender";
    static final String RECEIVER = "calibration-receiver";
    private static final long SEED = 0x5EEDL;

    private final LayerSamples samples;
    private final ReferenceServer server;
    private final ToxiproxyNetwork network;
    private final CountDownLatch joined = new CountDownLatch(2);
    private DrivenClient sender;

    private FullStackPath(LayerSamples samples, ReferenceServer server, ToxiproxyNetwork network) {
        this.samples = samples;
        this.server = server;
        this.network = network;
    }

    /**
     * Starts a reference server, connects the two sessions with {@code strategy} (through
     * proxies of {@code toxiproxy} when it is not {@code null}: clients {@code firstClient} and
     * the next), and waits until both joined the room.
     */
    static FullStackPath open(LayerSamples samples, ToxiproxyServer toxiproxy, int firstClient, String strategy,
                              double ratePerSecond, ClientDriver sending, ClientDriver receiving, Duration timeout,
                              RunSettings runSettings)
            throws IOException, InterruptedException {
        double perConnection = Math.max(100, 20 * ratePerSecond);
        ReferenceServer server = ReferenceServer.start(ServerConfig.builder(RunSetup.SECRET)
                .rateLimit(perConnection, (int) Math.max(1000, 4 * perConnection)).build());
        ToxiproxyNetwork network = toxiproxy == null ? null
                : new ToxiproxyNetwork(toxiproxy, new InetSocketAddress("127.0.0.1", server.port()));
        FullStackPath path = new FullStackPath(samples, server, network);
        try {
            DrivenClient receiver = receiving.add(new ClientSession(config(RECEIVER, strategy, firstClient + 1, runSettings),
                    path::onChange), Map.of(LinkRole.MAIN, path.uri(firstClient + 1)), path.joinTap());
            path.sender = sending.add(new ClientSession(config(SENDER, strategy, firstClient, runSettings), change -> { }),
                    Map.of(LinkRole.MAIN, path.uri(firstClient)), path.joinTap());
            receiver.start();
            path.sender.start();
            if (!path.joined.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new RunFailure(samples.layer().label() + ": " + path.joined.getCount()
                        + " of 2 clients had not joined the room within " + timeout);
            }
            return path;
        } catch (InterruptedException | RuntimeException e) {
            path.close();
            throw e;
        }
    }

    /** A session as every run configures one (backoff, delivered-marker batching), seeded. */
    private static SessionConfig config(String user, String strategy, int client, RunSettings runSettings) {
        return RunSetup.session(user, List.of(ROOM), strategy, false, client, SEED, runSettings);
    }

    private URI uri(int client) {
        if (network == null) {
            return server.uri();
        }
        InetSocketAddress listen = network.open(new LinkId(client, LinkRole.MAIN)).listen();
        return URI.create("ws://" + listen.getHostString() + ":" + listen.getPort() + ReferenceServer.PATH);
    }

    private FrameTap joinTap() {
        AtomicBoolean counted = new AtomicBoolean();
        return (link, event, now) -> {
            if (event instanceof Joined j && j.room().equals(ROOM) && counted.compareAndSet(false, true)) {
                joined.countDown();
            }
        };
    }

    /** The receiver's transcript changed: the first line of a send of the sender is its arrival. */
    private void onChange(TranscriptChange change) {
        if (change instanceof TranscriptChange.Removed || !change.entry().from().equals(SENDER)) {
            return;
        }
        int index = Frames.indexOf(change.entry().body());
        if (index >= 0) {
            samples.onArrived(index, change.at());
        }
    }

    @Override
    public LayerSamples samples() {
        return samples;
    }

    @Override
    public void send(int index, long intendedNanos, long nowNanos) {
        samples.onSent(index, intendedNanos, nowNanos);
        sender.act(session -> session.send(ROOM, CalibrationPath.body(index), null, nowNanos));
    }

    /** Closes the proxies and the server; the drivers close the sessions' connections. */
    @Override
    public void close() {
        if (network != null) {
            network.close();
        }
        server.close();
    }
}
