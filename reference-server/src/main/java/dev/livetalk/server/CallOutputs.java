package dev.livetalk.server;

import dev.livetalk.protocol.ErrorCode;
import dev.livetalk.protocol.ServerEvent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Collects the outputs of one {@link ServerCore} call, in order. One per call; touched only
 * by the thread that calls the core.
 */
final class CallOutputs {
    private final ArrayList<ServerOutput> outputs = new ArrayList<>();

    void deliver(ConnectionId to, ServerEvent event) {
        outputs.add(new ServerOutput.Deliver(to, event));
    }

    void close(ConnectionId connection, ErrorCode reason) {
        outputs.add(new ServerOutput.Close(connection, reason));
    }

    /** Makes room for {@code more} outputs at once (a fan-out about to be delivered). */
    void expect(int more) {
        outputs.ensureCapacity(outputs.size() + more);
    }

    /**
     * The outputs, unmodifiable. A view, not a copy (a fan-out's list is as long as its room):
     * the call is over when the core returns them, so nothing adds to them any more.
     */
    List<ServerOutput> outputs() {
        return outputs.isEmpty() ? List.of() : Collections.unmodifiableList(outputs);
    }
}
