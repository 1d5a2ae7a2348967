package dev.livetalk.metrics.replay;

import com.carrotsearch.hppc.IntIntHashMap;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** A builder's table of a member's messages' numbers, read back in the order of their places. */
class StepRunsTest {

    @Test
    void shouldReadTheNumbersBackInTheOrderOfTheirPlacesAndAnswerNoneForAPlaceWithout() {
        Random random = new Random(20261207L);
        for (int round = 0; round < 200; round++) {
            IntIntHashMap numbers = StepRuns.numbers();
            TreeMap<Integer, Integer> oracle = new TreeMap<>();
            int size = random.nextInt(round < 20 ? 3 : 2_000);
            for (int number = 0; number < size; number++) {
                int place = random.nextInt(50_000);
                if (!oracle.containsKey(place)) {
                    oracle.put(place, number);
                    numbers.put(place, number);
                }
            }
            int[][] sorted = StepRuns.sorted(numbers);
            assertThat(sorted[0]).as("round " + round).containsExactly(oracle.keySet().stream()
                    .mapToInt(Integer::intValue).toArray());
            assertThat(sorted[1]).as("round " + round).containsExactly(oracle.values().stream()
                    .mapToInt(Integer::intValue).toArray());
            for (int probe = 0; probe < 100; probe++) {
                int place = random.nextInt(50_000);
                assertThat(numbers.getOrDefault(place, -1)).isEqualTo(oracle.getOrDefault(place, -1));
            }
        }
    }
}
