package dev.livetalk.metrics.audit;

import dev.livetalk.metrics.ledger.MessageRow;
import dev.livetalk.metrics.ledger.TranscriptRow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The correctness figures of one final transcript (one client, one room), recounted from the
 * ledger: inversions and the longest non-decreasing run counted over Fenwick trees of the seqs'
 * ranks (n log n, where an hour's transcript holds some 190,000 lines; not the checkers' merge
 * sort and patience sorting; RecountTest checks both against their definitions).
 *
 * <p>Immutable; any thread.
 */
record RoomRecount(long lost, long duplicates, long phantoms, long inversions, long pairs, long notInLongestRun,
                   long causalViolations, long stuckPending, boolean converged, long ok, long duplicated,
                   long unreachable) {

    /**
     * Recounts {@code transcript} against the room's commits; {@code ledger} indexes the run's
     * rows, {@code unreachable} tells the commits the client could not be shown (not entitled).
     */
    static RoomRecount of(TranscriptRow transcript, LedgerIndex ledger, UnreachableRecount unreachable) {
        long joined = transcript.joinedAtSeq() == null ? 0 : transcript.joinedAtSeq();
        Map<String, Integer> shown = new HashMap<>();
        Map<String, Integer> firstPosition = new HashMap<>();
        List<Long> seqs = new ArrayList<>();
        List<String> shownIds = new ArrayList<>();
        long phantoms = 0;
        for (int i = 0; i < transcript.lines().size(); i++) {
            TranscriptRow.Line line = transcript.lines().get(i);
            boolean committedLine = line.id() != null && line.seq() > 0;
            if (line.status().equals("failed") && !committedLine) {
                continue; // an honest failure: the client's own send, marked failed, never committed
            }
            MessageRow message = line.key() == null ? null : ledger.message(line.key());
            boolean lostLine = line.id() != null && ledger.messageOfCommit(transcript.room(), line.id()) == null;
            if (lostLine && i < transcript.evictedLines()) {
                continue; // scrolled away before its epoch was lost: not held against the final transcript
            }
            if (message == null || message.seq() == null || lostLine) { // a lost epoch's line: the server no longer has it
                phantoms++;
                continue;
            }
            firstPosition.putIfAbsent(message.key(), seqs.size());
            shown.merge(message.key(), 1, Integer::sum);
            seqs.add(line.seq() > 0 ? line.seq() : message.seq());
            if ((line.seq() == 0 || line.seq() > joined)
                    && !unreachable.isUnreachable(transcript.client(), transcript.room(), line.seq())) {
                shownIds.add(line.id());
            }
        }
        long duplicates = 0;
        for (int count : shown.values()) {
            duplicates += count - 1;
        }
        List<MessageRow.Commit> entitled = ledger.commitsAbove(transcript.room(), joined);
        long lost = 0;
        long ok = 0;
        long duplicated = 0;
        long unreachables = 0;
        Set<String> counted = new HashSet<>();
        for (MessageRow.Commit commit : entitled) {
            String key = ledger.messageOfCommit(transcript.room(), commit.id()).key();
            if (!counted.add(key)) {
                continue;
            }
            if (unreachable.isUnreachable(transcript.client(), transcript.room(), commit.seq())) {
                unreachables++;
                continue;
            }
            int count = shown.getOrDefault(key, 0);
            if (count == 0) {
                lost++;
            } else if (count == 1) {
                ok++;
            } else {
                duplicated++;
            }
        }
        List<String> entitledIds = entitled.stream()
                .filter(c -> !unreachable.isUnreachable(transcript.client(), transcript.room(), c.seq()))
                .map(MessageRow.Commit::id).toList();
        long n = seqs.size();
        return new RoomRecount(lost, duplicates, phantoms, inversions(seqs), n * (n - 1) / 2, n - longestRun(seqs),
                causalViolations(transcript, joined, firstPosition, ledger), stuckPending(transcript, ledger),
                phantoms == 0 && shownIds.equals(entitledIds), ok, duplicated, unreachables);
    }

    /**
     * Pairs of lines i before j with seq(i) greater than seq(j): for each line, the earlier lines
     * less than or equal to it counted in a Fenwick tree over the seqs' ranks, the rest are above.
     */
    static long inversions(List<Long> list) {
        long[] seqs = list.stream().mapToLong(Long::longValue).toArray();
        long[] distinct = ranks(seqs);
        long[] tree = new long[distinct.length + 1];
        long found = 0;
        for (int i = 0; i < seqs.length; i++) {
            int rank = rankOf(distinct, seqs[i]);
            long atMost = 0;
            for (int k = rank; k > 0; k -= k & -k) {
                atMost += tree[k];
            }
            found += i - atMost;
            for (int k = rank; k < tree.length; k += k & -k) {
                tree[k]++;
            }
        }
        return found;
    }

    /**
     * The longest non-decreasing subsequence: for each line, the longest run ending at an earlier
     * line with a seq at most its own, plus one; the runs kept in a Fenwick tree of maxima over
     * the seqs' ranks.
     */
    static long longestRun(List<Long> list) {
        long[] seqs = list.stream().mapToLong(Long::longValue).toArray();
        long[] distinct = ranks(seqs);
        long[] tree = new long[distinct.length + 1];
        long longest = 0;
        for (long seq : seqs) {
            int rank = rankOf(distinct, seq);
            long best = 0;
            for (int k = rank; k > 0; k -= k & -k) {
                best = Math.max(best, tree[k]);
            }
            best++;
            for (int k = rank; k < tree.length; k += k & -k) {
                tree[k] = Math.max(tree[k], best);
            }
            longest = Math.max(longest, best);
        }
        return longest;
    }

    /** The distinct seqs, ascending. */
    private static long[] ranks(long[] seqs) {
        return java.util.Arrays.stream(seqs).sorted().distinct().toArray();
    }

    /** The 1-based rank of {@code seq} among {@code distinct}. */
    private static int rankOf(long[] distinct, long seq) {
        return java.util.Arrays.binarySearch(distinct, seq) + 1;
    }

    /**
     * Replies this client first showed before its entitled parent was shown, plus replies whose
     * first line ends above their parent's first line.
     */
    private static long causalViolations(TranscriptRow transcript, long joined, Map<String, Integer> firstPosition,
                                         LedgerIndex ledger) {
        long violations = 0;
        Set<String> early = new HashSet<>();
        for (MessageRow reply : ledger.messagesIn(transcript.room())) {
            MessageRow parent = reply.replyTo() == null ? null : ledger.messageOfCommit(reply.room(), reply.replyTo());
            if (parent == null || parent.seq() == null || parent.seq() <= joined) {
                continue;
            }
            Long replyShown = ledger.firstShown(transcript.client(), reply);
            Long parentShown = ledger.firstShown(transcript.client(), parent);
            if (replyShown != null && (parentShown == null || parentShown > replyShown)) {
                early.add(reply.key());
                violations++;
            }
        }
        for (Map.Entry<String, Integer> e : firstPosition.entrySet()) {
            MessageRow reply = ledger.message(e.getKey());
            MessageRow parent = reply.replyTo() == null ? null : ledger.messageOfCommit(reply.room(), reply.replyTo());
            Integer parentAt = parent == null ? null : firstPosition.get(parent.key());
            if (parentAt != null && parentAt > e.getValue() && !early.contains(reply.key())) {
                violations++;
            }
        }
        return violations;
    }

    /** The client's own sends in the room never shown acknowledged nor failed. */
    private static long stuckPending(TranscriptRow transcript, LedgerIndex ledger) {
        long stuck = 0;
        for (MessageRow message : ledger.messagesIn(transcript.room())) {
            if (message.handedUs() == null || !message.sender().equals(transcript.client())) {
                continue;
            }
            boolean failed = message.statuses().stream().anyMatch(s -> s.status().equals("failed"));
            if (message.ackUs() == null && !failed) {
                stuck++;
            }
        }
        return stuck;
    }
}
