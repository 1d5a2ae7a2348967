package dev.livetalk.metrics.ledger;

import java.util.List;

/**
 * One intended message and what happened to it at its sender and at the server. Times are
 * microseconds since the end of the warm-up (negative during it); {@code null} means it never
 * happened.
 *
 * <p>Immutable; any thread.
 *
 * @param key            the logical message's key, unique in the run
 * @param room           the room
 * @param sender         the sending user (and client)
 * @param id             the server id of its first commit, or {@code null} when never committed
 * @param seq            the seq of its first commit, or {@code null}
 * @param replyTo        the server id of the message it answers, or {@code null}
 * @param intendedUs     when the load meant to send it ({@code null}: a commit without a recorded send)
 * @param handedUs       when the client was asked to send it
 * @param transmittedUs  when it first left the client
 * @param transmissions  how many times it left the client (retries included)
 * @param transmitted    every time it left the client, in order, with the client message id it went out under
 *                       (empty in a ledger written before they were recorded)
 * @param clientMsgIds   every client message id it went out under, first one first
 * @param echoUs         when a line of it first showed at the sender
 * @param ackUs          when the sender first showed it committed (sent or later)
 * @param committedUs    when the server first committed it
 * @param commits        every commit of it, in seq order (more than one: a resend under a new id committed twice)
 * @param statuses       every status its line at the sender showed, in order, with when it began
 * @param finalStatus    its status at the sender at the end, or {@code null} when no line shows it there
 * @param senderMoves    how many times a line of it jumped to another place at its sender (its
 *                       {@link DeliveryRow#moves()} are at the recipients)
 * @param lostCommits    its commits in epochs a restart without durable history lost, in commit
 *                       order ({@code commits}, {@code id}, {@code seq} and {@code committedUs} are
 *                       the final epoch's); empty for a run with one history
 * @param acknowledgedLost whether the server lost it after its sender saw it acknowledged: committed
 *                       only in lost epochs, a line of it shown committed at its sender (neither
 *                       lost nor a peer latency sample; docs/METRICS.md, "Server restarts")
 */
public record MessageRow(String key, String room, String sender, String id, Long seq, String replyTo,
                         Long intendedUs, Long handedUs, Long transmittedUs, int transmissions,
                         @AddedLater List<Sent> transmitted, List<String> clientMsgIds, Long echoUs, Long ackUs, Long committedUs,
                         List<Commit> commits, List<StatusStep> statuses, String finalStatus,
                         int senderMoves, @AddedLater List<Commit> lostCommits, @AddedLater boolean acknowledgedLost) {
    public MessageRow {
        transmitted = transmitted == null ? List.of() : List.copyOf(transmitted);
        clientMsgIds = List.copyOf(clientMsgIds);
        commits = List.copyOf(commits);
        statuses = List.copyOf(statuses);
        lostCommits = lostCommits == null ? List.of() : List.copyOf(lostCommits);
    }

    /** A message of a run with one history (nothing lost). */
    public MessageRow(String key, String room, String sender, String id, Long seq, String replyTo,
                      Long intendedUs, Long handedUs, Long transmittedUs, int transmissions,
                      List<Sent> transmitted, List<String> clientMsgIds, Long echoUs, Long ackUs, Long committedUs,
                      List<Commit> commits, List<StatusStep> statuses, String finalStatus, int senderMoves) {
        this(key, room, sender, id, seq, replyTo, intendedUs, handedUs, transmittedUs, transmissions, transmitted,
                clientMsgIds, echoUs, ackUs, committedUs, commits, statuses, finalStatus, senderMoves, List.of(), false);
    }

    /** One transmission: it left the client under {@code clientMsgId} at {@code atUs}. */
    public record Sent(String clientMsgId, long atUs) {
    }

    /**
     * One commit: the server gave {@code clientMsgId} the seq {@code seq} and id {@code id} at
     * {@code atUs}, in history {@code epoch} ({@code null}: not recorded).
     */
    public record Commit(long seq, String id, String clientMsgId, long atUs, @AddedLater String epoch) {
        /** A commit whose epoch was not recorded. */
        public Commit(long seq, String id, String clientMsgId, long atUs) {
            this(seq, id, clientMsgId, atUs, null);
        }
    }

    /**
     * The sender's line showed {@code status} from {@code atUs}; {@code lostEpoch}: while the
     * sender's link was in an epoch the server lost (a READ then is not judged).
     */
    public record StatusStep(String status, long atUs, @AddedLater boolean lostEpoch) {
        /** A step of a run with one history. */
        public StatusStep(String status, long atUs) {
            this(status, atUs, false);
        }
    }
}
