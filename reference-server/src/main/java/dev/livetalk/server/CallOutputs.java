package dev.livetalk.server;

import dev.livetalk.protocol.ErrorCode;
import dev.livetalk.protocol.ServerEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the outputs of one {@link ServerCore} call, in order. One per call; touched only
 * by the thread that calls the core.
 */
final class CallOutputs {
    private final List<ServerOutput> outputs = new ArrayList<>();

    void deliver(ConnectionId to, ServerEvent event) {
        outputs.add(new ServerOutput.Deliver(to, event));
    }

    void close(ConnectionId connection, ErrorCode reason) {
        outputs.add(new ServerOutput.Close(connection, reason));
    }

    List<ServerOutput> outputs() {
        return List.copyOf(outputs);
    }
}
