package dev.livetalk.metrics.drift;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MannKendallTest {

    /**
     * The worked example "A Mann-Kendall Example (By Hand)" (College of the Holy Cross,
     * mathcs.holycross.edu/~little/Montserrat/MannKendallByHand.txt): 14 values with one pair of
     * ties; published S = 54, V = 14*13*33/18 - 2*1*9/18, Z = (S - 1)/sqrt(V) = 2.9058 and a
     * one-sided p of about 0.0018 from the normal table.
     */
    @Test
    void shouldGiveThePublishedFiguresOfTheWorkedExampleWithATie() {
        double[] series = {12.9, 14.8, 13.2, 15.7, 13.8, 15.6, 12.9, 11.0, 17.3, 15.9, 19.0, 18.3, 20.1, 21.7};

        MannKendall test = MannKendall.test(series);

        assertThat(test.n()).isEqualTo(14);
        assertThat(test.s()).isEqualTo(54);
        assertThat(test.variance()).isCloseTo(14.0 * 13 * 33 / 18 - 2.0 * 1 * 9 / 18, within(1e-9));
        assertThat(53 / Math.sqrt(test.variance())).isCloseTo(2.9058, within(1e-4));
        assertThat(test.exact()).as("ties: the normal approximation").isFalse();
        assertThat(test.pValue() / 2).isCloseTo(0.0018, within(0.0001));
        assertThat(test.significantAt(0.05)).isTrue();
    }

    /**
     * Exact upper-tail probabilities P(S >= s) of Kendall's S without ties, as tabled by Gilbert
     * (1987), Table A18: n = 4: S = 4 0.167, S = 6 0.042; n = 5: S = 4 0.242, S = 8 0.042,
     * S = 10 0.0083. The test is two-sided: twice those.
     */
    @Test
    void shouldGiveTheTabledExactProbabilitiesForShortSeriesWithoutTies() {
        assertThat(MannKendall.test(new double[] {1, 2, 3, 4}).pValue()).isCloseTo(2 * 0.042, within(0.001));
        assertThat(MannKendall.test(new double[] {2, 1, 3, 4}).pValue()).isCloseTo(2 * 0.167, within(0.001));
        assertThat(MannKendall.test(new double[] {1, 2, 3, 4, 5}).pValue()).isCloseTo(2 * 0.0083, within(0.0001));
        assertThat(MannKendall.test(new double[] {2, 1, 3, 4, 5}).pValue()).isCloseTo(2 * 0.042, within(0.001));
        assertThat(MannKendall.test(new double[] {3, 1, 2, 5, 4}).s()).isEqualTo(4);
        assertThat(MannKendall.test(new double[] {3, 1, 2, 5, 4}).pValue()).isCloseTo(2 * 0.242, within(0.001));
        assertThat(MannKendall.test(new double[] {5, 4, 3, 2, 1}).s()).isEqualTo(-10);
        assertThat(MannKendall.test(new double[] {5, 4, 3, 2, 1}).pValue()).isCloseTo(2.0 / 120, within(1e-12));
        assertThat(MannKendall.test(new double[] {1, 2, 3, 4}).exact()).isTrue();
    }

    @Test
    void shouldNeverCallFourPointsSignificantAtFivePercentAndFivePerfectOnesSo() {
        assertThat(MannKendall.test(new double[] {1, 2, 3, 4}).significantAt(0.05)).isFalse();
        assertThat(MannKendall.test(new double[] {1, 2, 3, 4, 5}).significantAt(0.05)).isTrue();
    }

    @Test
    void shouldAgreeWithTheNormalApproximationOnALongSeriesWithoutTies() {
        double[] rising = new double[30];
        double[] longer = new double[31];
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < longer.length; i++) {
            longer[i] = i * 0.1 + random.nextGaussian();
            if (i < rising.length) {
                rising[i] = longer[i];
            }
        }
        MannKendall exact = MannKendall.test(rising);
        MannKendall normal = MannKendall.test(longer);
        assertThat(exact.exact()).isTrue();
        assertThat(normal.exact()).isFalse();
        double z = (exact.s() - Long.signum(exact.s())) / Math.sqrt(exact.variance());
        double approx = 2 * org.apache.commons.statistics.distribution.NormalDistribution.of(0, 1)
                .survivalProbability(Math.abs(z));
        assertThat(exact.pValue()).isCloseTo(approx, within(0.01));
    }

    @Test
    void shouldFindNoTrendInAConstantSeries() {
        MannKendall test = MannKendall.test(new double[] {3, 3, 3, 3, 3, 3});
        assertThat(test.s()).isZero();
        assertThat(test.pValue()).isEqualTo(1.0);
    }

    @Test
    void shouldRefuseTooFewOrNonFiniteValues() {
        assertThatThrownBy(() -> MannKendall.test(new double[] {1})).hasMessageContaining("at least 2 values: 1");
        assertThatThrownBy(() -> MannKendall.test(new double[] {1, Double.NaN}))
                .hasMessageContaining("finite: NaN");
    }

    /** The smallest p of n minutes is the exact test's p of a series in order throughout: 2 / n!, 1 below 2 minutes. */
    @Test
    void theSmallestPOfNMinutesIsThatOfASeriesInOrder() {
        assertThat(MannKendall.smallestTwoSidedP(0)).isEqualTo(1.0);
        assertThat(MannKendall.smallestTwoSidedP(1)).isEqualTo(1.0);
        assertThat(MannKendall.smallestTwoSidedP(2)).isEqualTo(1.0);
        assertThat(MannKendall.smallestTwoSidedP(4)).isEqualTo(2.0 / 24);
        for (int n = 2; n <= 8; n++) {
            assertThat(MannKendall.smallestTwoSidedP(n)).as("n = " + n)
                    .isCloseTo(MannKendall.exactTwoSided(n, n * (n - 1) / 2), within(1e-12));
        }
    }
}
