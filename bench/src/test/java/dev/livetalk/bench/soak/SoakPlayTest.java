package dev.livetalk.bench.soak;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SoakPlayTest {
    private static SoakPlay play(long... heaps) {
        List<SoakSample> samples = new java.util.ArrayList<>();
        for (int i = 0; i < heaps.length; i++) {
            samples.add(new SoakSample(i + 1, heaps[i], 1, 1, 1, SoakSample.NO_REPLAY));
        }
        return new SoakPlay(samples, 0, 0, 0, 0, -1, 0, 0, 0, -1, 0, 0, 0);
    }

    @Test
    void shouldFitTheSlopeByLeastSquaresWithItsStandardError() {
        SoakPlay.Slope slope = play(100, 210, 290, 400).slope();
        // x = 1..4, mean 2.5, Sxx = 5; y mean 250; Sxy = (-1.5)(-150) + (-0.5)(-40) + 0.5(40) + 1.5(150) = 490
        assertThat(slope.perMinute()).isCloseTo(98.0, within(1e-9));
        // residuals: 100-103, 210-201, 290-299, 400-397 = -3, 9, -9, 3: SSR 180, / (n-2) = 90, / Sxx = 18
        assertThat(slope.standardError()).isCloseTo(Math.sqrt(18), within(1e-9));
    }

    @Test
    void shouldHaveNoErrorWithTwoSamplesAndNoSlopeWithOne() {
        assertThat(play(100, 300).slope()).isEqualTo(new SoakPlay.Slope(200, Double.NaN));
        assertThat(play(100).slope()).isNull();
    }

    @Test
    void shouldFindAFlatLineFlat() {
        SoakPlay.Slope slope = play(500, 500, 500).slope();
        assertThat(slope.perMinute()).isZero();
        assertThat(slope.standardError()).isZero();
    }
}
