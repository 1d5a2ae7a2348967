package dev.livetalk.client;

import dev.livetalk.protocol.ClientEvent;

/**
 * What a {@link ClientSession} asks its transport to do, in order. Immutable records, taken
 * on the session's owner thread and handed to the transport.
 */
public sealed interface SessionOutput {

    /** The link concerned. */
    Link link();

    /** Open a connection for {@code link}; report {@code onConnected} or {@code onDisconnected}. */
    record Connect(Link link) implements SessionOutput {
    }

    /** Send {@code event} as one frame on {@code link}. */
    record Transmit(Link link, ClientEvent event) implements SessionOutput {
    }

    /**
     * Close {@code link}: the session already treats it as dead (a heartbeat timeout). The
     * transport need not report {@code onDisconnected} for it (it would be ignored).
     */
    record Disconnect(Link link) implements SessionOutput {
    }
}
