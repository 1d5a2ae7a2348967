package dev.livetalk.metrics.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * When a link, or a client, was back after a fault window (docs/METRICS.md, Recovery), as the
 * ledger admits it: every time it may have been back ({@code welcomedAt}, microseconds) and
 * whether it may not have been welcomed again after the window's start at all
 * ({@code mayBeNone}). A link is back at its first welcome from the window's end until the next
 * window, else at its last during the window; a client at the latest of its links.
 *
 * <p>The checkers place each welcome against the window's start, its end and the next window's
 * start in nanoseconds. The ledger floors every time to its microsecond, so a welcome in an
 * edge's own microsecond may have fallen on either side of it: each side is kept, and the
 * checkers' time is one of these.
 *
 * <p>Immutable; any thread.
 */
record Backs(SortedSet<Long> welcomedAt, boolean mayBeNone) {
    private static final long NONE = Long.MIN_VALUE;

    Backs {
        welcomedAt = Collections.unmodifiableSortedSet(new TreeSet<>(welcomedAt));
        if (welcomedAt.isEmpty() && !mayBeNone) {
            throw new IllegalArgumentException("a link or client is back at some time or may not be: none given");
        }
    }

    /**
     * Of one link, from the times of its welcomes (any order) and the window's start, end and next
     * window's start ({@link Long#MAX_VALUE} for none), all microseconds.
     */
    static Backs ofLink(long[] welcomesUs, long startUs, long endUs, long untilUs) {
        long[] at = welcomesUs.clone();
        Arrays.sort(at);
        TreeSet<Long> times = new TreeSet<>();
        boolean none = false;
        // s, e, u: how many welcomes came before the start, the end, the next window's start. The ledger fixes
        // each but for the welcomes in that edge's microsecond, which may be on either side.
        for (int s = before(at, startUs); s <= atOrBefore(at, startUs); s++) {
            for (int e = Math.max(s, before(at, endUs)); e <= atOrBefore(at, endUs); e++) {
                for (int u = Math.max(e, before(at, untilUs)); u <= atOrBefore(at, untilUs); u++) {
                    if (e < u) {
                        times.add(at[e]); // the first from the end until the next window
                    } else if (s < e) {
                        times.add(at[e - 1]); // the last during the window
                    } else {
                        none = true;
                    }
                }
            }
        }
        return new Backs(times, none);
    }

    /** Of a client, from those of its links: the latest of theirs; not welcomed again when no link was. */
    static Backs latest(List<Backs> links) {
        List<SortedSet<Long>> each = new ArrayList<>();
        for (Backs link : links) {
            TreeSet<Long> times = new TreeSet<>(link.welcomedAt);
            if (link.mayBeNone) {
                times.add(NONE); // before any time: the link adds nothing
            }
            each.add(times);
        }
        TreeSet<Long> latest = new TreeSet<>(LatestOf.of(each));
        return new Backs(latest.tailSet(NONE, false), links.isEmpty() || latest.contains(NONE));
    }

    /**
     * Whether it surely was back at {@code timeUs} once it was back by then (as when the recovery ended then):
     * welcomed again, at no earlier time.
     */
    boolean surelyAt(long timeUs) {
        return !mayBeNone && welcomedAt.first() == timeUs;
    }

    private static int before(long[] sorted, long timeUs) {
        int n = 0;
        while (n < sorted.length && sorted[n] < timeUs) {
            n++;
        }
        return n;
    }

    private static int atOrBefore(long[] sorted, long timeUs) {
        int n = before(sorted, timeUs);
        while (n < sorted.length && sorted[n] == timeUs) {
            n++;
        }
        return n;
    }
}
