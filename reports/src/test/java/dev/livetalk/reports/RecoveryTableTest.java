package dev.livetalk.reports;

import dev.livetalk.metrics.results.ResultsDocument;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RecoveryTableTest {
    private static ResultsDocument outage() {
        return RunFolder.read(Fixtures.resultsFiles().get(2)).document();
    }

    private static ScenarioSection.SeedRun run(ResultsDocument document) {
        return new ScenarioSection.SeedRun(document, document.strategies().stream()
                .map(s -> Fixtures.suite().resolve("outage")).toList());
    }

    @Test
    void shouldShowEachWindowPerStrategyWithNeverInRed() {
        ScenarioSection.SeedRun run = run(Fixtures.with(outage(), outage().seed(), Fixtures::withRecovery));
        assertThat(RecoveryTable.hasData(run)).isTrue();
        StringBuilder h = new StringBuilder();
        RecoveryTable.of(run, h);
        assertThat(h.toString())
                .contains("<th>recovery</th><th>held back by</th><th>back</th><th>never converged</th><th>refetched messages</th>")
                .contains("<tr><td>reconcile</td><td>outage #0</td><td>down</td><td class=\"num\">2.000 s</td>"
                        + "<td class=\"num\">3.000 s</td><td class=\"num\">0.412 s</td><td>c3 back after 0.412 s (connected after 0.400 s)</td>"
                        + "<td class=\"num\">3 / 4</td>"
                        + "<td class=\"num\">0</td><td class=\"num\">5 / 12 / 25</td>"
                        + "<td class=\"num\">640 / 1530 / 3200</td><td class=\"num\">3</td><td class=\"num\">1 / 2 / 5</td>"
                        + "<td class=\"num\">17</td><td class=\"num\">0</td></tr>")
                .contains("<td>event-only</td><td>outage #0</td><td>down</td><td class=\"num\">2.000 s</td>"
                        + "<td class=\"num\">3.000 s</td><td class=\"num bad\">never</td><td>-</td><td class=\"num\">3 / 4</td>"
                        + "<td class=\"num bad\">1</td>")
                .contains("<td class=\"num\">-</td><td class=\"num\">-</td><td class=\"num bad\">2</td></tr>")
                .contains("peak: the most welcomes of every client in one second, as the clients saw them");
    }

    @Test
    void shouldShowNothingForADocumentWithoutRecoveryFigures() {
        assertThat(RecoveryTable.hasData(run(outage()))).isFalse();
        List<ComparedSection> sections = Merge.sections(Fixtures.runs()).stream()
                .map(s -> ComparedSection.of(s, null)).toList();
        StringBuilder md = new StringBuilder();
        SummaryMarkdown.recovery(sections, md);
        assertThat(md.toString()).isEmpty();
    }

    @Test
    void shouldFoldARecoveryTableIntoTheSummary() {
        ScenarioSection.SeedRun run = run(Fixtures.with(outage(), outage().seed(), Fixtures::withRecovery));
        assertThat(RecoveryTable.markdownRows("outage", run.document().strategy("event-only")))
                .isEqualTo("| outage | event-only | outage #0 | down | **never** | - | 3 / 4 | 5 / 12 / 25 | 640 / 1530 / 3200"
                        + " | 3 | - | - | 2 |\n");
        assertThat(RecoveryTable.markdownRows("outage", run.document().strategy("reconcile")))
                .isEqualTo("| outage | reconcile | outage #0 | down | 0.412 s | c3 back after 0.412 s (connected after 0.400 s) | 3 / 4 | 5 / 12 / 25 | 640 / 1530 / 3200"
                        + " | 3 | 1 / 2 / 5 | 17 | 0 |\n");
    }
}
