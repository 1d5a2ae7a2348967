package dev.livetalk.reports;

import dev.livetalk.metrics.gate.Tolerance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReportCommandTest {
    @TempDir
    Path temp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void shouldReRenderAFolderOfResultsAndExitZero() {
        int code = run(List.of(Fixtures.suite()), null);

        assertThat(code).isEqualTo(ReportCommand.OK);
        assertThat(temp.resolve("out/index.html")).isRegularFile();
        assertThat(out.toString()).contains("## LiveTalk Chaos Bench: PASS", "report in ");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void shouldExit99WhenTheRunRegressedAgainstTheBaseline() throws java.io.IOException {
        Path faster = Fixtures.copy("outage", temp.resolve("baseline/outage"),
                d -> Fixtures.with(d, d.seed(), s -> Fixtures.withLatencyScaled(s, 0.5)));
        // the copied interval logs are those of the unscaled run: without them the gate takes the document's figures
        try (var hlogs = java.nio.file.Files.list(faster.getParent())) {
            for (Path hlog : hlogs.filter(f -> f.toString().endsWith(".hlog")).toList()) {
                java.nio.file.Files.delete(hlog);
            }
        }

        int code = run(List.of(Fixtures.resultsFiles().get(2)), faster.getParent().getParent());

        assertThat(code).isEqualTo(ReportCommand.BUDGET_FAILED);
        assertThat(out.toString()).contains("## LiveTalk Chaos Bench: FAIL", "**outage** / reconcile: ", "figures regressed against the baseline; worst: reconcile ");
    }

    @Test
    void shouldExit2NamingAMissingFile() {
        int code = run(List.of(temp.resolve("nope.json")), null);

        assertThat(code).isEqualTo(ReportCommand.INVALID_INPUT);
        assertThat(err.toString()).contains("no such results file or folder: " + temp.resolve("nope.json"));
    }

    private int run(List<Path> inputs, Path baseline) {
        return ReportCommand.run(inputs, temp.resolve("out"), baseline, Tolerance.DEFAULT, new PrintWriter(out),
                new PrintWriter(err));
    }
}
