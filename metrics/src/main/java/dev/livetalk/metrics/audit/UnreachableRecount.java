package dev.livetalk.metrics.audit;

import dev.livetalk.metrics.ledger.MessageRow;
import dev.livetalk.metrics.ledger.RefetchRow;
import dev.livetalk.metrics.ledger.TranscriptRow;
import dev.livetalk.metrics.ledger.WelcomeRow;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bounded-history rule (docs/METRICS.md, "Bounded history") recounted from the ledger's rows
 * alone: for each welcome of a client on its {@code main} or {@code receive} link, in the final
 * epoch (the epoch of the final log's commits, else of the latest welcome), whose {@code resume}
 * status for a room is {@code history-truncated}, or that is not the link's first welcome and has
 * no status for the room, f is the {@code first_seq} of the client's first
 * {@code history} refetch of the room at or after the welcome with a first_seq above 0; the
 * commits of the room the client is entitled to with a seq below f that it had not shown by the
 * welcome (its echo, or its delivery row's {@code first_shown_us}, later or never) are
 * unreachable for it. The union over the welcomes. The ledger's {@code deliveries.unreachable}
 * flags are not read: they come from the checkers' rule, which this recounts.
 *
 * <p>Immutable once built; any thread.
 */
final class UnreachableRecount {
    private static final char SEP = '\u0000';
    private final Set<String> unreachable = new HashSet<>();

    /**
     * The unreachable commits of the room of {@code index}; {@code finalEpoch} is the epoch of the
     * final log ({@link #finalEpoch}).
     */
    UnreachableRecount(LedgerIndex index, String finalEpoch) {
        RoomRows ledger = index.rows();
        Map<String, Long> joined = new HashMap<>();
        for (TranscriptRow transcript : ledger.transcripts()) {
            if (transcript.joinedAtSeq() != null) {
                joined.put(transcript.client() + SEP + transcript.room(), transcript.joinedAtSeq());
            }
        }
        Set<String> linksSeen = new HashSet<>();
        for (WelcomeRow welcome : ledger.welcomes()) {
            boolean reconnection = !linksSeen.add(welcome.client() + SEP + welcome.link());
            boolean receiving = welcome.link().equalsIgnoreCase("main") || welcome.link().equalsIgnoreCase("receive");
            if (!receiving || (finalEpoch != null && !finalEpoch.equals(welcome.epoch()))) {
                continue;
            }
            for (TranscriptRow transcript : ledger.transcripts()) {
                String room = transcript.room();
                String status = welcome.resume().get(room);
                Long head = joined.get(welcome.client() + SEP + room);
                if (!transcript.client().equals(welcome.client()) || head == null
                        || !("history-truncated".equals(status) || (status == null && reconnection))) {
                    continue;
                }
                long firstSeq = firstSeqAfter(ledger, welcome.client(), room, welcome.atUs());
                for (MessageRow.Commit commit : index.commitsAbove(room, head)) {
                    if (commit.seq() >= firstSeq) {
                        continue;
                    }
                    MessageRow message = index.messageOfCommit(room, commit.id());
                    Long shown = index.firstShown(welcome.client(), message);
                    if (shown == null || shown > welcome.atUs()) {
                        unreachable.add(welcome.client() + SEP + room + SEP + commit.seq());
                    }
                }
            }
        }
    }

    /** Whether commit {@code seq} of {@code room} is unreachable for {@code client}. */
    boolean isUnreachable(String client, String room, Long seq) {
        return seq != null && unreachable.contains(client + SEP + room + SEP + seq);
    }

    /**
     * The epoch of the final log's commits, {@code firstCommitEpoch} (the epoch of the first commit
     * naming one, in ledger order); else of the latest welcome; {@code null}: none named (every
     * epoch is final).
     */
    static String finalEpoch(String firstCommitEpoch, List<WelcomeRow> welcomes) {
        if (firstCommitEpoch != null) {
            return firstCommitEpoch;
        }
        WelcomeRow latest = null;
        for (WelcomeRow welcome : welcomes) {
            if (latest == null || welcome.atUs() >= latest.atUs()) {
                latest = welcome;
            }
        }
        return latest == null ? null : latest.epoch();
    }

    /** The epoch of the first commit of {@code message} naming one, or {@code null}. */
    static String commitEpoch(MessageRow message) {
        for (MessageRow.Commit commit : message.commits()) {
            if (commit.epoch() != null) {
                return commit.epoch();
            }
        }
        return null;
    }

    /** The first_seq of the client's earliest history refetch of the room at or after {@code atUs} naming one; 0: none. */
    private static long firstSeqAfter(RoomRows ledger, String client, String room, long atUs) {
        RefetchRow first = null;
        for (RefetchRow refetch : ledger.refetches()) {
            if (refetch.client().equals(client) && refetch.room().equals(room) && refetch.source().equals("history")
                    && refetch.atUs() >= atUs && refetch.firstSeq() > 0
                    && (first == null || refetch.atUs() < first.atUs())) {
                first = refetch;
            }
        }
        return first == null ? 0 : first.firstSeq();
    }
}
