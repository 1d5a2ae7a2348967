package dev.livetalk.metrics.results;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PercentilesTest {

    /** Samples of 1, 2, ... {@code n} ms. */
    private static Histogram millis(int n) {
        Histogram h = new Histogram(3);
        for (int i = 1; i <= n; i++) {
            h.recordValue(i * 1_000_000L);
        }
        return h;
    }

    @Test
    void shouldReadP99AsTheCompletedValueWhenExactlyOnePercentNeverCame() {
        Percentiles p = Percentiles.of(millis(99), 1);
        assertThat(p.count()).isEqualTo(100);
        assertThat(p.p99()).isEqualTo(millis(99).highestEquivalentValue(99_000_000L));
        assertThat(p.p999()).isEqualTo(Percentiles.NEVER);
        assertThat(p.max()).isEqualTo(Percentiles.NEVER);
    }

    @Test
    void shouldReadP99AsNeverOnceMoreThanOnePercentNeverCame() {
        Percentiles p = Percentiles.of(millis(98), 2);
        assertThat(p.p99()).isEqualTo(Percentiles.NEVER);
        assertThat(p.p90()).isEqualTo(millis(98).highestEquivalentValue(90_000_000L));
        assertThat(Percentiles.of(millis(989), 11).p99()).isEqualTo(Percentiles.NEVER); // 1.1%
        assertThat(Percentiles.of(millis(990), 10).p99()).isNotEqualTo(Percentiles.NEVER); // 1.0%
    }

    @Test
    void shouldReadEveryPercentileAsNeverWithoutACompletedSample() {
        Percentiles p = Percentiles.of(new Histogram(3), 3);
        assertThat(p).isEqualTo(new Percentiles(3, Percentiles.NEVER, Percentiles.NEVER, Percentiles.NEVER,
                Percentiles.NEVER, Percentiles.NEVER));
    }

    @Test
    void shouldReadZerosWithoutAnyIntendedSample() {
        assertThat(Percentiles.of(new Histogram(3), 0)).isEqualTo(new Percentiles(0, 0, 0, 0, 0, 0));
    }

    @Test
    void shouldAgreeWithHdrHistogramWhenNothingNeverCame() {
        Random random = new Random(13);
        for (int run = 0; run < 200; run++) {
            Histogram h = new Histogram(3);
            int n = 1 + random.nextInt(3_000);
            for (int i = 0; i < n; i++) {
                h.recordValue(1 + (long) (random.nextDouble() * random.nextDouble() * 5e9));
            }
            Percentiles p = Percentiles.of(h, 0);
            assertThat(p).as("%d samples", n).isEqualTo(new Percentiles(n, h.getValueAtPercentile(50),
                    h.getValueAtPercentile(90), h.getValueAtPercentile(99), h.getValueAtPercentile(99.9),
                    h.getMaxValue()));
            assertThat(Percentiles.of(h)).isEqualTo(p);
        }
    }

    @Test
    void shouldRankExactlyAtTheCeilingOfTheShare() {
        assertThat(Percentiles.rank(99, 100)).isEqualTo(99);
        assertThat(Percentiles.rank(99, 101)).isEqualTo(100);
        assertThat(Percentiles.rank(10, 11)).isEqualTo(2); // 1.1 rounds up, not to the nearest
        assertThat(Percentiles.rank(99, 1_010)).isEqualTo(1_000); // 999.9
        assertThat(Percentiles.rank(99.9, 1_000)).isEqualTo(999);
        assertThat(Percentiles.rank(50, 1)).isEqualTo(1);
        assertThat(Percentiles.rank(0, 10)).isEqualTo(1);
        assertThat(Percentiles.rank(100, 10)).isEqualTo(10);
        assertThatThrownBy(() -> Percentiles.rank(100.5, 10)).hasMessage("a percentile must be within 0..100: 100.5");
        assertThatThrownBy(() -> Percentiles.rank(50, 0)).hasMessage("a percentile needs at least one sample: 0");
    }
}
