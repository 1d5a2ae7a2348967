package dev.livetalk.scenarios.fault;

import dev.livetalk.scenarios.Backend;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;

class FaultKindTest {

    @Test
    void shouldPlayMessageLevelFaultsOnlyOnTheSimulator() {
        EnumSet<FaultKind> simOnly = EnumSet.of(FaultKind.MESSAGE_LOSS, FaultKind.DUPLICATION,
                FaultKind.REORDER, FaultKind.PARTITION);
        for (FaultKind kind : FaultKind.values()) {
            assertThat(kind.playableOn(Backend.TOXIPROXY)).as(kind.yamlName()).isEqualTo(!simOnly.contains(kind));
            assertThat(kind.backends()).as(kind.yamlName()).isNotEmpty();
        }
    }

    @Test
    void shouldCutBothWaysForDownAndStall() {
        assertThat(FaultKind.DOWN.directional()).isFalse();
        assertThat(FaultKind.STALL.directional()).isFalse();
        assertThat(FaultKind.LATENCY.directional()).isTrue();
    }
}
