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
}
