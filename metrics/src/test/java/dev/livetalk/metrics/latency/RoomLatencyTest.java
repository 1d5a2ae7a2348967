package dev.livetalk.metrics.latency;

import dev.livetalk.metrics.RoomProfileFixture;
import dev.livetalk.scenarios.budget.Metric;
import dev.livetalk.scenarios.budget.Phase;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static dev.livetalk.metrics.TraceFixture.ms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RoomLatencyTest {
    private final LatencyReport report = RoomProfileFixture.measured("reconcile").latency();

    @Test
    void shouldKeepEverySampleInItsRoomAsWellAsInTheStrategysSeries() {
        assertThat(report.rooms()).containsOnlyKeys("room-a", "room-b");
        LatencySeries a = report.rooms().get("room-a").series(Metric.PEER_FIRST, Phase.ALL);
        LatencySeries b = report.rooms().get("room-b").series(Metric.PEER_FIRST, Phase.ALL);
        assertThat(a.corrected().getTotalCount()).isEqualTo(1);
        assertThat(a.never()).isEqualTo(1);
        assertThat((double) a.corrected().getMaxValue()).isCloseTo(ms(100), within(ms(100) * 0.001));
        assertThat(b.corrected().getTotalCount()).isEqualTo(2);
        assertThat(b.never()).isZero();
        assertThat((double) b.corrected().getMinValue()).isCloseTo(ms(50), within(ms(50) * 0.001));
        assertThat((double) b.corrected().getMaxValue()).isCloseTo(ms(300), within(ms(300) * 0.001));
        LatencySeries all = report.series(Metric.PEER_FIRST, Phase.ALL);
        assertThat(all.corrected().getTotalCount()).isEqualTo(3);
        assertThat(all.never()).isEqualTo(1);
    }

    @Test
    void shouldSumTheRoomsSamplesToTheStrategysPerMetricAndPhase() {
        for (Metric metric : LatencyReport.METRICS) {
            for (Phase phase : LatencyReport.PHASES) {
                long completed = 0;
                long never = 0;
                for (LatencyReport room : report.rooms().values()) {
                    completed += room.series(metric, phase).corrected().getTotalCount();
                    never += room.series(metric, phase).never();
                }
                assertThat(completed).as(metric + " " + phase)
                        .isEqualTo(report.series(metric, phase).corrected().getTotalCount());
                assertThat(never).isEqualTo(report.series(metric, phase).never());
            }
        }
    }

    @Test
    void shouldKeepNoIntervalsPerRoomSoTheHlogsStayPerStrategy() {
        List<Long> ofRoom = new ArrayList<>();
        report.rooms().get("room-b").forEachInterval(Set.of(Phase.ALL), true, i -> ofRoom.add(i.index()));
        assertThat(ofRoom).isEmpty();
        List<Long> ofStrategy = new ArrayList<>();
        report.forEachInterval(Set.of(Phase.ALL), true, i -> {
            if (i.of(Metric.PEER_FIRST, Phase.ALL) != null) {
                ofStrategy.add(i.index());
            }
        });
        assertThat(ofStrategy).isNotEmpty();
        assertThat(report.rooms().get("room-b").rooms()).isEmpty();
    }
}
