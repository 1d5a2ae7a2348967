package dev.livetalk.metrics.replay;

import dev.livetalk.metrics.trace.CommittedMessage;
import dev.livetalk.metrics.trace.SendRecord;

import java.util.List;

/**
 * One message as the user meant it: a send and every commit of it. A naive retry under a new
 * client message id commits one send twice; both commits belong to one logical message, so a
 * peer that shows both shows a duplicate.
 *
 * <p>Immutable; any thread.
 *
 * @param key            unique in the run
 * @param room           the room
 * @param from           the sender's user
 * @param senderClientId the client that sent it, or {@code null} when no send was recorded
 * @param send           the send, or {@code null} when no send was recorded
 * @param commits        its commits in seq order; empty when the server never committed it
 */
public record LogicalMessage(String key, String room, String from, String senderClientId, SendRecord send,
                             List<CommittedMessage> commits) {
    public LogicalMessage {
        commits = List.copyOf(commits);
    }

    /** Whether the server committed it at least once. */
    public boolean isCommitted() {
        return !commits.isEmpty();
    }

    /** The seq of its first commit, or 0 when uncommitted. */
    public long firstSeq() {
        return commits.isEmpty() ? 0 : commits.get(0).seq();
    }
}
