package dev.livetalk.reports;

import dev.livetalk.metrics.correctness.CorrectnessFigures;
import dev.livetalk.metrics.results.StrategyResult;
import dev.livetalk.metrics.results.UnjudgedBudget;
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
    void shouldKeepTheOverviewOfSeveralSeedsNarrow() throws IOException {
        // two seeds of outage, reconcile's budgets written for two strategies: every figure a range
        // with its median below it (on one line, 3170.9 ms..3846.2 ms (median 3508.6 ms) widened a
        // merged report's overview past 1400 px) and each chip without its "for reconcile, snapshot"
        Path seed9 = Fixtures.copy("outage", temp.resolve("in/seed9"), d -> Fixtures.with(d, 9,
                s -> Fixtures.withLatencyScaled(Fixtures.withLost(s, s.correctness().lost() + 3, false), 1.2)));
        Path seed4 = Fixtures.copy("outage", temp.resolve("in/seed4"), d -> Fixtures.with(d, d.seed(),
                s -> new StrategyResult(s.strategy(), s.correctness(), s.latency(), s.budgets().stream()
                        .map(b -> new dev.livetalk.metrics.results.BudgetVerdict(b.budget().replace(" for reconcile",
                                " for reconcile, gap-fill"), b.strategy(), b.observed(), b.unit(), b.passed(),
                                b.message())).toList(), s.examples(), s.hlogs(), s.convergenceByClient(),
                        s.correctnessOverTime())));

        String html = Files.readString(ReportWriter.write(List.of(seed4, seed9), temp.resolve("out"), Optional.empty())
                .index());
        String overview = html.substring(html.indexOf("<section id=\"overview\""), html.indexOf("</section>"));

        assertThat(overview).contains("68..71<br>(median 69.5)").contains("ms<br>(median ")
                .doesNotContain(" (median ").contains("✓ lost == 0</span>").doesNotContain("for reconcile");
    }

    /**
     * The page lists the budgets no strategy played applied to under the verdict, with their reason,
     * as summary.md does: how many beside a pass, and that nothing was judged under NOT JUDGED.
     */
    @Test
    void shouldListTheBudgetsNotJudgedUnderTheVerdictAsTheSummaryDoes() throws IOException {
        UnjudgedBudget forGapFill = new UnjudgedBudget("lost == 0 for gap-fill", List.of("gap-fill"));
        Path outage = Fixtures.copy("outage", temp.resolve("in/outage"), d -> d.withNotJudged(List.of(forGapFill)));

        ReportWriter.Report report = ReportWriter.write(List.of(outage), temp.resolve("out"), Optional.empty());

        String line = "outage (seed 4): budget `lost == 0 for gap-fill`: not judged: it is for gap-fill, which the run"
                + " did not play";
        String html = Files.readString(report.index());
        assertThat(report.passed()).isTrue();
        assertThat(html).contains("<div class=\"missing\" id=\"not-judged\"><p>Not judged (1 budget):</p>\n<ul>\n<li>"
                + line + "</li>\n</ul></div>\n");
        assertThat(html.indexOf("id=\"not-judged\"")).isGreaterThan(html.indexOf("id=\"verdict\""))
                .isLessThan(html.indexOf("<section id=\"overview\""));
        assertThat(Files.readString(report.summary())).contains("Not judged (1 budget):\n\n- " + line + "\n");

        Path judgedNothing = Fixtures.copy("outage", temp.resolve("in/nothing"), d -> Fixtures.with(d, d.seed(),
                s -> new StrategyResult(s.strategy(), s.correctness(), s.latency(), List.of(), s.examples(), s.hlogs(),
                        s.convergenceByClient(), s.correctnessOverTime())).withNotJudged(List.of(forGapFill)));
        ReportWriter.Report nothing = ReportWriter.write(List.of(judgedNothing), temp.resolve("nothing"),
                Optional.empty());
        assertThat(Files.readString(nothing.index())).contains("id=\"verdict\">NOT JUDGED: ", "<div class=\"missing\""
                + " id=\"not-judged\"><p>Not judged: a scenario's budgets all apply to strategies the run did not"
                + " play.</p>");
    }

    @Test
    void shouldSayWhatTheResultsDoNotHold() throws IOException {
        ReportWriter.Report report = ReportWriter.write(Fixtures.resultsFiles(), temp, Optional.empty());

        String html = Files.readString(report.index());
        assertThat(html).contains("This results document holds no per-interval correctness counts")
                .contains("holds convergence times only aggregated over clients and fault windows")
                .contains("No fault windows: a control run.");
        assertThat(temp.resolve("charts/03-outage-correctness.png")).doesNotExist();
    }

    @Test
    void shouldDrawCorrectnessOverTimeAndTheConvergencePerClientWhenTheResultsHoldThem() throws IOException {
        Path results = Fixtures.copy("outage", temp.resolve("in"),
                d -> Fixtures.with(d, d.seed(), s -> Fixtures.withCorrectnessOverTime(s, 8)));

        ReportWriter.Report report = ReportWriter.write(List.of(results), temp.resolve("out"), Optional.empty());

        String html = Files.readString(report.index());
        assertThat(html).contains("<img src=\"charts/01-outage-correctness.png\"")
                .contains("<th>client</th><th>outage #0 (ends 3.000 s)</th></tr>") // one column, the scheduled end
                .contains("<tr><td>reconcile</td><td>user8</td><td class=\"num\">0.812 s</td></tr>")
                .contains("<tr><td>event-only</td><td>user1</td><td class=\"num bad\">never</td></tr>")
                .doesNotContain("holds no per-interval correctness counts")
                .doesNotContain("only aggregated over clients");
        assertThat(html.indexOf("<td>reconcile</td><td>user8</td>")).as("the slowest client first")
                .isLessThan(html.indexOf("<td>reconcile</td><td>user1</td>"));
        String svg = Files.readString(temp.resolve("out/charts/01-outage-correctness.svg"));
        assertThat(svg).contains("<svg", "correctness over time");
        assertThat(svg.split("fill:rgb\\(220,50,47\\)", -1)).as("the fault window shaded in each of three plots")
                .hasSize(4);
    }

    @Test
    void shouldShowTheSlowestThirtyClientsOfAStrategyAndSayHowManyMore() throws IOException {
        Path results = Fixtures.copy("outage", temp.resolve("in"),
                d -> Fixtures.with(d, d.seed(), s -> Fixtures.withCorrectnessOverTime(s, 35)));

        String html = Files.readString(ReportWriter.write(List.of(results), temp.resolve("out"), Optional.empty())
                .index());

        assertThat(html).contains("<td>reconcile</td><td>user35</td>").contains("<td>reconcile</td><td>user6</td>")
                .doesNotContain("<td>reconcile</td><td>user5</td>")
                .contains("reconcile: 5 more clients, each converged at least as fast as the last one shown");
    }

    @Test
    void shouldShowTheConversationsTableAndChartWhenTheResultsHoldRooms() throws IOException {
        Path results = Fixtures.copy("outage", temp.resolve("in"),
                d -> Fixtures.with(d, d.seed(), s -> Fixtures.withRooms(s, 3)));

        ReportWriter.Report report = ReportWriter.write(List.of(results), temp.resolve("out"), Optional.empty());

        String html = Files.readString(report.index());
        assertThat(html).contains("<h3>Conversations</h3>\n<figure><a href=\"charts/01-outage-conversations.svg\">")
                .contains("<tr><td>reconcile</td><td>room3</td>")
                .doesNotContain("holds no figures per room");
        assertThat(Files.readString(temp.resolve("out/charts/01-outage-conversations.svg")))
                .contains("<svg", "peer-final p99 per room");
        assertThat(Files.readString(report.summary()))
                .contains("<details><summary>Conversations: the worst rooms of each scenario and strategy</summary>")
                .contains("| outage | event-only | room3 | 3 | 0 | 0 | 0 | 1 | 100% | 30.0 ms |\n"
                        + "| outage | event-only | room2 | 2 | 0 | 0 | 0 | 0 | 100% | never |\n");
    }

    @Test
    void shouldSayADocumentWithoutRoomsHoldsNoConversations() throws IOException {
        ReportWriter.Report report = ReportWriter.write(Fixtures.resultsFiles(), temp, Optional.empty());

        assertThat(Files.readString(report.index())).contains("holds no figures per room");
        assertThat(Files.readString(report.summary())).doesNotContain("Conversations");
        assertThat(temp.resolve("charts/03-outage-conversations.png")).doesNotExist();
    }

    @Test
    void shouldShowTheStatusTruthOfEachStrategyAndADashWithoutSilentWait() throws IOException {
        Path results = Fixtures.copy("outage", temp.resolve("in"), d -> Fixtures.with(d, d.seed(), s -> {
            CorrectnessFigures c = s.correctness();
            long unfounded = s.strategy().equals("event-only") ? 64 : 0;
            CorrectnessFigures lying = new CorrectnessFigures(c.clients(), c.convergedClients(), c.convergedShare(),
                    c.lost(), c.duplicates(), c.phantoms(), c.inversions(), c.kendallTau(), c.notInLongestRun(),
                    c.moves(), c.causalViolations(), c.stuckPending(), c.outcomes(), c.convergence(), unfounded, 0,
                    unfounded / 8, 0, 0);
            return new StrategyResult(s.strategy(), lying, s.latency(), s.budgets(), s.examples(), s.hlogs(),
                    s.convergenceByClient(), s.correctnessOverTime());
        }));

        String html = Files.readString(ReportWriter.write(List.of(results), temp.resolve("out"), Optional.empty())
                .index());

        assertThat(html).contains("<h3>Status truth</h3>")
                .containsPattern("<tr><td>event-only</td><td class=\"num\">\\d+</td><td class=\"num bad\">64</td>"
                        + "<td class=\"num\">0</td><td class=\"num bad\">8</td><td class=\"num\">0</td>"
                        + "<td class=\"num\">0</td><td class=\"num\">-</td><td class=\"num\">-</td></tr>");
    }

    @Test
    void shouldShowTheFirstExamplesWithClientTimeAndId() throws IOException {
        ReportWriter.Report report = ReportWriter.write(Fixtures.resultsFiles(), temp, Optional.empty());

        String html = Files.readString(report.index());
        Matcher example = Pattern.compile("<tr><td>event-only</td><td>lost</td><td>(user\\d+)</td><td>room1</td>"
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
        assertThat(report.sections()).hasSize(9);
        assertThat(Files.readString(report.index())).contains("event-only", "snapshot");
        assertThat(millis).as("report generation time in ms (budget 10 s on an idle machine)").isLessThan(120_000);
    }
}
