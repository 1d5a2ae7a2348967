package dev.livetalk.metrics.drift;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TheilSenTest {

    @Test
    void shouldFindAnExactLine() {
        TheilSen line = TheilSen.fit(new double[] {3, 5, 7, 9, 11});
        assertThat(line.slope()).isEqualTo(2.0);
        assertThat(line.intercept()).isEqualTo(3.0);
        assertThat(line.at(10)).isEqualTo(23.0);
    }

    /**
     * By hand: the six pairwise slopes of (1, 1), (2, 3), (3, 2), (4, 5) are 2, 1/2, 4/3, -1, 1
     * and 3; their median is (1 + 4/3) / 2 = 7/6; the intercepts y - 7/6 x are -1/6, 2/3, -3/2
     * and 1/3, whose median is (-1/6 + 1/3) / 2 = 1/12.
     */
    @Test
    void shouldTakeTheMedianOfThePairwiseSlopes() {
        TheilSen line = TheilSen.fit(new double[] {1, 2, 3, 4}, new double[] {1, 3, 2, 5});
        assertThat(line.slope()).isCloseTo(7.0 / 6, within(1e-12));
        assertThat(line.intercept()).isCloseTo(1.0 / 12, within(1e-12));
    }

    /**
     * Sen's (1968) estimator skips pairs with equal x: with x = 1, 1, 2 the only slopes are
     * (2 - 0) / 1 and (2 - 1) / 1.
     */
    @Test
    void shouldSkipPairsAtTheSameX() {
        assertThat(TheilSen.fit(new double[] {1, 1, 2}, new double[] {0, 1, 2}).slope()).isEqualTo(1.5);
    }

    @Test
    void shouldIgnoreAWildPointWhereLeastSquaresFollowsIt() {
        double[] y = {10, 11, 12, 13, 14, 500, 16, 17, 18, 19};
        assertThat(TheilSen.fit(y).slope()).isEqualTo(1.0);
    }

    @Test
    void shouldRefuseWhatIsNoLine() {
        assertThatThrownBy(() -> TheilSen.fit(new double[] {1})).hasMessageContaining("at least 2 points: 1");
        assertThatThrownBy(() -> TheilSen.fit(new double[] {2, 2}, new double[] {1, 3}))
                .hasMessageContaining("different x: every x is 2.0");
        assertThatThrownBy(() -> TheilSen.fit(new double[] {1, 2}, new double[] {1}))
                .hasMessageContaining("same length: 2 and 1");
    }
}
