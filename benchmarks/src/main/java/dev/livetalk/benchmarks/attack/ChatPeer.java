package dev.livetalk.benchmarks.attack;

import dev.livetalk.protocol.ClientEvent;
import dev.livetalk.protocol.Decoded;
import dev.livetalk.protocol.EventCodec;
import dev.livetalk.protocol.Hello;
import dev.livetalk.protocol.ProtocolVersion;
import dev.livetalk.protocol.ServerEvent;
import dev.livetalk.protocol.UserToken;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import org.glassfish.tyrus.client.ClientManager;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real Tyrus client: Tyrus threads decode what arrives onto a queue, one caller thread
 * sends and polls it with a deadline.
 */
final class ChatPeer implements AutoCloseable {
    static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final ClientManager CLIENTS = ClientManager.createClient();

    private final EventCodec codec = new EventCodec();
    private final BlockingQueue<ServerEvent> events = new LinkedBlockingQueue<>();
    private final Session session;
    private volatile boolean closed;

    private ChatPeer(URI uri) throws Exception {
        session = CLIENTS.asyncConnectToServer(new Listener(), ClientEndpointConfig.Builder.create().build(), uri)
                .get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Connects and says hello as {@code user} (no resume); the welcome is left on the queue. */
    static ChatPeer hello(URI uri, String user) throws Exception {
        ChatPeer peer = new ChatPeer(uri);
        peer.send(new Hello(user, UserToken.of(AttackBenchmark.SECRET, user), ProtocolVersion.CURRENT));
        return peer;
    }

    void send(ClientEvent event) throws IOException {
        sendText(codec.encode(event));
    }

    void sendText(String text) throws IOException {
        session.getBasicRemote().sendText(text);
    }

    /** The next event; fails after the deadline. */
    ServerEvent next() throws InterruptedException, IOException {
        ServerEvent event = events.poll(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        if (event == null) {
            throw new IOException("no event within " + DEADLINE + (closed ? " (closed)" : ""));
        }
        return event;
    }

    /** The next event of {@code type}, skipping others. */
    <T extends ServerEvent> T next(Class<T> type) throws InterruptedException, IOException {
        while (true) {
            ServerEvent event = next();
            if (type.isInstance(event)) {
                return type.cast(event);
            }
        }
    }

    boolean isOpen() {
        return session.isOpen() && !closed;
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
            opened.setMaxTextMessageBufferSize(16 << 20);
            opened.addMessageHandler(String.class, text -> {
                if (codec.decodeServer(text) instanceof Decoded.Ok<ServerEvent> ok) {
                    events.add(ok.event());
                }
            });
        }

        @Override
        public void onClose(Session session, CloseReason closeReason) {
            closed = true;
        }
    }
}
