package dev.livetalk.reports;

import dev.livetalk.metrics.gate.RunStop;
import dev.livetalk.metrics.gate.Tolerance;
import dev.livetalk.metrics.gate.Verdict;
import dev.livetalk.metrics.results.ResultsDocument;
import dev.livetalk.metrics.results.StrategyResult;
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
        List<ComparedSection> sections = Merge.sections(Fixtures.runs()).stream()
                .map(s -> ComparedSection.of(s, null)).toList();

        String summary = SummaryMarkdown.of(sections, verdictOf(sections), false);

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
        List<ComparedSection> sections = Merge.sections(runs).stream().map(s -> ComparedSection.of(s, baseline)).toList();

        String summary = SummaryMarkdown.of(sections, verdictOf(sections), true);

        assertGolden(summary, "summary-failures.md");
        assertThat(summary).startsWith("## LiveTalk Chaos Bench: FAIL\n")
                .contains("- **outage** / reconcile (seed 7): `lost == 0 for reconcile`: lost = 3, budget == 0")
                .contains("| outage (2 seeds) | reconcile | 9/10 FAIL | 0..3 (median 1.5) |");
    }

    @Test
    void shouldSayTheRunWasInterruptedAndWhere() {
        List<ComparedSection> sections = Merge.sections(Fixtures.runs()).stream()
                .map(s -> ComparedSection.of(s, null)).toList();
        Verdict verdict = verdictOf(sections).stopped(new RunStop(RunStop.Cause.SIGINT, "interrupted by SIGINT",
                "scenario thundering-herd, strategy reconcile", List.of("baseline", "flapping-link", "outage")));

        assertThat(SummaryMarkdown.of(sections, verdict, false)).startsWith("## LiveTalk Chaos Bench: INTERRUPTED\n\n"
                + "**The run stopped early: interrupted by SIGINT during scenario thundering-herd, strategy reconcile; "
                + "finished scenarios: baseline, flapping-link, outage.**");
    }

    @Test
    void shouldSayAScenarioStoppedBeforeAnyStrategyFinishedRanksAndComparesNothing() {
        List<RunFolder> runs = new ArrayList<>(Fixtures.runs());
        Path stopped = Fixtures.copy("outage", temp.resolve("stopped"), d -> new ResultsDocument(d.version(),
                "stopped-early", d.seed(), d.network(), d.environment(), d.faultSchedule(), List.of(),
                new dev.livetalk.metrics.results.ScenarioStop(dev.livetalk.metrics.results.ScenarioStop.Cause
                        .HARNESS_FAILURE, "reconcile", "a strategy broke"))); // a document of no strategy is a stopped one
        runs.add(RunFolder.read(stopped));
        List<ComparedSection> sections = Merge.sections(runs).stream().map(s -> ComparedSection.of(s, null)).toList();

        String summary = SummaryMarkdown.of(sections, verdictOf(sections), false);

        assertThat(summary)
                .contains("- **stopped-early**: No strategy finished (the run stopped: partial results), so nothing"
                        + " is ranked.")
                .contains("- **stopped-early**: No strategy finished (the run stopped: partial results): nothing to"
                        + " compare.");
    }

    /**
     * The runs the harness was too late in are named under the verdict, in summary.md and in the report;
     * none: nothing. The recorded suite predates the count of late sends: its runs are judged by their p99.
     */
    @Test
    void shouldNameTheStrategyRunsWhoseLatencyTheHarnessWasTooLateToTrust() {
        List<ComparedSection> sections = Merge.sections(Fixtures.runs()).stream()
                .map(s -> ComparedSection.of(s, null)).toList();
        Verdict verdict = verdictOf(sections);
        assertThat(SummaryMarkdown.of(sections, verdict, false))
                .contains("**Harness health: the harness sent more than 1% of the sends, and at least 3, over 10 ms"
                        + " late (its own scheduling lag), or, in an older results.json without that count, its"
                        + " scheduling-lag p99 was over 10 ms, in 3 of 6 strategy runs")
                .contains("- outage (seed 4) / event-only: scheduling-lag p99 197.0 ms over 10 ms (no count of late"
                        + " sends in this older results.json)\n");
        StringBuilder html = new StringBuilder();
        HealthText.html(verdict, html);
        assertThat(html.toString()).startsWith("<div class=\"missing\" id=\"health\"><p>Harness health:")
                .contains("<li>flapping-link (seed 3) / naive-retry: scheduling-lag p99 26.2 ms over 10 ms");

        List<ComparedSection> trusted = sections.stream().filter(s -> s.section().scenario().equals("baseline")).toList();
        assertThat(SummaryMarkdown.of(trusted, verdictOf(trusted), false)).doesNotContain("Harness health");
        StringBuilder none = new StringBuilder();
        HealthText.html(verdictOf(trusted), none);
        assertThat(none).isEmpty();
    }

    /** With the count: 2 late sends of 80 leave a run trusted whatever its p99, 3 do not, and the line says how many. */
    @Test
    void shouldNameTheRunsByTheirLateSendsUnderTheRule() {
        ResultsDocument outage = Fixtures.runs().get(2).document();
        ResultsDocument counted = Fixtures.with(outage, 4, s -> withLateSends(s, s.strategy().equals("reconcile") ? 2 : 3));
        Verdict verdict = Verdict.of(List.of(new Verdict.CheckedRun(counted, List.of())));
        assertThat(HealthText.untrusted(verdict)).containsExactly("outage (seed 4) / event-only: 3 of 80 sends (3.8%)"
                + " over 10 ms late, scheduling-lag p99 197.0 ms");
        assertThat(HealthText.sentence(verdict, 1)).isEqualTo("Harness health: the harness sent more than 1% of the"
                + " sends, and at least 3, over 10 ms late (its own scheduling lag) in 1 of 2 strategy runs: it was late"
                + " itself, so their latency figures, and any ranking on latency, are not to be trusted (rerun on a"
                + " quieter machine; --strict makes such a run UNTRUSTED, exit 1).");
    }

    private static StrategyResult withLateSends(StrategyResult s,
                                                                            long late) {
        return new StrategyResult(s.strategy(), s.correctness(), s.latency(), s.budgets(),
                s.examples(), s.hlogs(), s.convergenceByClient(), s.correctnessOverTime(), s.rooms(), s.recovery(),
                s.ackedLost(), s.cost(), s.drift(), late);
    }

    private static Verdict verdictOf(List<ComparedSection> sections) {
        return Verdict.of(sections.stream().flatMap(s -> s.checkedRuns().stream()).toList());
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
