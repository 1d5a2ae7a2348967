package dev.livetalk.metrics.trace;

import dev.livetalk.client.transcript.TranscriptChange;
import dev.livetalk.client.transcript.TranscriptEntry;

import java.util.List;
import java.util.Map;

/**
 * What one client did and showed during a run, on the trace clock.
 *
 * <p>Immutable; any thread.
 *
 * @param clientId          unique per run
 * @param user              the user it is logged in as
 * @param joinedAt          per room, the head seq when it joined: it is entitled to every
 *                          message with a higher seq (in the epoch it joined in; across a
 *                          restart without durable history see {@link RunTrace#entitledAfter})
 * @param sends             its sends, in order
 * @param changes           every change of its transcripts, in order, status changes
 *                          ({@code StatusChanged}: sent, delivered, read, failed) included
 * @param finalTranscripts  per room, the lines displayed at the end (after quiescence); checked
 *                          against the change log, which is the source of truth
 * @param readMarks         the read markers it sent
 * @param receipts          the receipts it received
 * @param transmissions     every send it put on the wire, in order (retries included)
 * @param markers           every delivered and read marker it put on the wire, in order
 * @param welcomes          every welcome it received, in order, with the server epoch of each
 * @param refetches         every batch of messages it received again from history (history replies, resume replays)
 * @param requests          every hello, join, leave and history request it put on the wire, in order (sends are
 *                          {@code transmissions}); empty in traces built without them
 */
public record ClientTrace(String clientId, String user, Map<String, Long> joinedAt, List<SendRecord> sends,
                          List<TranscriptChange> changes, Map<String, List<TranscriptEntry>> finalTranscripts,
                          List<ReadMark> readMarks, List<ReceiptSeen> receipts, List<Transmission> transmissions,
                          List<MarkerSent> markers, List<WelcomeSeen> welcomes, List<Refetch> refetches,
                          List<RequestSent> requests) {
    public ClientTrace {
        if (clientId == null || user == null) {
            throw new IllegalArgumentException("a client trace needs an id and a user: " + clientId + ", " + user);
        }
        joinedAt = Map.copyOf(joinedAt);
        sends = List.copyOf(sends);
        changes = List.copyOf(changes);
        finalTranscripts = Map.copyOf(finalTranscripts);
        readMarks = List.copyOf(readMarks);
        receipts = List.copyOf(receipts);
        transmissions = List.copyOf(transmissions);
        markers = List.copyOf(markers);
        welcomes = List.copyOf(welcomes);
        refetches = List.copyOf(refetches);
        requests = List.copyOf(requests);
    }

    /** A client trace without the requests it sent other than sends (traces built before they were recorded). */
    public ClientTrace(String clientId, String user, Map<String, Long> joinedAt, List<SendRecord> sends,
                       List<TranscriptChange> changes, Map<String, List<TranscriptEntry>> finalTranscripts,
                       List<ReadMark> readMarks, List<ReceiptSeen> receipts, List<Transmission> transmissions,
                       List<MarkerSent> markers, List<WelcomeSeen> welcomes, List<Refetch> refetches) {
        this(clientId, user, joinedAt, sends, changes, finalTranscripts, readMarks, receipts, transmissions, markers,
                welcomes, refetches, List.of());
    }

    /** A client trace without what went on the wire (traces built by hand for the checkers). */
    public ClientTrace(String clientId, String user, Map<String, Long> joinedAt, List<SendRecord> sends,
                       List<TranscriptChange> changes, Map<String, List<TranscriptEntry>> finalTranscripts,
                       List<ReadMark> readMarks, List<ReceiptSeen> receipts) {
        this(clientId, user, joinedAt, sends, changes, finalTranscripts, readMarks, receipts, List.of(), List.of(),
                List.of(), List.of(), List.of());
    }

    /** Whether the client joined the room. */
    public boolean isMemberOf(String room) {
        return joinedAt.containsKey(room);
    }
}
