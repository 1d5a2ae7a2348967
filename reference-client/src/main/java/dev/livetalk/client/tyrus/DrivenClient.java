package dev.livetalk.client.tyrus;

import dev.livetalk.client.ClientSession;
import dev.livetalk.client.ConnectFailure;
import dev.livetalk.client.SessionHost;
import dev.livetalk.client.Link;
import dev.livetalk.protocol.LinkRole;
import dev.livetalk.protocol.ClientEvent;
import dev.livetalk.protocol.Decoded;
import dev.livetalk.protocol.ServerEvent;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Session;

import java.io.IOException;
import java.net.URI;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * One session hosted by a {@link ClientDriver}, with the WebSocket of each of its links.
 *
 * <p>Threads: the driver's owner thread calls everything here except the {@link LinkEndpoint}
 * callbacks, which post to the owner thread.
 */
public final class DrivenClient implements SessionHost.Transport {
    private final ClientDriver driver;
    private final ClientSession session;
    private final Map<LinkRole, URI> uris;
    private final FrameTap tap;
    private final Map<LinkRole, Connection> connections = new EnumMap<>(LinkRole.class);
    private final SessionHost host;

    DrivenClient(ClientDriver driver, ClientSession session, Map<LinkRole, URI> uris, FrameTap tap) {
        this.driver = driver;
        this.session = session;
        this.uris = uris;
        this.tap = tap;
        this.host = new SessionHost(session, this, driver::schedule);
    }

    /** The hosted session: touch it only on the owner thread (inside {@link #act}). */
    public ClientSession session() {
        return session;
    }

    /** Opens the session's connections (posted to the owner thread). */
    public void start() {
        driver.execute(() -> act(s -> s.start(driver.now())));
    }

    /**
     * Runs {@code action} on the session and carries out what it asked for. Call on the owner
     * thread (from a task given to the driver).
     */
    public void act(Consumer<ClientSession> action) {
        host.act(action);
    }

    @Override
    public void connect(Link link) {
        URI uri = uris.get(link.role());
        if (uri == null) {
            throw new IllegalStateException(session.config().user() + " has no address for link " + link.role());
        }
        Connection connection = new Connection(link);
        connections.put(link.role(), connection);
        tap.onConnecting(link, driver.now());
        Thread.ofVirtual().name("livetalk-connect-" + session.config().user()).start(() -> connection.open(uri));
    }

    @Override
    public void transmit(Link link, ClientEvent event) {
        tap.onSent(link, event, driver.now());
        Connection connection = connections.get(link.role());
        if (connection == null || !connection.link.equals(link) || connection.socket == null) {
            driver.countTransportError();
            return;
        }
        connection.send(driver.codec().encode(event));
    }

    @Override
    public void disconnect(Link link) {
        tap.onConnectFailed(link, ConnectFailure.TIMED_OUT, driver.now()); // an attempt the session gave up on ends here
        Connection connection = connections.get(link.role());
        if (connection != null && connection.link.equals(link)) {
            connection.close();
        }
    }

    void closeLinks() {
        connections.values().forEach(Connection::close);
    }

    /** The transport lost {@code link} or could not open it: the tap hears it, then the session, at one time. */
    private void disconnected(ClientSession session, Link link) {
        long now = driver.now();
        tap.onDisconnected(link, now);
        session.onDisconnected(link, now);
    }

    /** Posts a callback about {@code link} to the owner thread. */
    void post(Consumer<ClientSession> action) {
        driver.execute(() -> act(action));
    }

    /** One WebSocket attempt of one link. */
    final class Connection {
        private final Link link;
        private volatile Session socket;
        private volatile boolean closed;

        Connection(Link link) {
            this(link, null);
        }

        /** A connection over {@code socket}, open already, whose owner is not told (tests of sending). */
        Connection(Link link, Session socket) {
            this.link = link;
            this.socket = socket;
        }

        /** Connects; runs on a virtual thread, reports to the owner thread. */
        void open(URI uri) {
            try {
                Session opened = driver.tyrus().connectToServer(new LinkEndpoint(this),
                        ClientEndpointConfig.Builder.create().build(), uri);
                if (closed) {
                    closeQuietly(opened);
                }
            } catch (DeploymentException | IOException | RejectedExecutionException e) {
                String reason = ConnectFailure.of(e);
                post(s -> {
                    long now = driver.now();
                    tap.onConnectFailed(link, reason, now);
                    s.onDisconnected(link, now);
                });
            }
        }

        void onOpen(Session opened) {
            socket = opened;
            post(s -> {
                long now = driver.now();
                tap.onConnected(link, now);
                s.onConnected(link, now);
            });
        }

        void onText(String frame, long arrivedNanos) {
            Decoded<ServerEvent> decoded = driver.codec().decodeServer(frame);
            switch (decoded) {
                case Decoded.Ok<ServerEvent> ok -> post(s -> {
                    long now = driver.arrival(arrivedNanos);
                    tap.onFrame(link, ok.event(), now);
                    s.onFrame(link, ok.event(), now);
                });
                case Decoded.Rejected<ServerEvent> rejected -> driver.countTransportError();
            }
        }

        void onError() {
            driver.countTransportError();
        }

        void onClose() {
            socket = null;
            post(s -> disconnected(s, link));
        }

        void send(String frame) {
            Session current = socket;
            if (current == null || !current.isOpen()) {
                driver.countTransportError();
                return;
            }
            try {
                current.getAsyncRemote().sendText(frame, result -> {
                    if (!result.isOK()) {
                        driver.countTransportError();
                    }
                });
            } catch (RuntimeException e) {
                // A send racing with the connection's end: Tyrus throws IllegalStateException for a closed
                // session, RejectedExecutionException when the peer vanished (a killed server) and the
                // session's executor shut down before its close reached us (seen once in three 200-client
                // restart runs), and a bare RuntimeException ("Socket is not connected.", its
                // TyrusWebSocket.checkConnectedState; eclipse-ee4j/tyrus#353) when its socket closed after
                // our isOpen check: a reset link in minute 28 of a 30-minute soak through Toxiproxy, which
                // ended the run as a harness failure. Either way the link is dead and onClose follows.
                driver.countTransportError();
            }
        }

        void close() {
            closed = true;
            Session current = socket;
            if (current != null) {
                closeQuietly(current);
            }
        }

        private void closeQuietly(Session session) {
            try {
                session.close();
            } catch (IOException | RejectedExecutionException e) {
                driver.countTransportError();
            }
        }
    }
}
