package dev.livetalk.metrics.gate;

import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.IntCountsHistogram;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class IntervalSeriesTest {

    /** Seeded intervals as the report decodes them, every fifth empty. */
    private static List<AbstractHistogram> intervals(long seed, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        List<AbstractHistogram> intervals = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            IntCountsHistogram h = new IntCountsHistogram(3);
            int samples = i % 5 == 4 ? 0 : 200 + random.nextInt(2000);
            for (int k = 0; k < samples; k++) {
                h.recordValue((long) (20e6 * Math.exp(0.8 * random.nextGaussian())));
            }
            intervals.add(h);
        }
        return intervals;
    }

    @Test
    void shouldKeepPerIntervalItsSamplesPerBinAndLeaveEmptyIntervalsOut() {
        List<AbstractHistogram> intervals = intervals(3, 30);

        IntervalSeries series = IntervalSeries.of(intervals);

        List<AbstractHistogram> nonEmpty = intervals.stream().filter(h -> h.getTotalCount() > 0).toList();
        assertThat(series.size()).isEqualTo(24).isEqualTo(nonEmpty.size());
        for (int i = 0; i < nonEmpty.size(); i++) {
            AbstractHistogram h = nonEmpty.get(i);
            TreeMap<Long, Long> expected = new TreeMap<>();
            for (HistogramIterationValue x : h.recordedValues()) {
                expected.merge(BlockBootstrap.bin(h.highestEquivalentValue(x.getValueIteratedTo())),
                        x.getCountAtValueIteratedTo(), Long::sum);
            }
            IntervalSeries.Binned binned = series.intervals().get(i);
            assertThat(Arrays.stream(binned.bins()).asLongStream().boxed().toList())
                    .containsExactlyElementsOf(expected.keySet());
            assertThat(Arrays.stream(binned.counts()).asLongStream().boxed().toList())
                    .containsExactlyElementsOf(expected.values());
        }
    }

    @Test
    void shouldGiveTheExactPercentilesOfEveryIntervalsValuesMerged() {
        List<AbstractHistogram> intervals = intervals(4, 40);
        TreeMap<Long, Long> merged = new TreeMap<>();
        for (AbstractHistogram h : intervals) {
            for (HistogramIterationValue x : h.recordedValues()) {
                merged.merge(h.highestEquivalentValue(x.getValueIteratedTo()), x.getCountAtValueIteratedTo(),
                        Long::sum);
            }
        }
        long never = 300;

        BlockBootstrap.Recorded recorded = BlockBootstrap.Sample.of(intervals, never).recorded();

        long finite = merged.values().stream().mapToLong(Long::longValue).sum();
        assertThat(recorded.finite()).isEqualTo(finite);
        for (double p : new double[] {50, 90, 99, 99.9}) {
            long rank = (long) Math.ceil(p / 100 * (finite + never));
            long seen = 0;
            double expected = Double.POSITIVE_INFINITY;
            for (var e : merged.entrySet()) {
                seen += e.getValue();
                if (seen >= rank) {
                    expected = e.getKey();
                    break;
                }
            }
            assertThat(BlockBootstrap.exact(recorded, p)).as("p%s", p).isEqualTo(expected);
        }
        assertThat(BlockBootstrap.exact(recorded, 99.9)).isInfinite();
        Histogram sum = new Histogram(3);
        intervals.forEach(sum::add);
        assertThat(BlockBootstrap.exact(BlockBootstrap.Sample.of(intervals, 0).recorded(), 100))
                .isEqualTo(sum.highestEquivalentValue(sum.getMaxValue()));
    }
}
