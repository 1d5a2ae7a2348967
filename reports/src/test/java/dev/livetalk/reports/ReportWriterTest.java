package dev.livetalk.reports;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class ReportWriterTest {
    private static final Pattern LINKS = Pattern.compile("(?:src|href)=\"([^\"#][^\"]*)\"");

    @TempDir
    Path temp;

    @Test
    void shouldWritePageSummaryAndEveryChartAsPngAndSvg() throws IOException {
        ReportWriter.Report report = ReportWriter.write(Fixtures.resultsFiles(), temp, Optional.empty());

        String html = Files.readString(report.index());
        assertThat(report.passed()).isTrue();
        for (String scenario : Fixtures.SCENARIOS) {
            assertThat(html).contains("<section class=\"scenario\" id=\"scenario-" + scenario + "\"");
        }
        List<String> links = LINKS.matcher(html).results().map(m -> m.group(1)).toList();
        assertThat(links).isNotEmpty().allSatisfy(link -> {
            assertThat(link).doesNotContain("://");
            assertThat(temp.resolve(link)).isRegularFile();
        });
        assertThat(links.stream().filter(l -> l.endsWith(".png"))).hasSizeGreaterThanOrEqualTo(3 * 7);
        assertThat(links.stream().filter(l -> l.endsWith(".svg"))).hasSameSizeAs(links.stream()
                .filter(l -> l.endsWith(".png")).toList());
        assertThat(Files.readString(temp.resolve("charts/03-outage-faults.svg"))).contains("<svg");
        assertThat(Files.readString(report.summary())).startsWith("## LiveTalk Chaos Bench: PASS");
    }

    @Test
    void shouldSayWhatTheResultsDoNotHold() throws IOException {
        ReportWriter.Report report = ReportWriter.write(Fixtures.resultsFiles(), temp, Optional.empty());

        String html = Files.readString(report.index());
        assertThat(html).contains("holds no per-interval correctness counts")
                .contains("when each client converged after each fault is not recorded")
                .contains("No fault windows: a control run.");
    }

    @Test
    void shouldShowTheFirstExamplesWithClientTimeAndId() throws IOException {
        ReportWriter.Report report = ReportWriter.write(Fixtures.resultsFiles(), temp, Optional.empty());

        String html = Files.readString(report.index());
        Matcher example = Pattern.compile("<tr><td>event-only</td><td>lost</td><td>(c\\d+)</td><td>room1</td>"
                + "<td class=\"num\">(\\d+)</td><td><code>room1:\\2</code></td><td class=\"num\">(\\d+\\.\\d{3}) s</td>")
                .matcher(html);
        assertThat(example.find()).as("an example row of outage/event-only").isTrue();
        assertThat(Double.parseDouble(example.group(3))).as("seconds since the end of the warm-up").isBetween(0.0, 30.0);
    }

    @Test
    void shouldDrawPercentilesFromTheResultsWhenTheIntervalLogsAreGone() throws IOException {
        Path results = Fixtures.copy("outage", temp.resolve("in"), d -> d);
        Files.delete(temp.resolve("in/event-only.hlog"));
        Files.delete(temp.resolve("in/reconcile.hlog"));

        ReportWriter.Report report = ReportWriter.write(List.of(results), temp.resolve("out"), Optional.empty());

        String html = Files.readString(report.index());
        assertThat(html).contains("Interval logs named by the results but not found", "event-only.hlog")
                .contains("No interval logs (.hlog) next to the results");
        assertThat(temp.resolve("out/charts/01-outage-percentiles-peer-final.png")).isRegularFile();
        assertThat(temp.resolve("out/charts/01-outage-timeline.png")).doesNotExist();
    }

    @Test
    void shouldRenderNineScenariosOfSixStrategiesWithinAGenerousBound() throws IOException {
        List<Path> files = SyntheticSuite.write(temp.resolve("suite"), 9, 30, 42L);

        long start = System.nanoTime();
        ReportWriter.Report report = ReportWriter.write(files, temp.resolve("report"), Optional.empty());
        long millis = (System.nanoTime() - start) / 1_000_000;

        System.out.printf("report of 9 scenarios x 6 strategies (30 intervals each, seed 42): %d ms%n", millis);
        assertThat(report.verdicts()).hasSize(9);
        assertThat(Files.readString(report.index())).contains("event-only", "snapshot");
        assertThat(millis).as("report generation time in ms (budget 10 s on an idle machine)").isLessThan(120_000);
    }
}
