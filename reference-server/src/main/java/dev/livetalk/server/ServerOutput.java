package dev.livetalk.server;

import dev.livetalk.protocol.ErrorCode;
import dev.livetalk.protocol.ServerEvent;

/**
 * What {@link ServerCore} asks the shell to do. The shell carries out the outputs of one
 * call in list order, per connection, which is what keeps a resume replay ahead of live
 * traffic. Immutable.
 */
public sealed interface ServerOutput {

    /** The connection the output is for. */
    ConnectionId connection();

    /**
     * Send one event to one connection. Several outputs of one fan-out share the same
     * event instance, so the shell can encode it once.
     */
    record Deliver(ConnectionId connection, ServerEvent event) implements ServerOutput {
    }

    /**
     * Close the connection after everything delivered to it before. The core has already
     * forgotten it.
     *
     * @param reason the error that caused the close (already delivered as an error event)
     */
    record Close(ConnectionId connection, ErrorCode reason) implements ServerOutput {
    }
}
