package dev.livetalk.server;

import dev.livetalk.protocol.ClientEvent;
import dev.livetalk.protocol.Decoded;
import dev.livetalk.protocol.ErrorEvent;
import dev.livetalk.protocol.EventCodec;
import dev.livetalk.protocol.Hello;
import dev.livetalk.protocol.ProtocolVersion;
import dev.livetalk.protocol.ServerEvent;
import dev.livetalk.protocol.UserToken;
import dev.livetalk.protocol.Welcome;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import org.glassfish.tyrus.client.ClientManager;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A real Tyrus client for loopback tests. Tyrus client threads decode frames and put them
 * on a queue; the test thread polls it with a deadline.
 */
final class TestClient implements AutoCloseable {
    static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final ClientManager CLIENTS = sharedContainer();

    private final EventCodec codec = new EventCodec();
    private final BlockingQueue<ServerEvent> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    private final Session session;

    private TestClient(URI uri) throws Exception {
        this.session = connectSession(uri);
    }

    /**
     * Connects, trying again (at most twice) when Tyrus refused the connect's task: its client
     * container shuts its executors down when its last session closes and makes new ones on the
     * next connect, and a connect that took the old executor just before the shutdown fails with
     * RejectedExecutionException (seen in DurableServerIT right after the server closed the only
     * other client). A refused task never reached the server, so trying again is safe; the tries after
     * the first use a client manager of their own.
     */
    private Session connectSession(URI uri) throws Exception {
        for (int attempt = 1; ; attempt++) {
            // after a refusal, a client manager with a container of its own: the shared container's executor
            // was seen refusing three connects in a row (DurableServerIT in CI, all three at once)
            ClientManager clients = attempt == 1 ? CLIENTS : ClientManager.createClient();
            try {
                return clients.asyncConnectToServer(new Listener(), ClientEndpointConfig.Builder.create().build(), uri)
                        .get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                if (attempt == 3) {
                    throw e;
                }
            } catch (java.util.concurrent.ExecutionException e) {
                if (attempt == 3 || !(e.getCause() instanceof java.util.concurrent.RejectedExecutionException)) {
                    throw e;
                }
            }
        }
    }

    /**
     * A client manager whose container outlives its sessions (idle for a minute before it stops):
     * a container of its own per manager shut its executors down whenever its last session closed,
     * and the next connect's task, or a session's idle-timeout task, was refused
     * (RejectedExecutionException: DurableServerIT and BadInputAttackIT, in fresh-clone CI runs).
     */
    private static ClientManager sharedContainer() {
        ClientManager tyrus = ClientManager.createClient();
        tyrus.getProperties().put(org.glassfish.tyrus.client.ClientProperties.SHARED_CONTAINER, true);
        tyrus.getProperties().put(org.glassfish.tyrus.client.ClientProperties.SHARED_CONTAINER_IDLE_TIMEOUT, 60);
        return tyrus;
    }

    static TestClient connect(URI uri) throws Exception {
        return new TestClient(uri);
    }

    /** Connects and says a good hello as {@code user}; returns after the welcome. */
    static TestClient login(URI uri, String secret, String user) throws Exception {
        return login(uri, secret, user, null, Map.of());
    }

    static TestClient login(URI uri, String secret, String user, String epoch, Map<String, Long> resume)
            throws Exception {
        TestClient client = connect(uri);
        client.send(new Hello(user, UserToken.of(secret, user), ProtocolVersion.CURRENT, epoch, resume));
        client.welcome = client.next(Welcome.class);
        return client;
    }

    Welcome welcome;

    void send(ClientEvent event) throws IOException {
        sendText(codec.encode(event));
    }

    void sendText(String text) throws IOException {
        session.getBasicRemote().sendText(text);
    }

    void sendBinary(ByteBuffer bytes) throws IOException {
        session.getBasicRemote().sendBinary(bytes);
    }

    /** The next event, waiting up to the deadline. */
    ServerEvent next() throws InterruptedException {
        ServerEvent event = events.poll(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        if (event == null) {
            fail("no event within " + DEADLINE + (closed.isDone() ? "; closed: " + closed.join() : ""));
        }
        return event;
    }

    /** The next event within {@code wait}, or {@code null}: to check that nothing arrives for a while. */
    ServerEvent poll(Duration wait) throws InterruptedException {
        return events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next event, which must be a {@code type}. */
    <T extends ServerEvent> T next(Class<T> type) throws InterruptedException {
        ServerEvent event = next();
        assertThat(event).isInstanceOf(type);
        return type.cast(event);
    }

    ErrorEvent nextError() throws InterruptedException {
        return next(ErrorEvent.class);
    }

    /** Waits for the close; fails after the deadline. */
    CloseReason awaitClose() throws Exception {
        return closed.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean isOpen() {
        return session.isOpen() && !closed.isDone();
    }

    @Override
    public void close() throws IOException {
        if (session.isOpen()) {
            session.close();
        }
    }

    private final class Listener extends Endpoint {
        @Override
        public void onOpen(Session opened, EndpointConfig config) {
            opened.addMessageHandler(String.class, text -> {
                switch (codec.decodeServer(text)) {
                    case Decoded.Ok<ServerEvent> ok -> events.add(ok.event());
                    case Decoded.Rejected<ServerEvent> rejected ->
                            throw new AssertionError("server sent a bad frame: " + rejected + ": " + text);
                }
            });
        }

        @Override
        public void onClose(Session session, CloseReason closeReason) {
            closed.complete(closeReason);
        }
    }
}
