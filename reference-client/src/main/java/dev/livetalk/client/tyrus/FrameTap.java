package dev.livetalk.client.tyrus;

import dev.livetalk.client.Link;
import dev.livetalk.protocol.ClientEvent;
import dev.livetalk.protocol.ServerEvent;

/**
 * Sees every frame a hosted session receives, before the session, and every frame it
 * transmits, as it goes to the link, and each connection attempt: when it begins, and when the
 * transport opens or loses a link, before the session hears it and with the time it hears; on
 * the thread that owns the session.
 */
@FunctionalInterface
public interface FrameTap {
    /** Sees nothing. */
    FrameTap NONE = (link, event, now) -> { };

    /** {@code event} arrived on {@code link} at {@code now}. */
    void onFrame(Link link, ServerEvent event, long now);

    /** The session transmitted {@code event} on {@code link} at {@code now} (whether or not the link carried it). */
    default void onSent(Link link, ClientEvent event, long now) {
    }

    /** The session asked to connect {@code link} at {@code now}. */
    default void onConnecting(Link link, long now) {
    }

    /** The transport opened {@code link} at {@code now}. */
    default void onConnected(Link link, long now) {
    }

    /**
     * The attempt to open {@code link} failed at {@code now} for {@code reason} (refused, timed out, an error). Also
     * told, timed out, whenever the session gives up on a link, open or not (a dead link): one the tap heard open
     * ({@link #onConnected}) is no attempt.
     */
    default void onConnectFailed(Link link, String reason, long now) {
    }

    /** The transport lost {@code link} at {@code now}. */
    default void onDisconnected(Link link, long now) {
    }
}
