package dev.livetalk.metrics.audit;

import dev.livetalk.metrics.ledger.WelcomeRow;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * A window's reconnect peak (docs/METRICS.md, Recovery): the most welcomes of every client in one
 * 1 s bucket, buckets counted from the window's start, from the start until the recovery ended, as
 * the ledger tells it. The checkers place each welcome in nanoseconds, the ledger in microseconds:
 * a welcome in the microsecond of the window's start, of a bucket's start or of the end of the
 * count may have fallen on either side of it. So the peak reads as any count from the most
 * welcomes surely in one bucket to the most that may be ({@link Reading.AnyOf}); one count when no
 * welcome shares a microsecond with an edge.
 *
 * <p>Stateless; any thread.
 */
final class ReconnectPeak {
    private static final long SECOND_US = 1_000_000L;

    /**
     * Until when the count may run ({@code untilUs}, inclusive): when the recovery may have ended, or the next
     * window's start when it may never have. {@code surelyAtUntil}: how many welcomes in that microsecond surely
     * count, the links back then (the recovery cannot end before a link was back).
     */
    record Reach(long untilUs, long surelyAtUntil) {
    }

    private ReconnectPeak() {
    }

    /** The peak of {@code welcomes} from {@code fromUs} until any of {@code reaches} (not empty). */
    static Reading of(Collection<WelcomeRow> welcomes, long fromUs, Collection<Reach> reaches) {
        TreeSet<Long> peaks = new TreeSet<>();
        for (Reach reach : reaches) {
            Map<Long, Long> surely = new HashMap<>();
            Map<Long, Long> maybe = new HashMap<>();
            for (WelcomeRow welcome : welcomes) {
                long at = welcome.atUs();
                if (at < fromUs || at > reach.untilUs()) {
                    continue;
                }
                long bucket = (at - fromUs) / SECOND_US;
                maybe.merge(bucket, 1L, Long::sum);
                if (onBucketStart(at - fromUs)) { // may be the last of the bucket before
                    maybe.merge(bucket - 1, 1L, Long::sum);
                } else if (at > fromUs && at < reach.untilUs()) {
                    surely.merge(bucket, 1L, Long::sum);
                }
            }
            long untilSinceStart = reach.untilUs() - fromUs;
            if (reach.surelyAtUntil() > 0 && untilSinceStart > 0 && !onBucketStart(untilSinceStart)) {
                surely.merge(untilSinceStart / SECOND_US, reach.surelyAtUntil(), Long::sum);
            }
            for (long peak = most(surely); peak <= most(maybe); peak++) {
                peaks.add(peak);
            }
        }
        return Reading.anyOf(peaks.stream().<Reading>map(Reading.Whole::new).toList());
    }

    private static boolean onBucketStart(long sinceStartUs) {
        return sinceStartUs > 0 && sinceStartUs % SECOND_US == 0;
    }

    private static long most(Map<Long, Long> buckets) {
        return buckets.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }
}
