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
 * @param commits        its commits in the final epoch, in seq order; empty when the server
 *                       never committed it there (what the run is judged against)
 * @param lostCommits    its commits in earlier epochs, which a restart without durable history
 *                       lost, in commit-time order (docs/METRICS.md, "Server restarts")
 */
public record LogicalMessage(String key, String room, String from, String senderClientId, SendRecord send,
                             List<CommittedMessage> commits, List<CommittedMessage> lostCommits) {
    public LogicalMessage {
        commits = List.copyOf(commits);
        lostCommits = List.copyOf(lostCommits);
    }

    /** A message of a run with one history. */
    public LogicalMessage(String key, String room, String from, String senderClientId, SendRecord send,
                          List<CommittedMessage> commits) {
        this(key, room, from, senderClientId, send, commits, List.of());
    }

    /** Whether the server committed it in a lost epoch and not again in the final one: the server lost it. */
    public boolean isLostByServer() {
        return commits.isEmpty() && !lostCommits.isEmpty();
    }

    /** Whether the server committed it at least once in the final epoch. */
    public boolean isCommitted() {
        return !commits.isEmpty();
    }

    /** The seq of its first commit, or 0 when uncommitted. */
    public long firstSeq() {
        return commits.isEmpty() ? 0 : commits.get(0).seq();
    }
}
