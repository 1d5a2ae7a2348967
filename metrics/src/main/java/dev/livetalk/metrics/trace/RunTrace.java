package dev.livetalk.metrics.trace;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything recorded in one run of one strategy, on one monotonic clock (nanoseconds).
 *
 * <p>Immutable; any thread. Built by a {@link TraceRecorder}.
 *
 * @param strategy     the strategy's name
 * @param measuredFrom trace time at which the warm-up ended: latency samples of sends
 *                     intended earlier are not kept (correctness covers the whole run)
 * @param clients      every client, in a stable order (examples follow it)
 * @param serverLog    per room, the server log the run is judged against: the commits of the
 *                     final epoch ({@link ServerEpochs}; every commit when the run had one history)
 * @param windows      the fault windows on the trace clock
 * @param finalEpoch   the server history at the end of the run, or {@code null} when no record
 *                     named one (nothing is lost then)
 * @param lostCommits  the commits of earlier epochs, which a restart without durable history
 *                     lost, in commit-time order; empty for a run with one history
 * @param serverRequests every request the server received while the run was recorded, in arrival order; empty
 *                     in traces built without them
 */
public record RunTrace(String strategy, long measuredFrom, List<ClientTrace> clients, Map<String, RoomLog> serverLog,
                       List<TraceWindow> windows, String finalEpoch, List<CommittedMessage> lostCommits,
                       List<ServerRequest> serverRequests) {
    public RunTrace {
        serverRequests = serverRequests instanceof ServerRequests compact ? compact : List.copyOf(serverRequests);
        if (strategy == null || strategy.isBlank()) {
            throw new IllegalArgumentException("a trace needs the strategy's name: " + strategy);
        }
        clients = List.copyOf(clients);
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (ClientTrace client : clients) {
            if (!ids.add(client.clientId())) {
                throw new IllegalArgumentException("client " + client.clientId() + " is listed twice: a trace's client"
                        + " ids are unique (each client's figures are kept by its id)");
            }
        }
        serverLog = Map.copyOf(serverLog);
        windows = windows.stream().sorted(Comparator.comparingLong(TraceWindow::start)).toList();
        lostCommits = List.copyOf(lostCommits);
        for (RoomLog log : serverLog.values()) {
            for (CommittedMessage m : log.messages()) {
                if (!ServerEpochs.isFinal(m.epoch(), finalEpoch)) {
                    throw new IllegalArgumentException("commit " + m.id() + " of epoch " + m.epoch()
                            + " is not of the final epoch " + finalEpoch + ": it belongs to the lost commits");
                }
            }
        }
    }

    /** A trace without the server's requests (built by hand, or before they were recorded). */
    public RunTrace(String strategy, long measuredFrom, List<ClientTrace> clients, Map<String, RoomLog> serverLog,
                    List<TraceWindow> windows, String finalEpoch, List<CommittedMessage> lostCommits) {
        this(strategy, measuredFrom, clients, serverLog, windows, finalEpoch, lostCommits, List.of());
    }

    /** This trace with {@code clients} (the same clients, in the same order, with other records) for its clients. */
    public RunTrace withClients(List<ClientTrace> clients) {
        return new RunTrace(strategy, measuredFrom, clients, serverLog, windows, finalEpoch, lostCommits, serverRequests);
    }

    /** This trace with the requests the server received. */
    public RunTrace withServerRequests(List<ServerRequest> requests) {
        return new RunTrace(strategy, measuredFrom, clients, serverLog, windows, finalEpoch, lostCommits, requests);
    }

    /**
     * The trace of every commit recorded ({@code serverLog} holds all epochs): split into the
     * final epoch's log and the lost commits of earlier epochs ({@link ServerEpochs}).
     */
    public RunTrace(String strategy, long measuredFrom, List<ClientTrace> clients, Map<String, RoomLog> serverLog,
                    List<TraceWindow> windows) {
        this(strategy, measuredFrom, clients, serverLog, windows, List.of());
    }

    /**
     * The trace of every commit recorded, with the server's starts: the final epoch is the last
     * start's ({@link ServerEpochs}), so a server that came back empty and heard from nobody
     * still lost what the earlier epochs committed.
     */
    public RunTrace(String strategy, long measuredFrom, List<ClientTrace> clients, Map<String, RoomLog> serverLog,
                    List<TraceWindow> windows, List<ServerStart> starts) {
        this(strategy, measuredFrom, clients,
                ServerEpochs.finalLog(serverLog, ServerEpochs.finalEpoch(clients, serverLog, starts)), windows,
                ServerEpochs.finalEpoch(clients, serverLog, starts),
                ServerEpochs.lost(serverLog, ServerEpochs.finalEpoch(clients, serverLog, starts)));
    }

    /**
     * The rooms of the run, sorted by name: every room any record of a client names (joins,
     * sends, changes, final transcripts, read marks, receipts, transmissions, markers, refetches),
     * or the server logged a commit in (final or lost epochs).
     */
    public List<String> rooms() {
        return List.copyOf(slices().keySet());
    }

    /**
     * The part of this trace one room's measurement reads: the same strategy, warm-up end,
     * windows and final epoch; every client in the same order, each keeping only {@code room}'s
     * entries and its welcomes and requests whole ({@link ClientTrace#slice}); the server log of
     * {@code room} alone; the lost commits of {@code room}; no server requests. What only the
     * whole run knows (when the final epoch began, the last event) is in {@link RunContext}, not
     * recomputed from a slice.
     */
    public RunTrace slice(String room) {
        return sliceOf(room, clients.stream().map(c -> c.slice(room)).toList());
    }

    /** Per room of the run ({@link #rooms}, in that order), its {@link #slice}: built in one pass over the trace. */
    public Map<String, RunTrace> slices() {
        List<Map<String, ClientTrace>> byClient = clients.stream().map(ClientTrace::slices).toList();
        java.util.SortedSet<String> rooms = new java.util.TreeSet<>(serverLog.keySet());
        byClient.forEach(m -> rooms.addAll(m.keySet()));
        lostCommits.forEach(c -> rooms.add(c.message().room()));
        List<ClientTrace> withoutRooms = clients.stream().map(ClientTrace::withoutRooms).toList();
        Map<String, RunTrace> slices = new java.util.LinkedHashMap<>();
        for (String room : rooms) {
            List<ClientTrace> parts = new java.util.ArrayList<>(clients.size());
            for (int i = 0; i < clients.size(); i++) {
                parts.add(byClient.get(i).getOrDefault(room, withoutRooms.get(i)));
            }
            slices.put(room, sliceOf(room, parts));
        }
        return slices;
    }

    /**
     * This trace without any room's entries: its clients with their welcomes and requests alone
     * ({@link ClientTrace#withoutRooms}), no server log nor lost commits, the server requests whole.
     */
    public RunTrace withoutRooms() {
        return new RunTrace(strategy, measuredFrom, clients.stream().map(ClientTrace::withoutRooms).toList(), Map.of(),
                windows, finalEpoch, List.of(), serverRequests);
    }

    private RunTrace sliceOf(String room, List<ClientTrace> parts) {
        RoomLog log = serverLog.get(room);
        return new RunTrace(strategy, measuredFrom, parts, log == null ? Map.of() : Map.of(room, log), windows,
                finalEpoch, lostCommits.stream().filter(c -> c.message().room().equals(room)).toList(), List.of());
    }

    /** Whether the server lost a history during the run (a restart without durable history). */
    public boolean lostHistory() {
        return !lostCommits.isEmpty() || clients.stream().flatMap(c -> c.welcomes().stream())
                .anyMatch(w -> !ServerEpochs.isFinal(w.epoch(), finalEpoch));
    }

    /**
     * When the final epoch began: the trace time of its first record (a commit or a welcome);
     * {@link Long#MIN_VALUE} when the run had one history. From then on, a line of a lost epoch
     * still displayed is a phantom.
     */
    public long finalEpochBegan() {
        if (!lostHistory()) {
            return Long.MIN_VALUE;
        }
        long began = Long.MAX_VALUE;
        for (RoomLog log : serverLog.values()) {
            for (CommittedMessage m : log.messages()) {
                began = Math.min(began, m.committedAt());
            }
        }
        for (ClientTrace client : clients) {
            for (WelcomeSeen welcome : client.welcomes()) {
                if (isFinalEpoch(welcome.epoch())) {
                    began = Math.min(began, welcome.at());
                }
            }
        }
        return began;
    }

    /** Whether {@code epoch} (of a commit, a welcome) is the final epoch; an unknown ({@code null}) one is. */
    public boolean isFinalEpoch(String epoch) {
        return ServerEpochs.isFinal(epoch, finalEpoch);
    }

    /**
     * The epoch {@code client}'s receiving link ({@code main} or {@code receive}, the link that
     * carries its markers and receipts) was in at {@code at}: that of its latest welcome there at
     * or before {@code at}; {@code null} when none was recorded.
     */
    public String receivingEpochAt(ClientTrace client, long at) {
        String epoch = null;
        for (WelcomeSeen welcome : client.welcomes()) {
            if (welcome.at() > at) {
                break;
            }
            String link = welcome.link().toLowerCase(Locale.ROOT);
            if (link.equals("main") || link.equals("receive")) {
                epoch = welcome.epoch();
            }
        }
        return epoch;
    }

    /** Whether a marker, receipt or read mark {@code client} had at {@code at} carries seqs of the final epoch. */
    public boolean inFinalEpochAt(ClientTrace client, long at) {
        return isFinalEpoch(receivingEpochAt(client, at));
    }

    /**
     * The head seq after which {@code client} is entitled to the messages of {@code room} in the
     * final epoch, or {@code null} when it never joined the room. Clients join their rooms on
     * their first connection, so a join belongs to the epoch of the client's first welcome; a
     * join in an earlier epoch entitles it to the final epoch from seq 1 (head 0), its recorded
     * head belonging to another seq space.
     */
    public Long entitledAfter(ClientTrace client, String room) {
        Long joined = client.joinedAt().get(room);
        if (joined == null || client.welcomes().isEmpty()) {
            return joined;
        }
        return isFinalEpoch(client.welcomes().get(0).epoch()) ? joined : 0L;
    }

    /** The log of a room, empty when the server committed nothing there. */
    public RoomLog log(String room) {
        RoomLog log = serverLog.get(room);
        return log != null ? log : new RoomLog(room, List.of());
    }
}
