package dev.livetalk.client.tyrus;

import dev.livetalk.client.Link;
import dev.livetalk.protocol.ClientEvent;
import dev.livetalk.protocol.ServerEvent;

/**
 * Sees every frame a hosted session receives, before the session, and every frame it
 * transmits, as it goes to the link; on the thread that owns the session.
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
}
