package dev.livetalk.metrics.trace;

import dev.livetalk.client.transcript.TranscriptChange;
import dev.livetalk.client.transcript.TranscriptEntry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What one client did and showed during a run, on the trace clock.
 *
 * <p>Immutable; any thread.
 *
 * @param clientId          unique per run
 * @param user              the user it is logged in as
 * @param joinedAt          per room, the head seq when it joined: it is entitled to every
 *                          message with a higher seq (in the epoch it joined in; across a
 *                          restart without durable history see {@link RunTrace#entitledAfter});
 *                          kept in the order given (the order of the joins), the order its rooms
 *                          are replayed and reported in ({@link RunContext#roomsOf})
 * @param sends             its sends, in order
 * @param changes           every change of its transcripts, in order, status changes
 *                          ({@code StatusChanged}: sent, delivered, read, failed) included
 * @param finalTranscripts  per room, the lines displayed at the end (after quiescence); checked
 *                          against the change log, which is the source of truth
 * @param readMarks         the read markers it sent
 * @param receipts          the receipts it received (read back from a spill, a {@link ReceiptsSeen}: arrays,
 *                          the most numerous record of a room)
 * @param transmissions     every send it put on the wire, in order (retries included)
 * @param markers           every delivered and read marker it put on the wire, in order
 * @param welcomes          every welcome it received, in order, with the server epoch of each
 * @param refetches         every batch of messages it received again from history (history replies, resume replays)
 * @param requests          every hello, join, leave and history request it put on the wire, in order (sends are
 *                          {@code transmissions}); empty in traces built without them
 * @param connects          every connection attempt that ended, opened or failed, in the order they ended; empty in
 *                          traces built without them
 */
public record ClientTrace(String clientId, String user, Map<String, Long> joinedAt, List<SendRecord> sends,
                          List<TranscriptChange> changes, Map<String, List<TranscriptEntry>> finalTranscripts,
                          List<ReadMark> readMarks, List<ReceiptSeen> receipts, List<Transmission> transmissions,
                          List<MarkerSent> markers, List<WelcomeSeen> welcomes, List<Refetch> refetches,
                          List<RequestSent> requests, List<ConnectAttempt> connects) {
    public ClientTrace {
        if (clientId == null || user == null) {
            throw new IllegalArgumentException("a client trace needs an id and a user: " + clientId + ", " + user);
        }
        joinedAt = inOrder(joinedAt);
        sends = List.copyOf(sends);
        changes = List.copyOf(changes);
        finalTranscripts = Map.copyOf(finalTranscripts);
        readMarks = List.copyOf(readMarks);
        receipts = receipts instanceof ReceiptsSeen ? receipts : List.copyOf(receipts);
        transmissions = List.copyOf(transmissions);
        markers = List.copyOf(markers);
        welcomes = List.copyOf(welcomes);
        refetches = List.copyOf(refetches);
        requests = List.copyOf(requests);
        connects = List.copyOf(connects);
    }

    /** A client trace without its connection attempts (traces built before they were recorded). */
    public ClientTrace(String clientId, String user, Map<String, Long> joinedAt, List<SendRecord> sends,
                       List<TranscriptChange> changes, Map<String, List<TranscriptEntry>> finalTranscripts,
                       List<ReadMark> readMarks, List<ReceiptSeen> receipts, List<Transmission> transmissions,
                       List<MarkerSent> markers, List<WelcomeSeen> welcomes, List<Refetch> refetches,
                       List<RequestSent> requests) {
        this(clientId, user, joinedAt, sends, changes, finalTranscripts, readMarks, receipts, transmissions, markers,
                welcomes, refetches, requests, List.of());
    }

    /** A client trace without the requests it sent other than sends (traces built before they were recorded). */
    public ClientTrace(String clientId, String user, Map<String, Long> joinedAt, List<SendRecord> sends,
                       List<TranscriptChange> changes, Map<String, List<TranscriptEntry>> finalTranscripts,
                       List<ReadMark> readMarks, List<ReceiptSeen> receipts, List<Transmission> transmissions,
                       List<MarkerSent> markers, List<WelcomeSeen> welcomes, List<Refetch> refetches) {
        this(clientId, user, joinedAt, sends, changes, finalTranscripts, readMarks, receipts, transmissions, markers,
                welcomes, refetches, List.of(), List.of());
    }

    /** A client trace without what went on the wire (traces built by hand for the checkers). */
    public ClientTrace(String clientId, String user, Map<String, Long> joinedAt, List<SendRecord> sends,
                       List<TranscriptChange> changes, Map<String, List<TranscriptEntry>> finalTranscripts,
                       List<ReadMark> readMarks, List<ReceiptSeen> receipts) {
        this(clientId, user, joinedAt, sends, changes, finalTranscripts, readMarks, receipts, List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of());
    }

    /**
     * This client's part of one room ({@link RunTrace#slice}): only {@code room}'s entries of
     * joinedAt, sends, changes, final transcripts, read marks, receipts, transmissions, markers and
     * refetches; its welcomes, requests and connection attempts (which have no room) whole.
     */
    public ClientTrace slice(String room) {
        ClientTrace slice = slices().get(room);
        return slice != null ? slice : withoutRooms();
    }

    /** This client without any room's entries: its welcomes, requests and connection attempts alone. */
    public ClientTrace withoutRooms() {
        return new ClientTrace(clientId, user, Map.of(), List.of(), List.of(), Map.of(), List.of(), List.of(),
                List.of(), List.of(), welcomes, List.of(), requests, connects);
    }

    /** Per room any of its entries names, in one pass: this client's part of it ({@link #slice}). */
    public Map<String, ClientTrace> slices() {
        Map<String, List<SendRecord>> sendsBy = byRoom(sends, SendRecord::room);
        Map<String, List<TranscriptChange>> changesBy = byRoom(changes, TranscriptChange::room);
        Map<String, List<ReadMark>> readMarksBy = byRoom(readMarks, ReadMark::room);
        Map<String, List<ReceiptSeen>> receiptsBy = byRoom(receipts, ReceiptSeen::room);
        Map<String, List<Transmission>> transmissionsBy = byRoom(transmissions, Transmission::room);
        Map<String, List<MarkerSent>> markersBy = byRoom(markers, MarkerSent::room);
        Map<String, List<Refetch>> refetchesBy = byRoom(refetches, Refetch::room);
        Set<String> rooms = new TreeSet<>(joinedAt.keySet());
        rooms.addAll(finalTranscripts.keySet());
        Stream.of(sendsBy, changesBy, readMarksBy, receiptsBy, transmissionsBy, markersBy, refetchesBy)
                .forEach(m -> rooms.addAll(m.keySet()));
        Map<String, ClientTrace> slices = new LinkedHashMap<>();
        for (String room : rooms) {
            slices.put(room, new ClientTrace(clientId, user, only(joinedAt, room),
                    sendsBy.getOrDefault(room, List.of()), changesBy.getOrDefault(room, List.of()),
                    only(finalTranscripts, room), readMarksBy.getOrDefault(room, List.of()),
                    receiptsBy.getOrDefault(room, List.of()), transmissionsBy.getOrDefault(room, List.of()),
                    markersBy.getOrDefault(room, List.of()), welcomes, refetchesBy.getOrDefault(room, List.of()),
                    requests, connects));
        }
        return slices;
    }

    private static <T> Map<String, List<T>> byRoom(List<T> entries, Function<T, String> room) {
        Map<String, List<T>> byRoom = new HashMap<>();
        for (T entry : entries) {
            byRoom.computeIfAbsent(room.apply(entry), r -> new ArrayList<>()).add(entry);
        }
        return byRoom;
    }

    private static <T> Map<String, T> only(Map<String, T> byRoom, String room) {
        T value = byRoom.get(room);
        return value == null ? Map.of() : Map.of(room, value);
    }

    /** This client with {@code changes} for its changes, everything else the same. */
    public ClientTrace withChanges(List<TranscriptChange> changes) {
        return new ClientTrace(clientId, user, joinedAt, sends, changes, finalTranscripts, readMarks, receipts,
                transmissions, markers, welcomes, refetches, requests, connects);
    }

    /** Whether the client joined the room. */
    public boolean isMemberOf(String room) {
        return joinedAt.containsKey(room);
    }

    /**
     * An unmodifiable copy of {@code joins} in its order, refusing a null room or head as {@link Map#copyOf}
     * does. {@code Map.copyOf}'s order is the hash table's, which depends on a salt drawn when the JVM
     * starts: a client in several rooms had its rooms replayed, its examples chosen and its ledger's
     * transcript rows ordered differently from one run of the same seed to the next.
     */
    private static Map<String, Long> inOrder(Map<String, Long> joins) {
        if (joins.isEmpty()) {
            return Map.of();
        }
        Map<String, Long> copy = new java.util.LinkedHashMap<>(joins.size() * 2);
        joins.forEach((room, head) -> copy.put(java.util.Objects.requireNonNull(room, "a joined room"),
                java.util.Objects.requireNonNull(head, "the head seq of a join")));
        return java.util.Collections.unmodifiableMap(copy);
    }
}
