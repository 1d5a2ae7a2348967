package dev.livetalk.reports;

import dev.livetalk.metrics.gate.RunStop;
import dev.livetalk.metrics.gate.Tolerance;
import dev.livetalk.metrics.gate.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportCommandTest {
    @TempDir
    Path temp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void shouldReRenderAFolderOfResultsThatPasses() throws Exception {
        ReportWriter.Report report = run(List.of(Fixtures.suite()), null);

        assertThat(report.verdict().outcome()).isEqualTo(Verdict.Outcome.PASS);
        assertThat(temp.resolve("out/index.html")).isRegularFile();
        assertThat(out.toString()).contains("## LiveTalk Chaos Bench: PASS", "report in ");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void shouldFailWhenTheRunRegressedAgainstTheBaseline() throws Exception {
        Path faster = Fixtures.copy("outage", temp.resolve("baseline/outage"),
                d -> Fixtures.with(d, d.seed(), s -> Fixtures.withLatencyScaled(s, 0.5)));
        // the copied interval logs are those of the unscaled run: without them the gate takes the document's figures
        try (var hlogs = java.nio.file.Files.list(faster.getParent())) {
            for (Path hlog : hlogs.filter(f -> f.toString().endsWith(".hlog")).toList()) {
                java.nio.file.Files.delete(hlog);
            }
        }

        ReportWriter.Report report = run(List.of(Fixtures.resultsFiles().get(2)), faster.getParent().getParent());

        assertThat(report.verdict().outcome()).isEqualTo(Verdict.Outcome.FAIL);
        assertThat(out.toString()).contains("## LiveTalk Chaos Bench: FAIL", "**outage** / reconcile: ", "figures regressed against the baseline; worst: reconcile ");
    }

    @Test
    void shouldRefuseAMissingFileNamingIt() {
        assertThatThrownBy(() -> run(List.of(temp.resolve("nope.json")), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no such results file or folder: " + temp.resolve("nope.json"));
    }

    @Test
    void shouldRenderAnInterruptedRunFromItsFolderAndSayWhere() throws Exception {
        Path run = temp.resolve("run");
        Fixtures.copy("outage", run.resolve("outage"), d -> d);
        new RunStop(RunStop.Cause.SIGTERM, "interrupted by SIGTERM", "scenario flapping-link", List.of("outage"))
                .write(run);

        ReportWriter.Report report = run(List.of(run), null);

        assertThat(report.verdict().outcome()).isEqualTo(Verdict.Outcome.STOPPED);
        assertThat(report.verdict().stop().orElseThrow().cause()).isEqualTo(RunStop.Cause.SIGTERM);
        assertThat(out.toString()).startsWith("## LiveTalk Chaos Bench: INTERRUPTED\n");
        assertThat(temp.resolve("out/index.html")).content()
                .contains("INTERRUPTED: 1 scenario,", "The run stopped early: interrupted by SIGTERM during "
                        + "scenario flapping-link; finished scenarios: outage.");
    }

    @Test
    void shouldRenderAScenarioWhoseRunStoppedBeforeAnyStrategyFinished() throws Exception {
        Path run = temp.resolve("run");
        Fixtures.copy("outage", run.resolve("outage"), d -> d);
        Fixtures.copy("flapping-link", run.resolve("flapping-link"), d -> new dev.livetalk.metrics.results
                .ResultsDocument(d.version(), d.scenario(), d.seed(), d.network(), d.environment(), d.faultSchedule(),
                List.of(), new dev.livetalk.metrics.results.ScenarioStop( // a document of no strategy is a stopped one
                        dev.livetalk.metrics.results.ScenarioStop.Cause.HARNESS_FAILURE, "reconcile", "a strategy broke")));
        new RunStop(RunStop.Cause.HARNESS_FAILURE, "the harness failed: a strategy broke", "scenario flapping-link,"
                + " strategy reconcile", List.of("outage")).write(run);

        ReportWriter.Report report = run(List.of(run), null);

        assertThat(report.verdict().outcome()).isEqualTo(Verdict.Outcome.STOPPED);
        assertThat(temp.resolve("out/index.html")).content()
                .contains("No strategy finished (the run stopped: partial results), so nothing is ranked.",
                        "No strategy finished (the run stopped: partial results): nothing to compare.");
    }

    private ReportWriter.Report run(List<Path> inputs, Path baseline) throws Exception {
        return ReportCommand.run(inputs, temp.resolve("out"), baseline, Tolerance.DEFAULT, new PrintWriter(out));
    }
}
