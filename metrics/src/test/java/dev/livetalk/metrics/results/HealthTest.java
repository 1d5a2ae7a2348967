package dev.livetalk.metrics.results;

import dev.livetalk.metrics.correctness.ConvergenceFigures;
import dev.livetalk.metrics.correctness.CorrectnessFigures;
import dev.livetalk.metrics.correctness.Outcome;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HealthTest {
    private static ResultsDocument document(String network, long lagP99) {
        CorrectnessFigures correctness = new CorrectnessFigures(3, 3, 100.0, 0, 0, 0, 0, 1.0, 0, 0, 0, 0,
                Map.of(Outcome.OK, 10L), new ConvergenceFigures(0, 0, 0, null, null, null));
        Percentiles p = new Percentiles(100, lagP99 / 2, lagP99, lagP99, lagP99, lagP99);
        StrategyResult result = new StrategyResult("reconcile", correctness,
                List.of(new LatencyFigures("scheduling-lag", "all", p, p, 0)), List.of(), List.of(), List.of());
        return ResultsDocument.of("outage", 4, network, new Environment(null, null, 2), null, List.of(result));
    }

    @Test
    void shouldDistrustARealRunWhoseSchedulingLagP99IsOverTheLimitAndSaySo() {
        Health health = document("toxiproxy", 10_000_001).health();
        assertThat(health.trusted()).isFalse();
        assertThat(health.warnings("outage")).containsExactly("harness health: outage / reconcile: scheduling-lag p99"
                + " 10.0 ms is over 10.0 ms: the harness was late itself, its latency figures are not to be trusted"
                + " (--strict exits 1)");
        assertThat(document("toxiproxy", 10_000_000).health().trusted()).isTrue();
    }

    @Test
    void shouldNotCheckTheSimulatorAndWriteTheSectionIntoResultsJson() {
        Health sim = document("sim", 50_000_000).health();
        assertThat(sim.checked()).isFalse();
        assertThat(sim.trusted()).isTrue();
        String json = ResultsJson.toJson(document("toxiproxy", 20_000_000));
        assertThat(json).contains("\"health\" : {", "\"schedulingLagP99\" : 20000000", "\"trusted\" : false");
        assertThat(ResultsJson.fromJson(json).health().trusted()).isFalse();
    }
}
