package dev.livetalk.simulator;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class EventLoopTest {

    @Test
    void shouldRunActionsByTimeThenBySchedulingOrder() {
        EventLoop loop = new EventLoop();
        List<String> ran = new ArrayList<>();
        loop.at(30, now -> ran.add("c@" + now));
        loop.at(10, now -> ran.add("a@" + now));
        loop.at(10, now -> ran.add("b@" + now));
        loop.at(20, now -> loop.at(20, later -> ran.add("d@" + later)));

        loop.runUntil(100);

        assertThat(ran).containsExactly("a@10", "b@10", "d@20", "c@30");
        assertThat(loop.now()).isEqualTo(100);
        assertThat(loop.executed()).isEqualTo(5);
    }

    @Test
    void shouldRunAnActionScheduledInThePastNow() {
        EventLoop loop = new EventLoop();
        List<Long> times = new ArrayList<>();
        loop.at(50, now -> loop.at(5, late -> times.add(late)));

        loop.runUntil(60);

        assertThat(times).containsExactly(50L);
    }

    @Test
    void shouldKeepHeapOrderForManyRandomTimes() {
        long seed = 42;
        SplittableRandom random = new SplittableRandom(seed);
        EventLoop loop = new EventLoop();
        List<Long> seen = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            loop.at(random.nextLong(1_000_000), seen::add);
        }

        loop.runUntil(1_000_000);

        assertThat(seen).hasSize(10_000).isSorted();
    }

    @Test
    void shouldRunManyTiesInSchedulingOrderWhileActionsScheduleMore() {
        long seed = 7;
        SplittableRandom random = new SplittableRandom(seed);
        EventLoop loop = new EventLoop();
        List<long[]> scheduled = new ArrayList<>();   // {time, scheduling order}
        List<Long> ran = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            long time = random.nextLong(40);
            long order = scheduled.size();
            scheduled.add(new long[] {time, order});
            loop.at(time, now -> {
                ran.add(order);
                if (order % 3 == 0) {   // a third schedule one more, at a time that ties with others
                    long later = now + random.nextLong(3);
                    long next = scheduled.size();
                    scheduled.add(new long[] {later, next});
                    loop.at(later, after -> ran.add(next));
                }
            });
        }

        loop.runUntil(1_000);

        List<Long> expected = scheduled.stream()
                .sorted(java.util.Comparator.<long[]>comparingLong(k -> k[0]).thenComparingLong(k -> k[1]))
                .map(k -> k[1]).toList();
        assertThat(ran).as("seed %d", seed).hasSize(scheduled.size()).isEqualTo(expected);
    }

    @Test
    void shouldStopWhenTheConditionHoldsOrAtTheDeadline() {
        EventLoop loop = new EventLoop();
        int[] count = {0};
        for (int i = 1; i <= 10; i++) {
            loop.at(i * 10L, now -> count[0]++);
        }

        assertThat(loop.runUntil(() -> count[0] == 3, 1_000)).isTrue();
        assertThat(loop.now()).isEqualTo(30);
        assertThat(loop.runUntil(() -> count[0] == 100, 75)).isFalse();
        assertThat(loop.now()).isEqualTo(75);
        assertThat(count[0]).isEqualTo(7);
    }

    /**
     * The queue against a reference ({@code PriorityQueue} by time, then scheduling order): actions
     * scheduled from outside between slices of time (also before the last slice's end, so in the
     * past), from inside actions (at the same time, soon, far off), spread over the whole range of
     * a long run (nanoseconds up to days), with both kinds of {@code runUntil}.
     */
    @Test
    void shouldRunInTheReferenceOrderWhateverTheMixOfTimes() {
        for (long seed = 1; seed <= 20; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            EventLoop loop = new EventLoop();
            java.util.PriorityQueue<long[]> reference = new java.util.PriorityQueue<>(
                    java.util.Comparator.<long[]>comparingLong(k -> k[0]).thenComparingLong(k -> k[1]));
            List<Long> ran = new ArrayList<>();
            List<Long> expected = new ArrayList<>();
            long[] order = {0};
            long[] referenceNow = {0};
            java.util.function.LongConsumer schedule = new java.util.function.LongConsumer() {
                @Override
                public void accept(long time) {
                    long id = order[0]++;
                    reference.add(new long[] {Math.max(time, referenceNow[0]), id});
                    loop.at(time, now -> {
                        ran.add(id);
                        assertThat(now).isEqualTo(loop.now());
                        int children = random.nextInt(3);
                        for (int c = 0; c < children && order[0] < 60_000; c++) {
                            accept(now + spread(random));
                        }
                    });
                }
            };
            for (int slice = 0; slice < 400; slice++) {
                for (int i = random.nextInt(40); i > 0; i--) {
                    schedule.accept(loop.now() - random.nextLong(1_000) + spread(random));
                }
                long end = loop.now() + spread(random);
                if (random.nextBoolean()) {
                    loop.runUntil(end);
                } else {
                    int stopAfter = ran.size() + random.nextInt(50);
                    loop.runUntil(() -> ran.size() >= stopAfter, end);
                }
                // the reference runs what the loop ran, each child scheduled at its parent's time or later
                while (expected.size() < ran.size()) {
                    long[] next = reference.poll();
                    referenceNow[0] = next[0];
                    expected.add(next[1]);
                }
                referenceNow[0] = Math.max(referenceNow[0], loop.now());
                assertThat(ran).as("seed %d, slice %d", seed, slice).isEqualTo(expected);
                assertThat(loop.pending()).as("seed %d", seed).isEqualTo(reference.size());
            }
        }
    }

    /** A delay: often none (a tie), mostly short, now and then of any size up to about a day. */
    private static long spread(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextLong(100);
            case 2 -> random.nextLong(50_000_000);
            default -> random.nextLong(1L << random.nextInt(47));
        };
    }
}
