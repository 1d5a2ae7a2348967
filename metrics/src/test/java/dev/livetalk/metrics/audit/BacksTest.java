package dev.livetalk.metrics.audit;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Backs} against brute force: every placement in nanoseconds of the welcomes and edges
 * that share a microsecond, each judged by the checkers' rule (RecoveryCheck.backAt), gives the
 * times, and the no-welcome, that {@link Backs} admits, and no other.
 */
class BacksTest {
    private static final long NONE = Long.MIN_VALUE;
    private static final int PLACES = 5; // nanosecond offsets tried within a microsecond

    @Test
    void shouldAdmitExactlyWhatSomePlacementInNanosecondsGives() {
        SplittableRandom random = new SplittableRandom(201);
        for (int round = 0; round < 400; round++) {
            long start = 100 + random.nextInt(2);
            long end = start + random.nextInt(3);
            long until = random.nextInt(4) == 0 ? Long.MAX_VALUE : end + random.nextInt(3);
            int n = random.nextInt(5);
            long[] at = new long[n];
            int[] link = new int[n];
            for (int i = 0; i < n; i++) {
                at[i] = start - 1 + random.nextInt((int) Math.min(until, end + 3) - (int) start + 2);
                link[i] = random.nextInt(2);
            }
            List<Backs> links = new ArrayList<>();
            for (int l = 0; l < 2; l++) {
                List<Long> own = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    if (link[i] == l) {
                        own.add(at[i]);
                    }
                }
                links.add(Backs.ofLink(own.stream().mapToLong(Long::longValue).toArray(), start, end, until));
            }
            Backs client = Backs.latest(links);
            TreeSet<Long> admitted = new TreeSet<>(client.welcomedAt());
            if (client.mayBeNone()) {
                admitted.add(NONE);
            }
            String what = "start %d end %d until %d welcomes %s links %s".formatted(start, end, until,
                    java.util.Arrays.toString(at), java.util.Arrays.toString(link));
            assertThat(admitted).as(what).isEqualTo(bruteForce(start, end, until, at, link));
        }
    }

    /** Every client back time (microseconds, or NONE) of some placement of the edges and welcomes in nanoseconds. */
    private static TreeSet<Long> bruteForce(long start, long end, long until, long[] at, int[] link) {
        long[] us = new long[at.length + 3];
        System.arraycopy(at, 0, us, 0, at.length);
        us[at.length] = start;
        us[at.length + 1] = end;
        us[at.length + 2] = until;
        TreeSet<Long> backs = new TreeSet<>();
        int[] offset = new int[us.length];
        do {
            long[] ns = new long[us.length];
            for (int i = 0; i < us.length; i++) {
                ns[i] = us[i] == Long.MAX_VALUE ? Long.MAX_VALUE : us[i] * 1_000 + offset[i] * 200L;
            }
            long s = ns[at.length];
            long e = ns[at.length + 1];
            long u = ns[at.length + 2];
            if (s < e && e <= u) {
                backs.add(back(ns, link, s, e, u));
            }
        } while (next(offset, us));
        return backs;
    }

    /** The checkers' rule: per link, the first welcome in [end, until), else the last in (start, end); the latest. */
    private static long back(long[] ns, int[] link, long start, long end, long until) {
        long latest = NONE;
        for (int l = 0; l < 2; l++) {
            long first = Long.MAX_VALUE;
            long last = NONE;
            for (int i = 0; i < link.length; i++) {
                if (link[i] != l) {
                    continue;
                }
                if (ns[i] >= end && ns[i] < until) {
                    first = Math.min(first, ns[i]);
                } else if (ns[i] > start && ns[i] < end) {
                    last = Math.max(last, ns[i]);
                }
            }
            long back = first != Long.MAX_VALUE ? first : last;
            latest = Math.max(latest, back == NONE ? NONE : Math.floorDiv(back, 1_000));
        }
        return latest;
    }

    /** The next placement: offsets counted up, only for the times that share a microsecond with another. */
    private static boolean next(int[] offset, long[] us) {
        for (int i = 0; i < offset.length; i++) {
            if (!shared(us, i)) {
                continue;
            }
            if (++offset[i] < PLACES) {
                return true;
            }
            offset[i] = 0;
        }
        return false;
    }

    private static boolean shared(long[] us, int i) {
        for (int j = 0; j < us.length; j++) {
            if (j != i && us[j] == us[i]) {
                return true;
            }
        }
        return false;
    }
}
