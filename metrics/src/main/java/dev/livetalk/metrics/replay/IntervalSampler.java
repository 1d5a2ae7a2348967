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
    private final List<Due> due = new ArrayList<>();
    private final IntervalCounts counts;
    private int next;
    private int duePassed;
    private long dueShown;
    private long dueThrough = Long.MIN_VALUE;

    private record Due(long committedAt, LogicalMessage message) {
    }

    IntervalSampler(SampleGrid grid, DisplayOrder order, ShownCounts shownCount, MessageIndex index,
                    String room, long joinedAt, List<CommittedMessage> log) {
        this.grid = grid;
        this.order = order;
        this.shownCount = shownCount;
        this.joinedAt = joinedAt;
        this.counts = new IntervalCounts(grid.count());
        Set<String> seen = new HashSet<>();
        for (CommittedMessage commit : log) {
            LogicalMessage message = index.byId(room, commit.id());
            if (commit.seq() > joinedAt && message != null && seen.add(message.key())) {
                due.add(new Due(entitledCommitAt(message), message));
            }
        }
        due.sort(Comparator.comparingLong(Due::committedAt));
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
            long committedAt = entitledCommitAt(message);
            if (committedAt != Long.MAX_VALUE && committedAt <= dueThrough) {
                dueShown += delta;
            }
        }
    }

    private void take(int k) {
        long end = grid.end(k);
        dueThrough = end - DUE_AFTER_NANOS;
        while (duePassed < due.size() && due.get(duePassed).committedAt() <= dueThrough) {
            if (shownCount.of(due.get(duePassed).message()) > 0) {
                dueShown++;
            }
            duePassed++;
        }
        counts.set(k, order.descents(), order.pending(), duePassed - dueShown);
    }

    /** The commit time of the message's first entitled commit, or {@code Long.MAX_VALUE} when not entitled. */
    private long entitledCommitAt(LogicalMessage message) {
        for (CommittedMessage commit : message.commits()) {
            if (commit.seq() > joinedAt) {
                return commit.committedAt();
            }
        }
        return Long.MAX_VALUE;
    }
}
