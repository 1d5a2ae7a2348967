package dev.livetalk.metrics.correctness;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The counted seqs kept as runs of consecutive ones give back the sequence added, however it is ordered. */
class SeqRunsTest {

    @Test
    void shouldKeepATranscriptInOrderAsOneRun() {
        SeqRuns runs = new SeqRuns();
        for (long seq = 41; seq <= 100_040; seq++) {
            runs.add(seq);
        }
        assertThat(runs.runs()).isEqualTo(1);
        assertThat(runs.size()).isEqualTo(100_000);
        long[] all = runs.toArray();
        assertThat(all[0]).isEqualTo(41);
        assertThat(all[99_999]).isEqualTo(100_040);
    }

    @Test
    void shouldStartARunAtAGapADuplicateAndADescent() {
        SeqRuns runs = new SeqRuns();
        for (long seq : new long[] {1, 2, 3, 5, 6, 6, 7, 4, 8, 9}) {
            runs.add(seq);
        }
        assertThat(runs.toArray()).containsExactly(1, 2, 3, 5, 6, 6, 7, 4, 8, 9);
        assertThat(runs.runs()).isEqualTo(5); // 1-3, 5-6, 6-7, 4, 8-9
    }

    @Test
    void shouldGiveBackAnySequenceAndItsOrderFigures() {
        long seed = 20261207L;
        SplittableRandom random = new SplittableRandom(seed);
        for (int round = 0; round < 200; round++) {
            int n = random.nextInt(0, 400);
            long[] seqs = new long[n];
            long next = random.nextLong(-5, 50);
            for (int i = 0; i < n; i++) {
                int kind = random.nextInt(10);
                next = kind < 6 ? next + 1 : kind < 7 ? next : kind < 9 ? next + random.nextInt(2, 6)
                        : next - random.nextInt(1, 20);
                seqs[i] = next;
            }
            SeqRuns runs = new SeqRuns();
            Arrays.stream(seqs).forEach(runs::add);
            String as = "seed " + seed + " round " + round;
            assertThat(runs.size()).as(as).isEqualTo(n);
            assertThat(runs.toArray()).as(as).containsExactly(seqs);
            assertThat(Inversions.count(runs.toArray())).as(as).isEqualTo(Inversions.count(seqs));
        }
    }
}
