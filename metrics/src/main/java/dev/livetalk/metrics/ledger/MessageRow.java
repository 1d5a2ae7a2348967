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
 * @param clientMsgIds   every client message id it went out under, first one first
 * @param echoUs         when a line of it first showed at the sender
 * @param ackUs          when the sender first showed it committed (sent or later)
 * @param committedUs    when the server first committed it
 * @param commits        every commit of it, in seq order (more than one: a resend under a new id committed twice)
 * @param statuses       every status its line at the sender showed, in order, with when it began
 * @param finalStatus    its status at the sender at the end, or {@code null} when no line shows it there
 */
public record MessageRow(String key, String room, String sender, String id, Long seq, String replyTo,
                         Long intendedUs, Long handedUs, Long transmittedUs, int transmissions,
                         List<String> clientMsgIds, Long echoUs, Long ackUs, Long committedUs,
                         List<Commit> commits, List<StatusStep> statuses, String finalStatus) {
    public MessageRow {
        clientMsgIds = List.copyOf(clientMsgIds);
        commits = List.copyOf(commits);
        statuses = List.copyOf(statuses);
    }

    /** One commit: the server gave {@code clientMsgId} the seq {@code seq} and id {@code id} at {@code atUs}. */
    public record Commit(long seq, String id, String clientMsgId, long atUs) {
    }

    /** The sender's line showed {@code status} from {@code atUs}. */
    public record StatusStep(String status, long atUs) {
    }
}
