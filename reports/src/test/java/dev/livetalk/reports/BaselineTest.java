package dev.livetalk.reports;

import dev.livetalk.metrics.gate.Tolerance;
import dev.livetalk.metrics.results.RegressionVerdict;
import dev.livetalk.metrics.results.RegressionVerdict.Change;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BaselineTest {
    @TempDir
    Path temp;

    @Test
    void shouldCompareARunWithItselfThroughItsIntervalLogsAndFindNoRegression() {
        Baseline baseline = Baseline.load(Fixtures.suite(), Tolerance.DEFAULT);
        RunFolder outage = Fixtures.runs().get(2);

        List<RegressionVerdict> verdicts = baseline.compare(outage);

        assertThat(baseline.withoutIntervalLogs()).isEmpty();
        assertThat(baseline.describe()).startsWith("gate: a latency change regresses when significant")
                .contains("seed 13").doesNotContain("no interval logs");
        assertThat(verdicts).isNotEmpty().extracting(RegressionVerdict::change).containsOnly(Change.UNCHANGED);
        assertThat(verdicts).extracting(RegressionVerdict::figure).noneMatch(f -> f.startsWith("scheduling-lag"));
        assertThat(verdicts).extracting(RegressionVerdict::message)
                .anyMatch(m -> m.contains("99% CI") || m.contains("intervals, fewer than"))
                .noneMatch(m -> m.contains("no interval logs"));
    }

    /** A run's scenario the baseline has no results of is not compared: the console says so. */
    @Test
    void shouldSayWhichScenariosOfTheRunTheBaselineHasNoResultsOf() throws IOException {
        Fixtures.copy("outage", temp.resolve("outage"), d -> d);
        Baseline baseline = Baseline.load(temp, Tolerance.DEFAULT);

        assertThat(baseline.describe(List.of("outage"))).isEqualTo(baseline.describe());
        assertThat(baseline.describe(List.of("baseline", "outage", "lost-ack"))).startsWith(baseline.describe())
                .endsWith("\ngate: the baseline has no results of baseline, lost-ack: not compared, only their"
                        + " budgets judge them");
    }

    @Test
    void shouldSayWhichBaselineScenariosHaveNoIntervalLogsAndFallBackForThem() throws IOException {
        Path copy = Fixtures.copy("outage", temp.resolve("outage"), d -> d);
        try (var files = Files.list(copy.getParent())) {
            for (Path hlog : files.filter(f -> f.toString().endsWith(".hlog")).toList()) {
                Files.delete(hlog);
            }
        }
        Baseline baseline = Baseline.load(temp, Tolerance.DEFAULT);

        assertThat(baseline.withoutIntervalLogs()).containsExactly("outage");
        assertThat(baseline.describe()).contains("the baseline has no interval logs (.hlog) of outage");
        assertThat(baseline.compare(Fixtures.runs().get(2))).extracting(RegressionVerdict::message)
                .filteredOn(m -> m.contains(" p50 ")).allMatch(m -> m.contains("no interval logs in the baseline"));
    }
}
