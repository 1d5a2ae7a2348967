package dev.livetalk.metrics.correctness;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class InversionsTest {

    @Test
    void shouldFindNoInversionInSortedOrder() {
        long[] seqs = {1, 2, 3, 4};
        assertThat(Inversions.count(seqs)).isZero();
        assertThat(Inversions.kendallTau(0, Inversions.pairs(4))).isEqualTo(1.0);
        assertThat(Inversions.notInLongestRun(seqs)).isZero();
    }

    @Test
    void shouldCountEveryPairOfAReversedTranscript() {
        // 3 2 1: pairs (3,2) (3,1) (2,1) all inverted; C(3,2) = 3; tau = 1 - 6/3 = -1; LIS = 1 -> n - LIS = 2
        long[] seqs = {3, 2, 1};
        assertThat(Inversions.count(seqs)).isEqualTo(3);
        assertThat(Inversions.kendallTau(3, Inversions.pairs(3))).isEqualTo(-1.0);
        assertThat(Inversions.notInLongestRun(seqs)).isEqualTo(2);
    }

    @Test
    void shouldCountInversionsKendallTauAndLisOfAHandMadeTranscript() {
        // 3 1 2 5 4: inversions (3,1) (3,2) (5,4) = 3; C(5,2) = 10; tau = 1 - 6/10 = 0.4;
        // LIS 1 2 5 (or 1 2 4) has 3 -> n - LIS = 2 (move 3 and 4 or 5)
        long[] seqs = {3, 1, 2, 5, 4};
        assertThat(Inversions.count(seqs)).isEqualTo(3);
        assertThat(Inversions.kendallTau(3, Inversions.pairs(5))).isCloseTo(0.4, within(1e-12));
        assertThat(Inversions.notInLongestRun(seqs)).isEqualTo(2);
    }

    @Test
    void shouldNotCountEqualSeqsOfADuplicateAsInverted() {
        // 2 2 1: (2,1) twice; the two 2s are not a pair out of order; LIS 2 2 -> n - LIS = 1
        long[] seqs = {2, 2, 1};
        assertThat(Inversions.count(seqs)).isEqualTo(2);
        assertThat(Inversions.notInLongestRun(seqs)).isEqualTo(1);
    }

    @Test
    void shouldAgreeWithTheQuadraticCountOnSeededRandomOrders() {
        long seed = 20261129L;
        SplittableRandom random = new SplittableRandom(seed);
        for (int round = 0; round < 200; round++) {
            long[] seqs = random.longs(random.nextInt(0, 60), 1, 40).toArray();
            long brute = 0;
            for (int i = 0; i < seqs.length; i++) {
                for (int j = i + 1; j < seqs.length; j++) {
                    brute += seqs[i] > seqs[j] ? 1 : 0;
                }
            }
            assertThat(Inversions.count(seqs)).as("seed %d round %d", seed, round).isEqualTo(brute);
        }
    }
}
