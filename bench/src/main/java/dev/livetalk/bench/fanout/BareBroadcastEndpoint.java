package dev.livetalk.bench.fanout;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Broadcasts each text frame to all open sessions, the sender included. Public because
 * Tyrus calls it reflectively.
 *
 * <p>Threads: Tyrus's Grizzly workers; the session set is concurrent.
 */
public final class BareBroadcastEndpoint extends Endpoint {
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        sessions.add(session);
        session.addMessageHandler(String.class, this::broadcast);
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        sessions.remove(session);
    }

    @Override
    public void onError(Session session, Throwable error) {
        System.err.println("bare-broadcast: session " + session.getId() + " failed: " + error);
    }

    private void broadcast(String frame) {
        for (Session session : sessions) {
            if (session.isOpen()) {
                sendQuietly(session, frame);
            }
        }
    }

    private static void sendQuietly(Session session, String frame) {
        try {
            session.getBasicRemote().sendText(frame);
        } catch (IOException e) {
            // The session is closing; its onClose removes it. The benchmark counts what arrives.
            System.err.println("bare-broadcast: send to " + session.getId() + " failed: " + e);
        }
    }
}
