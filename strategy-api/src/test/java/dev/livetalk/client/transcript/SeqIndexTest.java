package dev.livetalk.client.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SeqIndexTest {
    @Test
    void shouldAnswerLikeATreeMapUnderRandomInsertsAndRemoves() {
        long seed = 20261129L;
        Random random = new Random(seed);
        SeqIndex<String> index = new SeqIndex<>();
        TreeMap<Long, String> model = new TreeMap<>();
        for (int op = 0; op < 20_000; op++) {
            long seq = 1 + random.nextInt(400);
            if (random.nextInt(3) == 0) {
                index.remove(seq);
                model.remove(seq);
            } else {
                String line = "line" + op;
                assertThat(index.putIfAbsent(seq, line)).as("seed %d op %d put %d", seed, op, seq)
                        .isEqualTo(model.putIfAbsent(seq, line));
            }
            long probe = random.nextInt(402);
            assertThat(index.higher(probe)).as("seed %d op %d higher %d", seed, op, probe)
                    .isEqualTo(value(model.higherEntry(probe)));
            assertThat(index.lower(probe)).as("seed %d op %d lower %d", seed, op, probe)
                    .isEqualTo(value(model.lowerEntry(probe)));
            assertThat(index.last()).isEqualTo(value(model.lastEntry()));
            assertThat(index.size()).isEqualTo(model.size());
        }
    }

    @Test
    void shouldRemoveEverySeqAtOrBelowAGivenOneFromTheLowEnd() {
        SeqIndex<String> index = new SeqIndex<>();
        for (long seq : new long[] {3, 5, 8, 9}) {
            index.putIfAbsent(seq, "s" + seq);
        }

        index.removeThrough(5);

        assertThat(index.size()).isEqualTo(2);
        assertThat(index.lowestSeq()).isEqualTo(8);
        assertThat(index.get(5)).isNull();
        assertThat(index.lower(8)).isNull();
        index.removeThrough(7);
        assertThat(index.size()).isEqualTo(2);
        index.clear();
        assertThat(index.size()).isZero();
        assertThat(index.lowestSeq()).isZero();
        assertThat(index.putIfAbsent(1, "s1")).isNull();
        assertThat(index.last()).isEqualTo("s1");
    }

    /** A sliding window: mostly appends, the lowest removed often (the head moves), gaps filled. */
    @Test
    void shouldAnswerLikeATreeMapWhileTheLowestIsRemovedFromTheHead() {
        long seed = 20261204L;
        Random random = new Random(seed);
        SeqIndex<String> index = new SeqIndex<>();
        TreeMap<Long, String> model = new TreeMap<>();
        long next = 1;
        for (int op = 0; op < 50_000; op++) {
            int pick = random.nextInt(10);
            if (pick < 5) {
                long seq = next;
                next += 1 + random.nextInt(2); // leaves gaps
                assertThat(index.putIfAbsent(seq, "s" + seq)).isEqualTo(model.putIfAbsent(seq, "s" + seq));
            } else if (pick < 9 && !model.isEmpty()) {
                long lowest = model.firstKey();
                index.remove(lowest);
                model.remove(lowest);
            } else if (!model.isEmpty()) {
                long gap = model.firstKey() + random.nextInt((int) Math.min(50, next - model.firstKey()) + 1);
                assertThat(index.putIfAbsent(gap, "g" + gap)).as("seed %d op %d gap %d", seed, op, gap)
                        .isEqualTo(model.putIfAbsent(gap, "g" + gap));
            }
            long probe = model.isEmpty() ? next : model.firstKey() - 1 + random.nextInt(60);
            assertThat(index.get(probe)).as("seed %d op %d get %d", seed, op, probe).isEqualTo(model.get(probe));
            assertThat(index.higher(probe)).as("seed %d op %d higher %d", seed, op, probe)
                    .isEqualTo(value(model.higherEntry(probe)));
            assertThat(index.lower(probe)).as("seed %d op %d lower %d", seed, op, probe)
                    .isEqualTo(value(model.lowerEntry(probe)));
            assertThat(index.last()).isEqualTo(value(model.lastEntry()));
            assertThat(index.size()).isEqualTo(model.size());
        }
    }

    @Test
    void shouldAppendInOrderAndFillAGapBetween() {
        SeqIndex<String> index = new SeqIndex<>();
        for (long seq = 1; seq <= 100; seq++) {
            if (seq != 50) {
                assertThat(index.putIfAbsent(seq, "s" + seq)).isNull();
            }
        }
        assertThat(index.higher(49)).isEqualTo("s51");
        assertThat(index.putIfAbsent(50, "s50")).isNull();
        assertThat(index.higher(49)).isEqualTo("s50");
        assertThat(index.lower(51)).isEqualTo("s50");
        assertThat(index.putIfAbsent(50, "again")).isEqualTo("s50");
        assertThat(index.size()).isEqualTo(100);
        assertThat(index.last()).isEqualTo("s100");
    }

    @Test
    void shouldBeEmptyAfterRemovingEverything() {
        SeqIndex<String> index = new SeqIndex<>();
        index.putIfAbsent(7, "a");
        index.putIfAbsent(3, "b");
        index.remove(7);
        index.remove(3);
        index.remove(3);
        assertThat(index.size()).isZero();
        assertThat(index.last()).isNull();
        assertThat(index.higher(0)).isNull();
        assertThat(index.lower(100)).isNull();
    }

    private static String value(Map.Entry<Long, String> entry) {
        return entry == null ? null : entry.getValue();
    }
}
