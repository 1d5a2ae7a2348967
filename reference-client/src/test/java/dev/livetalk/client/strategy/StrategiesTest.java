package dev.livetalk.client.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class StrategiesTest {
    private final Strategies strategies = Strategies.load();

    @Test
    void shouldListTheBuiltInStrategiesInTableOrderThenPluggedInOnes() {
        assertThat(strategies.names()).containsExactly(
                "event-only", "naive-retry", "ordered", "gap-fill", "reconcile", "snapshot", "seq-sort");
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
        ReconciliationStrategy strategy = strategies.create("seq-sort", StrategySettings.defaults());

        assertThat(strategy.getClass().getName()).isEqualTo("com.example.strategy.SeqSortStrategy");
        assertThat(Strategies.isBuiltIn("seq-sort")).isFalse();
    }

    @Test
    void shouldNameTheUnknownStrategyAndTheKnownOnes() {
        assertThatThrownBy(() -> strategies.provider("eventually-consistent"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown strategy \"eventually-consistent\"; known strategies: event-only, naive-retry, "
                        + "ordered, gap-fill, reconcile, snapshot, seq-sort");
    }

    @Test
    void shouldRefuseSettingsThatBreakTheirRules() {
        assertThatThrownBy(() -> new StrategySettings(0, 500, 5, 0))
                .hasMessage("gapTimeout must be > 0 ns: 0");
        assertThatThrownBy(() -> new StrategySettings(1, 0, 5, 0))
                .hasMessage("fetchLimit must be >= 1: 0");
    }

    @Test
    void shouldKeepTheGuideExampleIdenticalToTheOneCompiledHere() throws IOException {
        String guide = Files.readString(Path.of("../docs/WRITING-A-STRATEGY.md"));
        String block = guide.substring(guide.indexOf("```java\n") + 8);
        block = block.substring(0, block.indexOf("```\n"));
        List<String> source = Files.readAllLines(
                Path.of("src/test/java/com/example/strategy/SeqSortStrategy.java"));
        String withoutClassDoc = source.stream()
                .filter(line -> !line.startsWith("/**") && !line.startsWith(" *"))
                .collect(Collectors.joining("\n", "", "\n"));

        assertThat(block).isEqualTo(withoutClassDoc);
    }
}
