package dev.livetalk.client.transcript;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyIndexTest {
    @Test
    void shouldPutReplaceGetAndRemoveLikeAMap() {
        KeyIndex<Integer> index = new KeyIndex<>();
        assertThat(index.put("m-1", 1)).isNull();
        assertThat(index.put("m-1", 2)).isEqualTo(1);
        assertThat(index.get(new String("m-1".toCharArray()))).as("found by equal content, not identity").isEqualTo(2);
        assertThat(index.containsKey("m-2")).isFalse();
        assertThat(index.remove("m-2")).isNull();
        assertThat(index.remove("m-1")).isEqualTo(2);
        assertThat(index.size()).isZero();
        assertThat(index.get("m-1")).isNull();
        assertThatThrownBy(() -> index.put(null, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> index.put("k", null)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Random puts, replacements and removals against a HashMap, over keys that collide on
     * purpose ("Aa" and "BB" have one hashCode, so do all strings of such pairs): long probe
     * runs, wrap-around at the end of the table, and backward shifts across both.
     */
    @Test
    void shouldAgreeWithAHashMapUnderCollisionsGrowthAndRemovals() {
        long seed = 7_2026_1129L;
        SplittableRandom random = new SplittableRandom(seed);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            StringBuilder key = new StringBuilder();
            for (int bit = 0; bit < 8; bit++) {
                key.append((i >> bit & 1) == 0 ? "Aa" : "BB");
            }
            keys.add(key.toString());          // 256 keys, one hashCode
            keys.add("m-" + i);                // and 256 ordinary ones
        }
        KeyIndex<Integer> index = new KeyIndex<>();
        Map<String, Integer> model = new HashMap<>();
        for (int step = 0; step < 300_000; step++) {
            String key = keys.get(random.nextInt(keys.size()));
            int op = random.nextInt(10);
            if (op < 5) {
                assertThat(index.put(key, step)).as("seed %d step %d put %s", seed, step, key).isEqualTo(model.put(key, step));
            } else if (op < 8) {
                assertThat(index.remove(key)).as("seed %d step %d remove %s", seed, step, key).isEqualTo(model.remove(key));
            } else {
                assertThat(index.get(key)).as("seed %d step %d get %s", seed, step, key).isEqualTo(model.get(key));
            }
            assertThat(index.size()).isEqualTo(model.size());
        }
        for (String key : keys) {
            assertThat(index.get(key)).as("seed %d final %s", seed, key).isEqualTo(model.get(key));
        }
    }

    /**
     * Small tables (16 slots) with a few families of colliding keys each: over many trials some
     * family's run crosses the end of the table, so removals shift entries back across it.
     */
    @Test
    void shouldAgreeWithAHashMapWhenRunsWrapAroundTheTableEnd() {
        long seed = 11_2026_1129L;
        SplittableRandom random = new SplittableRandom(seed);
        for (int trial = 0; trial < 2_000; trial++) {
            List<String> keys = new ArrayList<>();
            for (int family = 0; family < 3; family++) {
                String prefix = Integer.toString(random.nextInt(1_000_000), 36);
                for (String pairs : List.of("AaAa", "AaBB", "BBAa", "BBBB")) {
                    keys.add(prefix + pairs);   // four keys of one hashCode per family
                }
            }
            KeyIndex<Integer> index = new KeyIndex<>();
            Map<String, Integer> model = new HashMap<>();
            for (int step = 0; step < 200; step++) {
                String key = keys.get(random.nextInt(keys.size()));
                if (random.nextBoolean() && model.size() < 8) {
                    assertThat(index.put(key, step)).as("seed %d trial %d step %d", seed, trial, step)
                            .isEqualTo(model.put(key, step));
                } else {
                    assertThat(index.remove(key)).as("seed %d trial %d step %d", seed, trial, step)
                            .isEqualTo(model.remove(key));
                }
                for (String k : keys) {
                    assertThat(index.get(k)).as("seed %d trial %d step %d get %s", seed, trial, step, k)
                            .isEqualTo(model.get(k));
                }
            }
        }
    }

    @Test
    void shouldFindEveryKeyAfterGrowingFromEmptyToManyThousands() {
        KeyIndex<String> index = new KeyIndex<>();
        for (int i = 0; i < 50_000; i++) {
            index.put("r1-" + i, "line " + i);
        }
        for (int i = 0; i < 50_000; i += 2) {
            index.remove("r1-" + i);
        }
        assertThat(index.size()).isEqualTo(25_000);
        for (int i = 0; i < 50_000; i++) {
            assertThat(index.get("r1-" + i)).isEqualTo(i % 2 == 0 ? null : "line " + i);
        }
    }
}
