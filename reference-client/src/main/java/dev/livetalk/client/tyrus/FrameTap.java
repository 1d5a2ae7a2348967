package dev.livetalk.client.tyrus;

import dev.livetalk.client.Link;
import dev.livetalk.protocol.ServerEvent;

/** Sees every frame a hosted session receives, on the driver's owner thread, before the session. */
@FunctionalInterface
public interface FrameTap {
    /** Sees nothing. */
    FrameTap NONE = (link, event, now) -> { };

    /** {@code event} arrived on {@code link} at {@code now}. */
    void onFrame(Link link, ServerEvent event, long now);
}
