package dev.livetalk.server;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;

/**
 * The Tyrus endpoint: one shared instance for every session, which only forwards to the
 * {@link ReferenceServer}. Called by Grizzly worker threads, several at once for different
 * sessions; it keeps no state of its own beyond the connection id in each session's user
 * properties. Public only because Tyrus calls its methods reflectively; not an API.
 */
public final class ChatEndpoint extends Endpoint {
    private static final System.Logger LOG = System.getLogger(ChatEndpoint.class.getName());
    private static final String CONNECTION = "livetalk.connection";

    private final ReferenceServer server;
    private final int maxMessageChars;

    ChatEndpoint(ReferenceServer server, int maxMessageChars) {
        this.server = server;
        this.maxMessageChars = maxMessageChars;
    }

    @Override
    public void onOpen(Session session, EndpointConfig endpointConfig) {
        session.setMaxTextMessageBufferSize(maxMessageChars);
        ConnectionId id = server.onOpen(session);
        session.getUserProperties().put(CONNECTION, id);
        session.addMessageHandler(String.class, text -> server.onText(id, text));
        session.addMessageHandler(ByteBuffer.class, bytes -> server.onBinary(id, bytes.remaining()));
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        if (session.getUserProperties().get(CONNECTION) instanceof ConnectionId id) {
            server.onClosed(id);
        }
    }

    @Override
    public void onError(Session session, Throwable error) {
        Object id = session.getUserProperties().get(CONNECTION);
        if (server.stopping() || causedByIo(error)) {
            // Expected under chaos (resets, half-closed sockets) and during shutdown; Tyrus closes the session.
            LOG.log(Level.DEBUG, "{0}: {1}", id, error.toString());
        } else {
            LOG.log(Level.WARNING, "connection " + id + ": " + error, error);
        }
    }

    private static boolean causedByIo(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
