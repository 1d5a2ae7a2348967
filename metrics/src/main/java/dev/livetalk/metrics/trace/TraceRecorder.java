package dev.livetalk.metrics.trace;

import dev.livetalk.protocol.Message;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@link RunTrace} of one strategy's run incrementally: one
 * {@link ClientRecorder} per client, the server's commits, the fault windows.
 *
 * <p>Thread-safe: every method locks this recorder (client recorders lock themselves), so the
 * server's threads may report commits while clients record. Call {@link #build()} after the
 * run is quiet.
 */
public final class TraceRecorder {
    private final String strategy;
    private final long measuredFrom;
    private final Map<String, ClientRecorder> clients = new LinkedHashMap<>();
    private final Map<String, List<CommittedMessage>> commits = new LinkedHashMap<>();
    private final List<TraceWindow> windows = new ArrayList<>();
    private final List<ServerStart> starts = new ArrayList<>();
    private final List<ServerRequest> serverRequests = new ArrayList<>();
    private final InterimTap tap;

    /**
     * A recorder for {@code strategy}; latency samples count from {@code measuredFrom} (the trace
     * time the warm-up ended).
     */
    public TraceRecorder(String strategy, long measuredFrom) {
        this(strategy, measuredFrom, null);
    }

    /**
     * A recorder for {@code strategy} that also feeds {@code tap} (the run's interim figures) as
     * events are recorded, or none when it is {@code null}.
     */
    public TraceRecorder(String strategy, long measuredFrom, InterimTap tap) {
        if (strategy == null || strategy.isBlank()) {
            throw new IllegalArgumentException("strategy must be named: " + strategy);
        }
        this.strategy = strategy;
        this.measuredFrom = measuredFrom;
        this.tap = tap;
    }

    /** A new client's recorder; its id must be unique in the run. */
    public synchronized ClientRecorder client(String clientId, String user) {
        if (clients.containsKey(clientId)) {
            throw new IllegalArgumentException("client id must be unique in a run: " + clientId);
        }
        ClientRecorder recorder = new ClientRecorder(clientId, user, tap);
        clients.put(clientId, recorder);
        return recorder;
    }

    /** The server committed {@code message} at {@code at}. */
    public synchronized void onCommitted(Message message, long at) {
        onCommitted(null, message, at);
    }

    /** The server committed {@code message} in history {@code epoch} at {@code at} on the trace clock. */
    public synchronized void onCommitted(String epoch, Message message, long at) {
        commits.computeIfAbsent(message.room(), r -> new ArrayList<>()).add(new CommittedMessage(message, at, epoch));
        if (tap != null) {
            tap.onCommitted();
        }
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

    /** The trace recorded so far. */
    public synchronized RunTrace build() {
        List<ClientTrace> clientTraces = clients.values().stream().map(ClientRecorder::build).toList();
        Map<String, RoomLog> logs = new LinkedHashMap<>();
        commits.forEach((room, messages) -> logs.put(room, new RoomLog(room, messages)));
        return new RunTrace(strategy, measuredFrom, clientTraces, logs, windows, starts).withServerRequests(serverRequests);
    }
}
