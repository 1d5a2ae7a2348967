package dev.livetalk.simulator;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LatencyDistributionTest {
    private static final long SEED = 7;
    private static final long MS = 1_000_000;

    @Test
    void shouldParseEveryForm() {
        assertThat(LatencyDistribution.parse("constant 2ms")).isEqualTo(new LatencyDistribution.Constant(Duration.ofMillis(2)));
        assertThat(LatencyDistribution.parse("uniform 500us..1.5ms"))
                .isEqualTo(new LatencyDistribution.Uniform(Duration.ofNanos(500_000), Duration.ofNanos(1_500_000)));
        assertThat(LatencyDistribution.parse("normal 20ms sd 5ms"))
                .isEqualTo(new LatencyDistribution.Normal(Duration.ofMillis(20), Duration.ofMillis(5)));
        assertThat(LatencyDistribution.parse("pareto 5ms alpha 1.5"))
                .isEqualTo(new LatencyDistribution.Pareto(Duration.ofMillis(5), 1.5));
        assertThat(LatencyDistribution.parse("uniform 1ms..3ms").toString()).isEqualTo("uniform 1ms..3ms");
    }

    @Test
    void shouldRefuseBadTextNamingTheValueAndTheRule() {
        assertThatThrownBy(() -> LatencyDistribution.parse("gaussian 3ms"))
                .hasMessageContaining("'gaussian 3ms'").hasMessageContaining("uniform D..D");
        assertThatThrownBy(() -> LatencyDistribution.parse("uniform 5ms..1ms"))
                .hasMessageContaining("max must be >= min (5ms): 1ms");
        assertThatThrownBy(() -> new LatencyDistribution.Pareto(Duration.ofMillis(1), 0))
                .hasMessageContaining("alpha must be > 0: 0.0");
    }

    @Test
    void shouldDrawUniformWithinItsBounds() {
        long[] draws = draw(new LatencyDistribution.Uniform(Duration.ofMillis(1), Duration.ofMillis(3)), 10_000);

        assertThat(draws[0]).isGreaterThanOrEqualTo(MS);
        assertThat(draws[draws.length - 1]).isLessThanOrEqualTo(3 * MS);
        assertThat(draws[draws.length / 2]).isBetween(19 * MS / 10, 21 * MS / 10);
    }

    @Test
    void shouldDrawNormalAroundItsMeanAndNeverNegative() {
        long[] draws = draw(new LatencyDistribution.Normal(Duration.ofMillis(2), Duration.ofMillis(2)), 10_000);

        assertThat(draws[0]).isZero();
        assertThat(draws[draws.length / 2]).isBetween(18 * MS / 10, 22 * MS / 10);
    }

    @Test
    void shouldDrawParetoWithAHeavyTail() {
        long[] draws = draw(new LatencyDistribution.Pareto(Duration.ofMillis(2), 1.5), 10_000);
        long median = draws[draws.length / 2];
        long p99 = draws[draws.length * 99 / 100];

        assertThat(draws[0]).isGreaterThanOrEqualTo(2 * MS);
        assertThat(median).isBetween(3 * MS, 4 * MS);
        assertThat(p99).isGreaterThan(10 * median);
    }

    private static long[] draw(LatencyDistribution distribution, int n) {
        SplittableRandom random = new SplittableRandom(SEED);
        long[] draws = new long[n];
        for (int i = 0; i < n; i++) {
            draws[i] = distribution.sample(random);
        }
        Arrays.sort(draws);
        return draws;
    }
}
