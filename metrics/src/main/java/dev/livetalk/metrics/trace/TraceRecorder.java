package dev.livetalk.metrics.trace;

import dev.livetalk.protocol.Message;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@link RunTrace} of one strategy's run incrementally: one
 * {@link ClientRecorder} per client, the server's commits, the fault windows. The bulk of it,
 * what happened in the rooms, goes to a {@link TraceSpill} on disk as the run goes, so a long
 * run does not hold its trace in memory while it plays; {@link #build()} reads it back.
 *
 * <p>Thread-safe: every method locks this recorder (client recorders lock themselves), so the
 * server's threads may report commits while clients record. Call {@link #build()} after the
 * run is quiet, and {@link #close()} when done with the recorder (it deletes the spill).
 */
public final class TraceRecorder implements AutoCloseable {
    private final String strategy;
    private final long measuredFrom;
    private final TraceSpill spill;
    private final Map<String, ClientRecorder> clients = new LinkedHashMap<>();
    private final List<TraceWindow> windows = new ArrayList<>();
    private final List<ServerStart> starts = new ArrayList<>();
    private final List<ServerRequest> serverRequests = new ArrayList<>();

    /**
     * A recorder for {@code strategy}; latency samples count from {@code measuredFrom} (the trace
     * time the warm-up ended).
     */
    public TraceRecorder(String strategy, long measuredFrom) {
        this(strategy, measuredFrom, null);
    }

    /**
     * As {@link #TraceRecorder(String, long)}, spilling into a new folder under {@code spillParent}
     * ({@code null}: the JVM's temporary folder).
     */
    public TraceRecorder(String strategy, long measuredFrom, Path spillParent) {
        if (strategy == null || strategy.isBlank()) {
            throw new IllegalArgumentException("strategy must be named: " + strategy);
        }
        this.strategy = strategy;
        this.measuredFrom = measuredFrom;
        this.spill = spillParent == null ? TraceSpill.inTemporaryFolder() : TraceSpill.in(spillParent);
    }

    /** A new client's recorder; its id must be unique in the run. */
    public synchronized ClientRecorder client(String clientId, String user) {
        if (clients.containsKey(clientId)) {
            throw new IllegalArgumentException("client id must be unique in a run: " + clientId);
        }
        ClientRecorder recorder = new ClientRecorder(clientId, user, clients.size(), spill);
        clients.put(clientId, recorder);
        return recorder;
    }

    /** The server committed {@code message} at {@code at}. */
    public synchronized void onCommitted(Message message, long at) {
        onCommitted(null, message, at);
    }

    /** The server committed {@code message} in history {@code epoch} at {@code at} on the trace clock. */
    public void onCommitted(String epoch, Message message, long at) {
        spill.commit(epoch, message, at);
    }

    /** The server started with history {@code epoch} at {@code at} on the trace clock (again, after a restart). */
    public synchronized void onServerStarted(String epoch, long at) {
        starts.add(new ServerStart(epoch, at));
    }

    /** The server received a request of wire type {@code type} at {@code at} on the trace clock. */
    public synchronized void onServerRequest(String type, long at) {
        serverRequests.add(new ServerRequest(type, at));
    }

    /** A fault window on the trace clock. */
    public synchronized void onFaultWindow(TraceWindow window) {
        windows.add(window);
    }

    /** The trace recorded so far, read back from the spill. */
    public synchronized RunTrace build() {
        TraceSpill.Contents contents = spill.read();
        List<ClientTrace> clientTraces = clients.values().stream()
                .map(c -> c.build(contents.client(c.number()))).toList();
        Map<String, RoomLog> logs = new LinkedHashMap<>();
        contents.commits().forEach((room, messages) -> logs.put(room, new RoomLog(room, messages)));
        return new RunTrace(strategy, measuredFrom, clientTraces, logs, windows, starts).withServerRequests(serverRequests);
    }

    /** Stops recording and deletes the spill; what clients still report afterwards is dropped. */
    @Override
    public void close() {
        spill.close();
    }
}
