package dev.livetalk.reports;

import dev.livetalk.metrics.gate.Tolerance;
import dev.livetalk.metrics.results.ResultsDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden-file tests of {@code summary.md}. To accept a deliberate format change, run with
 * {@code -Dgolden.update=true} and review the diff of {@code src/test/resources/.../golden}.
 */
class SummaryMarkdownTest {
    @TempDir
    Path temp;

    @Test
    void shouldMatchGoldenSummaryOfRecordedSuite() throws IOException {
        List<ScenarioVerdict> verdicts = Merge.sections(Fixtures.runs()).stream()
                .map(s -> ScenarioVerdict.of(s, null)).toList();

        String summary = SummaryMarkdown.of(verdicts, false);

        assertGolden(summary, "summary-suite.md");
        assertThat(summary).startsWith("## LiveTalk Chaos Bench: PASS\n");
    }

    @Test
    void shouldPutVerdictFailuresAndSeedSpreadFirstWithBaseline() throws IOException {
        List<RunFolder> runs = new ArrayList<>(Fixtures.runs());
        Path seed7 = Fixtures.copy("outage", temp.resolve("outage-seed7"),
                d -> Fixtures.with(d, 7, s -> Fixtures.withLost(s, 3, true)));
        runs.add(RunFolder.read(seed7));
        ResultsDocument fasterOutage = Fixtures.with(RunFolder.read(Fixtures.resultsFiles().get(2)).document(), 4,
                s -> Fixtures.withLatencyScaled(s, 0.5));
        Baseline baseline = new Baseline(List.of(fasterOutage), Tolerance.DEFAULT);
        List<ScenarioVerdict> verdicts = Merge.sections(runs).stream().map(s -> ScenarioVerdict.of(s, baseline)).toList();

        String summary = SummaryMarkdown.of(verdicts, true);

        assertGolden(summary, "summary-failures.md");
        assertThat(summary).startsWith("## LiveTalk Chaos Bench: FAIL\n")
                .contains("- **outage** / reconcile (seed 7): `lost == 0 for reconcile`: lost = 3, budget == 0")
                .contains("| outage (2 seeds) | reconcile | 9/10 FAIL | 0..3 (median 1.5) |");
    }

    private static void assertGolden(String actual, String name) throws IOException {
        Path golden = Path.of("src/test/resources/dev/livetalk/reports/golden").resolve(name);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, actual);
            Files.writeString(Fixtures.suite().getParent().resolve("golden").resolve(name), actual);
        }
        assertThat(actual).isEqualTo(Fixtures.golden(name));
    }
}
