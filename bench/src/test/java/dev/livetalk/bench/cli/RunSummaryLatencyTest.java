package dev.livetalk.bench.cli;

import dev.livetalk.metrics.correctness.ConvergenceFigures;
import dev.livetalk.metrics.correctness.CorrectnessFigures;
import dev.livetalk.metrics.gate.Verdict;
import dev.livetalk.metrics.results.Environment;
import dev.livetalk.metrics.results.LatencyFigures;
import dev.livetalk.metrics.results.ResultsDocument;
import dev.livetalk.metrics.results.StrategyResult;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RunSummaryLatencyTest {

    /** A strategy whose peers showed 98 messages 5 ms after they were meant to be sent and never showed {@code never}. */
    private static StrategyResult strategy(String name, long never) {
        Histogram done = new Histogram(3);
        done.recordValueWithCount(5_000_000L, 100 - never);
        CorrectnessFigures c = new CorrectnessFigures(2, 2, 100, never, 0, 0, 0, 1, 0, 0, 0, 0, Map.of(),
                new ConvergenceFigures(0, 0, 0, null, null, null));
        return new StrategyResult(name, c, List.of(LatencyFigures.of("peer-final", "all", done, done, never)),
                List.of(), List.of(), List.of());
    }

    @Test
    void shouldPrintPeerFinalP99OverEveryIntendedDeliveryAsNeverOnceMoreThanOnePercentNeverCame() {
        ResultsDocument document = ResultsDocument.of("outage", 1, "sim", new Environment(null, null, 2), null,
                List.of(strategy("event-only", 2), strategy("reconcile", 1)));
        String table = new RunSummary(Verdict.of(document, List.of())).table();
        assertThat(table).containsPattern("event-only .* never\\n");
        assertThat(table).containsPattern("reconcile .* 5\\.0 ms\\n");
    }

    /** The console's converged column reads as the report and the budget verdicts write the same share. */
    @Test
    void shouldPrintTheConvergedShareAsTheReportsDo() {
        CorrectnessFigures fiveOfEight = new CorrectnessFigures(8, 5, 62.5, 0, 0, 0, 0, 1, 0, 0, 0, 0, Map.of(),
                new ConvergenceFigures(0, 0, 0, null, null, null));
        StrategyResult s = new StrategyResult("event-only", fiveOfEight, List.of(), List.of(), List.of(), List.of());
        ResultsDocument document = ResultsDocument.of("asymmetric-latency", 6, "sim", new Environment(null, null, 2),
                null, List.of(s));
        String table = new RunSummary(Verdict.of(document, List.of())).table();
        assertThat(table).containsPattern("event-only .* 62\\.5% +-\\n").doesNotContain("63%");
    }
}
