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

    @Test
    void shouldNameTheProviderThatMadeNoStrategy() {
        StrategyProvider none = provider("none", null);
        Strategies plugged = strategies.with(none).with(provider("some", "reconcile"));

        assertThatThrownBy(() -> plugged.create("none", StrategySettings.defaults()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("strategy none: its provider " + none.getClass().getName()
                        + " returned null from create(settings); it must return a new strategy");
        assertThat(plugged.create("some", StrategySettings.defaults()).name()).isEqualTo("reconcile");
    }

    /** A provider named {@code name} whose strategy is the built-in one named {@code made}, or null. */
    private StrategyProvider provider(String name, String made) {
        return new StrategyProvider() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return "misbehaving test provider";
            }

            @Override
            public ReconciliationStrategy create(StrategySettings settings) {
                return made == null ? null : strategies.create(made, settings);
            }
        };
    }
}
