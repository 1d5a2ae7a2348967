package dev.livetalk.client.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StrategiesTest {
    private final Strategies strategies = Strategies.load();

    @Test
    void shouldListTheBuiltInStrategiesInTableOrderThenPluggedInOnes() {
        assertThat(strategies.names()).containsExactly(
                "event-only", "naive-retry", "ordered", "gap-fill", "reconcile", "snapshot", "fixture");
    }

    @Test
    void shouldCreateEachBuiltInStrategyUnderItsOwnName() {
        for (String name : Strategies.BUILT_IN) {
            assertThat(strategies.create(name, StrategySettings.defaults()).name()).isEqualTo(name);
            assertThat(Strategies.isBuiltIn(name)).isTrue();
        }
    }

    @Test
    void shouldFindAPluggedInStrategyByName() {
        assertThat(strategies.provider("fixture").getClass().getName())
                .isEqualTo("com.example.strategy.FixtureStrategyProvider");
        assertThat(strategies.create("fixture", StrategySettings.defaults())).isNotNull();
        assertThat(Strategies.isBuiltIn("fixture")).isFalse();
    }

    @Test
    void shouldNameTheUnknownStrategyAndTheKnownOnes() {
        assertThatThrownBy(() -> strategies.provider("eventually-consistent"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown strategy \"eventually-consistent\"; known strategies: event-only, naive-retry, "
                        + "ordered, gap-fill, reconcile, snapshot, fixture");
    }

    @Test
    void shouldRefuseSettingsThatBreakTheirRules() {
        assertThatThrownBy(() -> new StrategySettings(0, 500, 5, 0))
                .hasMessage("gapTimeout must be > 0 ns: 0");
        assertThatThrownBy(() -> new StrategySettings(1, 0, 5, 0))
                .hasMessage("fetchLimit must be >= 1: 0");
    }
}
