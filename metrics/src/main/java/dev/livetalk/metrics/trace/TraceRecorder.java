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
    /** Whether only the self-check hash is wanted ({@link #hashOnly}). */
    private final boolean hashOnly;

    /**
     * A recorder for {@code strategy}; latency samples count from {@code measuredFrom} (the trace
     * time the warm-up ended).
     */
    public TraceRecorder(String strategy, long measuredFrom) {
        this(strategy, measuredFrom, false);
    }

    private TraceRecorder(String strategy, long measuredFrom, boolean hashOnly) {
        if (strategy == null || strategy.isBlank()) {
            throw new IllegalArgumentException("strategy must be named: " + strategy);
        }
        this.strategy = strategy;
        this.measuredFrom = measuredFrom;
        this.hashOnly = hashOnly;
    }

    /**
     * A recorder for a play of which only the {@link #selfCheckHash()} is wanted (the determinism
     * self-check's replay): the client's hashed lists are hashed as they grow instead of kept,
     * and what the hash does not cover is not kept, so that the play keeps next to no trace.
     * {@link #build()} then gives a trace without them.
     */
    public static TraceRecorder hashOnly(String strategy, long measuredFrom) {
        return new TraceRecorder(strategy, measuredFrom, true);
    }

    /** A new client's recorder; its id must be unique in the run. */
    public synchronized ClientRecorder client(String clientId, String user) {
        if (clients.containsKey(clientId)) {
            throw new IllegalArgumentException("client id must be unique in a run: " + clientId);
        }
        ClientRecorder recorder = new ClientRecorder(clientId, user, hashOnly);
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
    }

    /** The server started with history {@code epoch} at {@code at} on the trace clock (again, after a restart). */
    public synchronized void onServerStarted(String epoch, long at) {
        starts.add(new ServerStart(epoch, at));
    }

    /** The server received a request of wire type {@code type} at {@code at} on the trace clock. */
    public synchronized void onServerRequest(String type, long at) {
        if (hashOnly) {
            return;
        }
        serverRequests.add(new ServerRequest(type, at));
    }

    /** A fault window on the trace clock. */
    public synchronized void onFaultWindow(TraceWindow window) {
        windows.add(window);
    }

    /**
     * The hash the determinism self-check compares between two plays of one seed
     * ({@link SelfCheckHash}): equal for equal traces, whether recorded in full or
     * {@link #hashOnly}. Call it after the run is quiet.
     */
    public synchronized String selfCheckHash() {
        List<ClientTrace> parts = new ArrayList<>();
        List<SelfCheckHash.Client> hashes = new ArrayList<>();
        for (ClientRecorder client : clients.values()) {
            parts.add(client.buildUnhashedParts());
            hashes.add(client.selfCheckHash());
        }
        RunTrace trace = new RunTrace(strategy, measuredFrom, parts, logs(), windows, starts);
        return SelfCheckHash.of(strategy, measuredFrom, trace.clients(), hashes, trace.serverLog(), trace.windows());
    }

    private Map<String, RoomLog> logs() {
        Map<String, RoomLog> logs = new LinkedHashMap<>();
        commits.forEach((room, messages) -> logs.put(room, new RoomLog(room, messages)));
        return logs;
    }

    /** The trace recorded so far. */
    public synchronized RunTrace build() {
        List<ClientTrace> clientTraces = clients.values().stream().map(ClientRecorder::build).toList();
        return new RunTrace(strategy, measuredFrom, clientTraces, logs(), windows, starts).withServerRequests(serverRequests);
    }
}
