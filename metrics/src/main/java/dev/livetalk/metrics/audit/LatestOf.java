package dev.livetalk.metrics.audit;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The latest of several times that the ledger admits each at several values (a time in an edge's
 * microsecond may fall on either side of it): every value the latest may take, one that a time
 * may take while every other may take one no later.
 *
 * <p>Stateless; any thread.
 */
final class LatestOf {
    private LatestOf() {
    }

    /** Every value the latest of {@code times} may take; each set holds the values of one time (not empty). */
    static SortedSet<Long> of(List<? extends SortedSet<Long>> times) {
        TreeSet<Long> latest = new TreeSet<>();
        for (SortedSet<Long> values : times) {
            for (long value : values) {
                if (times.stream().allMatch(other -> other.first() <= value)) {
                    latest.add(value);
                }
            }
        }
        return latest;
    }
}
