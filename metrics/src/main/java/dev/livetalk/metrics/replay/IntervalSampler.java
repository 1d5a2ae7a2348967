package dev.livetalk.metrics.replay;

import dev.livetalk.metrics.trace.CommittedMessage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Samples one client's room into {@link IntervalCounts} while {@link TranscriptReplayer} replays
 * it in time order. Inversions and pending come from the {@link DisplayOrder}'s counters; the
 * missing count is kept as "due so far minus due and displayed": the entitled messages sorted
 * by commit time become due one by one as samples advance, and a message already due that
 * appears or disappears moves the displayed count. O(1) amortised per change and per message.
 *
 * <p>Single use, single thread.
 */
final class IntervalSampler {
    /** A message is due (its absence counts as missing) this long after its commit: 1 s. */
    static final long DUE_AFTER_NANOS = 1_000_000_000L;

    private final SampleGrid grid;
    private final DisplayOrder order;
    private final ShownCounts shownCount;
    private final long joinedAt;
    private final DueOrder due;
    private final IntervalCounts counts;
    private int next;
    private int duePassed;
    private long dueShown;
    private long dueThrough = Long.MIN_VALUE;

    /**
     * The messages of a room's log a member that joined at head {@code joinedAt} becomes due for, in
     * the order they do: each once, by the commit time of its first entitled commit (ties in the log's
     * order). What it depends on is the room's log and the member's head, so the members of a room
     * replayed side by side share it ({@link MessageIndex#dueOrder}): it was a list of a record per
     * message of the room per member.
     */
    record DueOrder(long[] committedAt, LogicalMessage[] messages) {
        static DueOrder of(MessageIndex index, String room, long joinedAt, List<CommittedMessage> log) {
            record Due(long committedAt, LogicalMessage message) {
            }
            List<Due> due = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (CommittedMessage commit : log) {
                LogicalMessage message = index.byId(room, commit.id());
                if (commit.seq() > joinedAt && message != null && seen.add(message.key())) {
                    due.add(new Due(entitledCommitAt(message, joinedAt), message));
                }
            }
            due.sort(Comparator.comparingLong(Due::committedAt));
            long[] at = new long[due.size()];
            LogicalMessage[] messages = new LogicalMessage[due.size()];
            for (int i = 0; i < at.length; i++) {
                at[i] = due.get(i).committedAt();
                messages[i] = due.get(i).message();
            }
            return new DueOrder(at, messages);
        }

        int size() {
            return messages.length;
        }
    }

    IntervalSampler(SampleGrid grid, DisplayOrder order, ShownCounts shownCount, DueOrder due, long joinedAt) {
        this.grid = grid;
        this.order = order;
        this.shownCount = shownCount;
        this.joinedAt = joinedAt;
        this.counts = new IntervalCounts(grid.count());
        this.due = due;
    }

    /** Takes every sample whose instant is not after {@code at}: before a change at {@code at} is applied. */
    void sampleBefore(long at) {
        while (next < grid.count() && grid.end(next) <= at) {
            take(next++);
        }
    }

    /** Takes the remaining samples: the display stays as it is to the end of the grid. */
    IntervalCounts finish() {
        sampleBefore(Long.MAX_VALUE);
        return counts;
    }

    /** {@code message} got its first line ({@code +1}) or lost its last one ({@code -1}). */
    void onVisibility(LogicalMessage message, int delta) {
        if (dueThrough != Long.MIN_VALUE) {
            long committedAt = entitledCommitAt(message, joinedAt);
            if (committedAt != Long.MAX_VALUE && committedAt <= dueThrough) {
                dueShown += delta;
            }
        }
    }

    private void take(int k) {
        long end = grid.end(k);
        dueThrough = end - DUE_AFTER_NANOS;
        while (duePassed < due.size() && due.committedAt()[duePassed] <= dueThrough) {
            if (shownCount.of(due.messages()[duePassed]) > 0) {
                dueShown++;
            }
            duePassed++;
        }
        counts.set(k, order.descents(), order.pending(), duePassed - dueShown);
    }

    /**
     * The commit time of the message's first commit entitled to a member that joined at head
     * {@code joinedAt}, or {@code Long.MAX_VALUE} when none is.
     */
    private static long entitledCommitAt(LogicalMessage message, long joinedAt) {
        for (CommittedMessage commit : message.commits()) {
            if (commit.seq() > joinedAt) {
                return commit.committedAt();
            }
        }
        return Long.MAX_VALUE;
    }
}
