package dev.livetalk.bench.calibrate;

import dev.livetalk.bench.fanout.BareBroadcastServer;
import dev.livetalk.protocol.LinkRole;
import dev.livetalk.network.LinkId;
import dev.livetalk.network.toxiproxy.ToxiproxyNetwork;
import dev.livetalk.network.toxiproxy.ToxiproxyServer;
import dev.livetalk.run.RunFailure;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Session;
import org.glassfish.tyrus.client.ClientManager;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The bare layers: the fan-out benchmark's bare Tyrus endpoint, which sends every frame back
 * out to every open session, with two plain Tyrus clients, directly or each through its own
 * untoxic Toxiproxy proxy. The sender's frame is timed at the other client; no protocol code.
 *
 * <p>Threads: {@link #send} on the sending driver's thread; arrivals on Tyrus client threads.
 */
final class BareEchoPath implements CalibrationPath {
    private final LayerSamples samples;
    private final BareBroadcastServer server;
    private final ToxiproxyNetwork network;
    private final CountDownLatch ready = new CountDownLatch(1);
    private Session sender;
    private Session receiver;

    private BareEchoPath(LayerSamples samples, BareBroadcastServer server, ToxiproxyNetwork network) {
        this.samples = samples;
        this.server = server;
        this.network = network;
    }

    /**
     * Starts a bare server and connects two clients, through proxies of {@code toxiproxy} when
     * it is not {@code null} (clients {@code firstClient} and the next), and waits until a frame
     * of the sender reaches the receiver.
     */
    static BareEchoPath open(LayerSamples samples, ToxiproxyServer toxiproxy, int firstClient, ClientManager tyrus,
                             Duration timeout) throws IOException, InterruptedException {
        BareBroadcastServer server;
        try {
            server = BareBroadcastServer.start();
        } catch (DeploymentException e) {
            throw new IOException("cannot start the bare echo server: " + e.getMessage(), e);
        }
        ToxiproxyNetwork network = toxiproxy == null ? null
                : new ToxiproxyNetwork(toxiproxy, new InetSocketAddress("127.0.0.1", server.port()));
        BareEchoPath path = new BareEchoPath(samples, server, network);
        try {
            path.receiver = path.connect(tyrus, firstClient + 1, path::onFrame);
            path.sender = path.connect(tyrus, firstClient, (frame, at) -> { });
            path.awaitReady(timeout);
            return path;
        } catch (IOException | InterruptedException | RuntimeException e) {
            path.close();
            throw e;
        }
    }

    private Session connect(ClientManager tyrus, int client, java.util.function.ObjLongConsumer<String> sink)
            throws IOException {
        URI uri = server.uri();
        if (network != null) {
            InetSocketAddress listen = network.open(new LinkId(client, LinkRole.MAIN)).listen();
            uri = URI.create("ws://" + listen.getHostString() + ":" + listen.getPort() + BareBroadcastServer.PATH);
        }
        try {
            return tyrus.connectToServer(new ArrivalEndpoint(sink), ClientEndpointConfig.Builder.create().build(), uri);
        } catch (DeploymentException e) {
            throw new IOException("cannot connect a bare client to " + uri + ": " + e.getMessage(), e);
        }
    }

    /** Sends a ready frame every 50 ms until one reaches the receiver (the server has both sessions). */
    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            sender.getBasicRemote().sendText(Frames.READY);
            if (ready.await(50, TimeUnit.MILLISECONDS)) {
                return;
            }
        } while (System.nanoTime() < deadline);
        throw new RunFailure(samples.layer().label() + ": no frame of the sender reached the receiver within " + timeout);
    }

    private void onFrame(String frame, long arrivedNanos) {
        if (frame.equals(Frames.READY)) {
            ready.countDown();
            return;
        }
        int index = Frames.indexOf(frame);
        if (index >= 0) {
            samples.onArrived(index, arrivedNanos);
        }
    }

    @Override
    public LayerSamples samples() {
        return samples;
    }

    @Override
    public void send(int index, long intendedNanos, long nowNanos) {
        samples.onSent(index, intendedNanos, nowNanos);
        sender.getAsyncRemote().sendText(CalibrationPath.body(index));
    }

    @Override
    public void close() {
        for (Session session : new Session[] {sender, receiver}) {
            if (session != null) {
                try {
                    session.close();
                } catch (IOException e) {
                    System.err.println("calibrate: closing a bare client failed: " + e);
                }
            }
        }
        if (network != null) {
            network.close();
        }
        server.close();
    }
}
