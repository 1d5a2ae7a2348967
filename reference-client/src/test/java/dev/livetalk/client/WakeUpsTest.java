package dev.livetalk.client;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WakeUpsTest {
    @Test
    void shouldKeepTimesSortedAndOnceAndDropTheDueOnes() {
        WakeUps wakeUps = new WakeUps();
        assertThat(wakeUps.isEmpty()).isTrue();
        wakeUps.add(30);
        wakeUps.add(10);
        wakeUps.add(20);
        wakeUps.add(10);
        assertThat(wakeUps.first()).isEqualTo(10);
        wakeUps.removeUpTo(20);
        assertThat(wakeUps.first()).isEqualTo(30);
        wakeUps.removeUpTo(29);
        assertThat(wakeUps.first()).isEqualTo(30);
        wakeUps.removeUpTo(30);
        assertThat(wakeUps.isEmpty()).isTrue();
        assertThatThrownBy(wakeUps::first).isInstanceOf(IllegalStateException.class).hasMessageContaining("no wake-up");
    }

    /** Random adds (mostly in order, as strategies ask) and removals against a TreeSet. */
    @Test
    void shouldAgreeWithASortedSetOverManyRandomOperations() {
        long seed = 20261129L;
        SplittableRandom random = new SplittableRandom(seed);
        WakeUps wakeUps = new WakeUps();
        TreeSet<Long> model = new TreeSet<>();
        long now = 0;
        for (int step = 0; step < 200_000; step++) {
            int op = random.nextInt(10);
            if (op < 6) {
                long time = now + (random.nextInt(4) == 0 ? random.nextLong(0, 500) : 200);
                wakeUps.add(time);
                model.add(time);
            } else if (op < 9) {
                now += random.nextLong(0, 60);
                wakeUps.removeUpTo(now);
                model.headSet(now, true).clear();
            } else {
                now += random.nextLong(0, 5);
            }
            assertThat(wakeUps.isEmpty()).as("seed %d step %d", seed, step).isEqualTo(model.isEmpty());
            if (!model.isEmpty()) {
                assertThat(wakeUps.first()).as("seed %d step %d", seed, step).isEqualTo(model.first());
            }
        }
    }

    /** Drained one by one, the times come out in order: nothing lost when the array grows or moves. */
    @Test
    void shouldLoseNothingWhenTheArrayGrowsOrCompacts() {
        WakeUps wakeUps = new WakeUps();
        for (long t = 1000; t >= 1; t--) {
            wakeUps.add(t * 2);   // descending: every add is an insertion at the front
        }
        for (long t = 1; t <= 500; t++) {
            wakeUps.add(t * 2 + 1);
        }
        TreeSet<Long> expected = new TreeSet<>();
        for (long t = 1; t <= 1000; t++) {
            expected.add(t * 2);
        }
        for (long t = 1; t <= 500; t++) {
            expected.add(t * 2 + 1);
        }
        for (long time : expected) {
            assertThat(wakeUps.first()).isEqualTo(time);
            wakeUps.removeUpTo(time);
        }
        assertThat(wakeUps.isEmpty()).isTrue();
    }
}
