package dev.livetalk.metrics.trace;

import dev.livetalk.client.transcript.TranscriptChange;
import dev.livetalk.protocol.Message;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.ObjIntConsumer;

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
    private final CommitsSeen commitsSeen = new CommitsSeen();
    private boolean sealed;
    private final List<ServerStart> starts = new ArrayList<>();
    private final InterimTap tap;
    /** {@link #WHOLE_ROOM_BYTES_PROPERTY}'s value when the recorder was made. */
    private final long wholeRoomBytes;

    /**
     * A recorder for {@code strategy}; latency samples count from {@code measuredFrom} (the trace
     * time the warm-up ended).
     */
    public TraceRecorder(String strategy, long measuredFrom) {
        this(strategy, measuredFrom, null, null);
    }

    /**
     * A recorder for {@code strategy} that also feeds {@code tap} (the run's interim figures) as
     * events are recorded, or none when it is {@code null}.
     */
    public TraceRecorder(String strategy, long measuredFrom, InterimTap tap) {
        this(strategy, measuredFrom, tap, null);
    }

    /**
     * As {@link #TraceRecorder(String, long)}, spilling into a new folder under {@code spillParent}
     * ({@code null}: the JVM's temporary folder).
     */
    public TraceRecorder(String strategy, long measuredFrom, Path spillParent) {
        this(strategy, measuredFrom, null, spillParent);
    }

    private TraceRecorder(String strategy, long measuredFrom, InterimTap tap, Path spillParent) {
        if (strategy == null || strategy.isBlank()) {
            throw new IllegalArgumentException("strategy must be named: " + strategy);
        }
        this.strategy = strategy;
        this.measuredFrom = measuredFrom;
        this.tap = tap;
        this.wholeRoomBytes = wholeRoomBytes(); // refused before the run plays, not after
        this.spill = spillParent == null ? TraceSpill.inTemporaryFolder() : TraceSpill.in(spillParent);
    }

    /** A new client's recorder; its id must be unique in the run. */
    public synchronized ClientRecorder client(String clientId, String user) {
        if (clients.containsKey(clientId)) {
            throw new IllegalArgumentException("client id must be unique in a run: " + clientId);
        }
        ClientRecorder recorder = new ClientRecorder(clientId, user, clients.size(), spill, tap);
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
        synchronized (this) {
            if (sealed) {
                return;
            }
            commitsSeen.onCommit(epoch, at);
            if (tap != null) {
                tap.onCommitted();
            }
        }
    }

    /** The server started with history {@code epoch} at {@code at} on the trace clock (again, after a restart). */
    public synchronized void onServerStarted(String epoch, long at) {
        if (sealed) {
            return;
        }
        starts.add(new ServerStart(epoch, at));
    }

    /** The server received a request of wire type {@code type} at {@code at} on the trace clock. */
    public synchronized void onServerRequest(String type, long at) {
        if (sealed) {
            return;
        }
        spill.serverRequest(type, at);
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
        return new RunTrace(strategy, measuredFrom, clientTraces, logs, windows, starts)
                .withServerRequests(spill.serverRequests());
    }

    /**
     * The trace as the measurement reads it, one room at a time, each room's part read from its
     * spill file alone when asked for: the same parts as {@link RoomSlices#of} gives of the whole
     * trace ({@link #build()}). The run-wide look-aheads ({@link RunContext}, the final epoch) are
     * kept up to date as the run is recorded, so no room needs another's file.
     */
    public synchronized RoomSlices slices() {
        List<ClientTrace> light = clients.values().stream().map(ClientRecorder::withoutRooms).toList();
        String finalEpoch = starts.isEmpty() ? latestEpoch(light) : ServerEpochs.finalEpoch(light, Map.of(), starts);
        boolean lostHistory = commitsSeen.anyOtherThan(finalEpoch) || light.stream()
                .flatMap(c -> c.welcomes().stream()).anyMatch(w -> !ServerEpochs.isFinal(w.epoch(), finalEpoch));
        long began = Long.MIN_VALUE;
        if (lostHistory) {
            began = commitsSeen.firstOf(finalEpoch);
            for (ClientTrace client : light) {
                for (WelcomeSeen welcome : client.welcomes()) {
                    if (ServerEpochs.isFinal(welcome.epoch(), finalEpoch)) {
                        began = Math.min(began, welcome.at());
                    }
                }
            }
        }
        long last = commitsSeen.lastOf(finalEpoch);
        Map<String, List<String>> roomsByClient = new LinkedHashMap<>();
        java.util.SortedSet<String> rooms = new java.util.TreeSet<>(spill.rooms());
        for (ClientRecorder client : clients.values()) {
            last = Math.max(last, client.lastChangeAt());
            List<String> own = client.rooms();
            roomsByClient.put(client.clientId(), own);
            rooms.addAll(own);
        }
        for (TraceWindow window : windows) {
            last = Math.max(last, window.end());
        }
        RunContext context = new RunContext(began, last, roomsByClient);
        RunTrace run = new RunTrace(strategy, measuredFrom, light, Map.of(), windows, finalEpoch, List.of(),
                spill.serverRequests());
        return RoomSlices.of(run, context, List.copyOf(rooms), room -> slice(room, finalEpoch),
                room -> part(room, finalEpoch));
    }

    /** The final epoch by the latest record (no start recorded): the latest commit's, unless a welcome is as late. */
    private String latestEpoch(List<ClientTrace> clients) {
        String epoch = commitsSeen.latestEpoch;
        long at = commitsSeen.latestEpochAt;
        for (ClientTrace client : clients) {
            for (WelcomeSeen welcome : client.welcomes()) {
                if (epoch == null || welcome.at() >= at) {
                    epoch = welcome.epoch();
                    at = welcome.at();
                }
            }
        }
        return epoch;
    }

    /**
     * The part of the trace that is about {@code room} ({@link RunTrace#slice}), read back from its
     * spill file alone: every client, in order, with its records of that room and its welcomes and
     * requests; the room's commits of {@code finalEpoch}, and of earlier epochs as lost commits;
     * the fault windows; no server requests.
     */
    private synchronized RunTrace slice(String room, String finalEpoch) {
        return slice(room, finalEpoch, spill.read(room));
    }

    /**
     * The system property of the size of a room's spill file, in bytes, up to which the room is
     * read whole for its measurement (default {@value #WHOLE_ROOM_BYTES_DEFAULT}): every member's
     * changes decoded with the rest of the room, in one pass, and held until the room is replayed. A
     * larger room is read without its changes, then its file once more for every member's changes,
     * each handed to the member's replay as it is read: no member's change log is held, for a second
     * decoding of the file. The figures are the same either way.
     */
    public static final String WHOLE_ROOM_BYTES_PROPERTY = "livetalk.measure.wholeRoomBytes";
    /** {@link #WHOLE_ROOM_BYTES_PROPERTY}'s default: 16 MiB, about 7 minutes of a room of the soak's load. */
    public static final long WHOLE_ROOM_BYTES_DEFAULT = 16L << 20;

    /**
     * The slice of {@code room}, its clients' changes read when asked for ({@link RoomSlices.Part}):
     * a room whose spill file is larger than {@link #WHOLE_ROOM_BYTES_PROPERTY} says is read without
     * its clients' changes, which are read from the file once more, every client's in one pass
     * ({@link RoomSlices.Changes#readAll}) or one client's alone, so that no change log need be in
     * memory where the slice holds every member's; a smaller one is read whole, once.
     */
    private synchronized RoomSlices.Part part(String room, String finalEpoch) {
        if (spill.bytes(room) <= wholeRoomBytes) {
            RunTrace whole = slice(room, finalEpoch);
            return new RoomSlices.Part(whole, RoomSlices.Changes.of(whole));
        }
        TraceSpill.Strings strings = new TraceSpill.Strings(); // one string per text of the room's readings
        TraceSpill.Contents contents = spill.readWithoutChanges(room, strings);
        RunTrace slice = slice(room, finalEpoch, contents);
        List<ClientRecorder> recorders = List.copyOf(clients.values());
        int[] numbers = new int[recorders.size()];
        int[] places = new int[recorders.stream().mapToInt(ClientRecorder::number).max().orElse(-1) + 1];
        java.util.Arrays.fill(places, -1);
        java.util.BitSet changed = new java.util.BitSet(recorders.size());
        for (int place = 0; place < numbers.length; place++) {
            numbers[place] = recorders.get(place).number();
            places[numbers[place]] = place;
            changed.set(place, contents.client(numbers[place]).hasChanges());
        }
        return new RoomSlices.Part(slice, new RoomSlices.Changes() {
            @Override
            public void read(int place, Consumer<TranscriptChange> each) {
                if (changed.get(place)) {
                    spill.changes(room, numbers[place], strings, each);
                }
            }

            @Override
            public void readAll(int count, ObjIntConsumer<TranscriptChange> each) {
                if (!changed.isEmpty()) {
                    spill.changes(room, strings, (number, change) -> {
                        int place = number < places.length ? places[number] : -1;
                        if (place < 0) {
                            throw new IllegalStateException("room " + room + "'s trace has changes of client #" + number
                                    + ", which this run never had (a harness bug)");
                        }
                        if (place < count) {
                            each.accept(change, place);
                        }
                    });
                }
            }
        });
    }

    /**
     * {@link #WHOLE_ROOM_BYTES_PROPERTY}'s value, or its default when it is not set.
     *
     * @throws IllegalArgumentException naming the value and the rule when it is not a whole number >= 0
     */
    public static long wholeRoomBytes() {
        String value = System.getProperty(WHOLE_ROOM_BYTES_PROPERTY);
        if (value == null) {
            return WHOLE_ROOM_BYTES_DEFAULT;
        }
        try {
            long bytes = Long.parseLong(value.strip());
            if (bytes >= 0) {
                return bytes;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException("-D" + WHOLE_ROOM_BYTES_PROPERTY + "=" + value
                + ": the bytes of a room's spill file up to which it is measured whole, a whole number >= 0");
    }

    private RunTrace slice(String room, String finalEpoch, TraceSpill.Contents contents) {
        List<ClientTrace> clientTraces = clients.values().stream()
                .map(c -> c.slice(room, contents.client(c.number()))).toList();
        List<CommittedMessage> commits = contents.commits().getOrDefault(room, List.of());
        List<CommittedMessage> kept = commits.stream().filter(m -> ServerEpochs.isFinal(m.epoch(), finalEpoch)).toList();
        List<CommittedMessage> lost = commits.stream().filter(m -> !ServerEpochs.isFinal(m.epoch(), finalEpoch))
                .sorted(java.util.Comparator.comparingLong(CommittedMessage::committedAt)).toList();
        Map<String, RoomLog> log = kept.isEmpty() ? Map.of() : Map.of(room, new RoomLog(room, kept));
        return new RunTrace(strategy, measuredFrom, clientTraces, log, windows, finalEpoch, lost, List.of());
    }

    /**
     * Stops recording where the run ends: what clients and the server report from now on (while
     * the harness closes them) is not part of the trace. {@link #build()} and {@link #digest()}
     * still read what was recorded.
     */
    public synchronized void seal() {
        sealed = true;
        spill.seal();
        clients.values().forEach(ClientRecorder::seal);
    }

    /**
     * A stable hash of everything recorded, as 64 hex digits: SHA-256 over the run's own records
     * (strategy, warm-up end, each client's id, user, joins in room order, welcomes and requests,
     * the fault windows, the server's starts) and every byte of the spill (the server's requests included). Two
     * recordings of the same events in the same order have the same digest, in any process:
     * what the simulator's determinism self-check compares, without reading the trace back.
     */
    public synchronized String digest() {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        StringBuilder own = new StringBuilder();
        own.append(strategy).append('\n').append(measuredFrom).append('\n');
        for (ClientRecorder client : clients.values()) {
            client.describe(own);
        }
        windows.forEach(w -> own.append(w).append('\n'));
        starts.forEach(s -> own.append(s).append('\n'));
        sha.update(own.toString().getBytes(StandardCharsets.UTF_8));
        spill.digest(sha);
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Stops recording and deletes the spill; what clients still report afterwards is dropped. */
    @Override
    public void close() {
        spill.close();
    }

    /** What the commits told about the epochs as they were recorded; guarded by the recorder. */
    private static final class CommitsSeen {
        private final Map<String, Long> firstByEpoch = new java.util.HashMap<>();
        private final Map<String, Long> lastByEpoch = new java.util.HashMap<>();
        private long firstWithoutEpoch = Long.MAX_VALUE;
        private long lastWithoutEpoch = Long.MIN_VALUE;
        private String latestEpoch;
        private long latestEpochAt = Long.MIN_VALUE;

        void onCommit(String epoch, long at) {
            if (epoch == null) {
                firstWithoutEpoch = Math.min(firstWithoutEpoch, at);
                lastWithoutEpoch = Math.max(lastWithoutEpoch, at);
            } else {
                firstByEpoch.merge(epoch, at, Math::min);
                lastByEpoch.merge(epoch, at, Math::max);
                if (latestEpoch == null || at > latestEpochAt) {
                    latestEpoch = epoch;
                    latestEpochAt = at;
                }
            }
        }

        /** The latest commit of the final epoch's log (a commit of no known epoch counts as of it). */
        long lastOf(String finalEpoch) {
            long last = lastWithoutEpoch;
            for (Map.Entry<String, Long> e : lastByEpoch.entrySet()) {
                if (ServerEpochs.isFinal(e.getKey(), finalEpoch)) {
                    last = Math.max(last, e.getValue());
                }
            }
            return last;
        }

        /** Whether a commit of an epoch other than {@code finalEpoch} was recorded (it was lost). */
        boolean anyOtherThan(String finalEpoch) {
            return firstByEpoch.keySet().stream().anyMatch(e -> !ServerEpochs.isFinal(e, finalEpoch));
        }

        /** The earliest commit of the final epoch (a commit of no known epoch counts as of it). */
        long firstOf(String finalEpoch) {
            long first = firstWithoutEpoch;
            for (Map.Entry<String, Long> e : firstByEpoch.entrySet()) {
                if (ServerEpochs.isFinal(e.getKey(), finalEpoch)) {
                    first = Math.min(first, e.getValue());
                }
            }
            return first;
        }
    }
}
