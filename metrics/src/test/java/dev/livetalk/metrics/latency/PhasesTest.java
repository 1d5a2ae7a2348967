package dev.livetalk.metrics.latency;

import dev.livetalk.metrics.trace.TraceWindow;
import dev.livetalk.scenarios.budget.Phase;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.livetalk.metrics.TraceFixture.ms;
import static org.assertj.core.api.Assertions.assertThat;

class PhasesTest {
    private final Phases phases = new Phases(List.of(
            new TraceWindow("a", 0, ms(1_000), ms(2_000), List.of(), false),
            new TraceWindow("b", 0, ms(3_000), ms(4_000), List.of(), false)));

    @Test
    void shouldPhaseByTheFaultTimelineWithStartInclusiveAndEndExclusive() {
        assertThat(phases.of(ms(500))).isEqualTo(Phase.BEFORE);
        assertThat(phases.of(ms(1_000))).isEqualTo(Phase.DURING);
        assertThat(phases.of(ms(1_999))).isEqualTo(Phase.DURING);
        assertThat(phases.of(ms(2_000))).isEqualTo(Phase.AFTER);
        assertThat(phases.of(ms(2_500))).isEqualTo(Phase.AFTER);
        assertThat(phases.of(ms(3_500))).isEqualTo(Phase.DURING);
        assertThat(phases.of(ms(4_500))).isEqualTo(Phase.AFTER);
    }

    @Test
    void shouldPutEverythingBeforeWhenThereIsNoFault() {
        assertThat(new Phases(List.of()).of(ms(99_000))).isEqualTo(Phase.BEFORE);
    }
}
