package dev.livetalk.reports;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class JmhResultsTest {
    @TempDir
    Path dir;

    @Test
    void shouldReadScoreErrorAndAllocationOfEveryBenchmark() throws Exception {
        Path fixture = Path.of(getClass().getResource("jmh/jmh.json").toURI());
        List<JmhResults.Row> rows = JmhResults.read(fixture.getParent());
        assertThat(rows).hasSize(2);
        JmhResults.Row strategy = rows.get(0);
        assertThat(strategy.benchmark()).isEqualTo("StrategyBenchmark.inOrder");
        assertThat(strategy.params()).isEqualTo("strategy=reconcile");
        assertThat(strategy.unit()).isEqualTo("ops/s");
        assertThat(strategy.score()).isGreaterThan(1_000_000);
        assertThat(strategy.error()).isPositive();
        assertThat(strategy.allocation()).isCloseTo(253.4, within(1.0));
        assertThat(rows.get(1).benchmark()).startsWith("CodecBenchmark.");
        assertThat(rows.get(1).params()).isEmpty();
    }

    @Test
    void shouldRenderATableRowPerBenchmark() throws Exception {
        Path fixture = Path.of(getClass().getResource("jmh/jmh.json").toURI());
        StringBuilder html = new StringBuilder();
        JmhResults.section(JmhResults.read(fixture.getParent()), html);
        assertThat(html.toString()).contains("<h2>JMH benchmarks</h2>", "StrategyBenchmark.inOrder",
                "strategy=reconcile", "ops/s");
        assertThat(html.toString().split("<tr>")).hasSize(1 + 1 + 2);
    }

    @Test
    void shouldHaveNoSectionWithoutAResultsFile() throws Exception {
        assertThat(JmhResults.read(dir)).isEmpty();
        StringBuilder html = new StringBuilder();
        JmhResults.section(List.of(), html);
        assertThat(html).isEmpty();
    }

    @Test
    void shouldRefuseAFileThatIsNoJmhResult() throws Exception {
        Files.writeString(dir.resolve("jmh.json"), "{\"not\": \"jmh\"}");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> JmhResults.read(dir))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be a JMH JSON result");
    }
}
