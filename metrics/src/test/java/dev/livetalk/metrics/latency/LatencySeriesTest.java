package dev.livetalk.metrics.latency;

import dev.livetalk.metrics.results.LatencyFigures;
import dev.livetalk.scenarios.budget.Metric;
import dev.livetalk.scenarios.budget.Phase;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** A room's series packed once its room is measured reads the same as one never packed. */
class LatencySeriesTest {
    private static final long SEED = 20261206L;

    @Test
    void shouldReadEveryFigureOfAPackedRoomSeriesAsIfNeverPacked() {
        SplittableRandom random = new SplittableRandom(SEED);
        LatencySeries room = LatencySeries.ofRoom();
        LatencySeries plain = new LatencySeries();
        // more than the buffer holds, from sub-microsecond to minutes: the histograms grow
        for (int i = 0; i < 5_000; i++) {
            long c = sample(random);
            long r = Math.min(c, sample(random));
            room.record(c, r);
            plain.record(c, r);
        }
        room.recordNever(3);
        plain.recordNever(3);

        room.pack();

        assertThat(room.packed()).isTrue();
        assertSame(room, plain);
        assertThat(room.packed()).as("reading decodes a copy, the series stays packed").isTrue();
    }

    @Test
    void shouldTakeSamplesAfterItWasPackedWithoutLosingTheEarlierOnes() {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        LatencySeries room = LatencySeries.ofRoom();
        LatencySeries plain = new LatencySeries();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 700; i++) {
                long c = sample(random);
                room.record(c, c / 2);
                plain.record(c, c / 2);
            }
            room.pack();
            assertThat(room.packed()).isTrue();
        }
        assertSame(room, plain);
    }

    @Test
    void shouldPackOnlyRoomsWithSamplesAndNeverAStrategysSeries() {
        LatencySeries empty = LatencySeries.ofRoom();
        empty.pack();
        assertThat(empty.packed()).isFalse();
        assertThat(empty.corrected().getTotalCount()).isZero();

        LatencySeries strategy = new LatencySeries();
        strategy.record(1_000, 1_000);
        strategy.pack();
        assertThat(strategy.packed()).isFalse();
        assertThat(strategy.corrected().getTotalCount()).isEqualTo(1);
    }

    @Test
    void shouldPackTheRoomsRecordedIntoOnceTheyAreCollected() {
        LatencyReport report = new LatencyReport(new Phases(List.of()));
        report.record(Metric.PEER_FIRST, "room-a", 0, 0, 5_000_000);
        report.record(Metric.PEER_FIRST, "room-b", 0, 0, 7_000_000);
        report.record(Metric.PEER_FIRST, "room-a", 0, 0, 9_000_000);

        report.packRooms();

        LatencySeries a = report.rooms().get("room-a").series(Metric.PEER_FIRST, Phase.ALL);
        LatencySeries b = report.rooms().get("room-b").series(Metric.PEER_FIRST, Phase.ALL);
        assertThat(a.packed()).isTrue();
        assertThat(b.packed()).isTrue();
        assertThat(report.series(Metric.PEER_FIRST, Phase.ALL).packed()).isFalse();
        assertThat(a.corrected().getTotalCount()).isEqualTo(2);
        assertThat(b.corrected().getTotalCount()).isEqualTo(1);
        assertThat(report.series(Metric.PEER_FIRST, Phase.ALL).corrected().getTotalCount()).isEqualTo(3);

        report.record(Metric.PEER_FIRST, "room-b", 0, 0, 11_000_000);
        assertThat(b.corrected().getTotalCount()).as("a sample after packing unpacks the room's series").isEqualTo(2);
        assertThat(b.packed()).isFalse();
        report.packRooms();
        assertThat(b.packed()).isTrue();
        assertThat(b.corrected().getMaxValue()).isEqualTo(b.corrected().highestEquivalentValue(11_000_000));
    }

    private static void assertSame(LatencySeries room, LatencySeries plain) {
        assertThat(room.corrected()).isEqualTo(plain.corrected());
        assertThat(room.raw()).isEqualTo(plain.raw());
        Histogram c = room.corrected();
        Histogram expected = plain.corrected();
        assertThat(c.getTotalCount()).isEqualTo(expected.getTotalCount());
        assertThat(c.getMaxValue()).isEqualTo(expected.getMaxValue());
        assertThat(c.getMinValue()).isEqualTo(expected.getMinValue());
        assertThat(c.getMinNonZeroValue()).isEqualTo(expected.getMinNonZeroValue());
        assertThat(c.getMean()).isEqualTo(expected.getMean());
        assertThat(c.getStdDeviation()).isEqualTo(expected.getStdDeviation());
        assertThat(room.never()).isEqualTo(plain.never());
        assertThat(LatencyFigures.of("peer-first", "all", room.corrected(), room.raw(), room.never()))
                .isEqualTo(LatencyFigures.of("peer-first", "all", plain.corrected(), plain.raw(), plain.never()));
    }

    /** A latency from 100 ns to about 2 minutes, log-uniform. */
    private static long sample(SplittableRandom random) {
        return (long) Math.pow(10, 2 + random.nextDouble() * 9.1);
    }
}
