package dev.livetalk.client.tyrus;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

/**
 * The Tyrus endpoint of one link connection: stamps each frame's arrival and hands it on.
 * Public because Tyrus calls it reflectively.
 *
 * <p>Threads: Tyrus client threads, one at a time per connection.
 */
public final class LinkEndpoint extends Endpoint {
    private final DrivenClient.Connection connection;

    LinkEndpoint(DrivenClient.Connection connection) {
        this.connection = connection;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.addMessageHandler(String.class, frame -> connection.onText(frame, System.nanoTime()));
        connection.onOpen(session);
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        connection.onClose();
    }

    @Override
    public void onError(Session session, Throwable error) {
        // Tyrus follows an error on an open connection with onClose, which reports the loss.
        connection.onError();
    }
}
