package dev.livetalk.metrics.gate;

import dev.livetalk.metrics.correctness.ConvergenceFigures;
import dev.livetalk.metrics.correctness.CorrectnessFigures;
import dev.livetalk.metrics.correctness.Outcome;
import dev.livetalk.metrics.results.Environment;
import dev.livetalk.metrics.results.LatencyFigures;
import dev.livetalk.metrics.results.Percentiles;
import dev.livetalk.metrics.results.RegressionVerdict;
import dev.livetalk.metrics.results.ResultsDocument;
import dev.livetalk.metrics.results.StrategyResult;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BaselineComparisonTest {

    private static ResultsDocument document(long p99Nanos, long lost, long converged) {
        CorrectnessFigures correctness = new CorrectnessFigures(3, converged, 100.0 * converged / 3, lost, 0, 0, 0, 1.0,
                0, 0, 0, 0, Map.of(Outcome.OK, 10L), new ConvergenceFigures(0, 0, 0, null, null, null));
        Percentiles p = new Percentiles(100, 100_000_000, 200_000_000, p99Nanos, p99Nanos, p99Nanos);
        LatencyFigures latency = new LatencyFigures("peer-final", "during", p, p, 0);
        StrategyResult result = new StrategyResult("reconcile", correctness, List.of(latency), List.of(), List.of(),
                List.of());
        return ResultsDocument.of("outage", 7, "toxiproxy", new Environment("2.12.0", "25", 2), null, List.of(result));
    }

    private static RegressionVerdict find(List<RegressionVerdict> verdicts, String figure) {
        return verdicts.stream().filter(v -> v.figure().equals(figure)).findFirst().orElseThrow();
    }

    @Test
    void shouldFailALatencyRegressionBeyondTheRelativeToleranceAndSayByHowMuch() {
        List<RegressionVerdict> verdicts = BaselineComparison.compare(document(800_000_000, 0, 3),
                document(912_000_000, 0, 3), Tolerance.DEFAULT);
        RegressionVerdict p99 = find(verdicts, "peer-final p99 during");
        assertThat(p99.passed()).isFalse();
        assertThat(p99.message()).isEqualTo("reconcile peer-final p99 during: 912ms vs 800ms in the baseline"
                + " (+14.0%, tolerance +10.0%)");
        assertThat(find(verdicts, "peer-final p50 during").passed()).isTrue();
    }

    @Test
    void shouldPassALatencyChangeWithinTheTolerance() {
        List<RegressionVerdict> verdicts = BaselineComparison.compare(document(800_000_000, 0, 3),
                document(870_000_000, 0, 3), Tolerance.DEFAULT);
        assertThat(verdicts).allMatch(RegressionVerdict::passed);
    }

    @Test
    void shouldFailACountThatGrewBeyondTheAbsoluteTolerance() {
        RegressionVerdict strict = find(BaselineComparison.compare(document(1, 0, 3), document(1, 2, 3),
                Tolerance.DEFAULT), "lost");
        assertThat(strict.passed()).isFalse();
        assertThat(strict.message()).isEqualTo("reconcile lost: 2 vs 0 in the baseline (+2, tolerance +0)");
        RegressionVerdict lenient = find(BaselineComparison.compare(document(1, 0, 3), document(1, 2, 3),
                new Tolerance(0.1, 0, 2)), "lost");
        assertThat(lenient.passed()).isTrue();
    }

    @Test
    void shouldFailWhenFewerClientsConverged() {
        RegressionVerdict converged = find(BaselineComparison.compare(document(1, 0, 3), document(1, 0, 2),
                Tolerance.DEFAULT), "converged");
        assertThat(converged.passed()).isFalse();
        assertThat(converged.message()).contains("2 vs 3", "-1");
    }

    @Test
    void shouldRefuseANegativeTolerance() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Tolerance(-0.1, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("latency tolerance must be a share >= 0: -0.1");
    }
}
