package dev.livetalk.reports;

import dev.livetalk.metrics.drift.Drift;
import dev.livetalk.metrics.drift.DriftMinute;
import dev.livetalk.metrics.drift.DriftTrend;
import dev.livetalk.metrics.drift.MinuteCorrectness;
import dev.livetalk.metrics.drift.MinuteLatency;
import dev.livetalk.metrics.results.StrategyResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The drift section of index.html and summary.md: only for runs with a drift block, parsed back. */
class DriftReportTest {
    private static final long MS = 1_000_000L;
    private static final Pattern ROW = Pattern.compile("<tr>(.*?)</tr>");
    private static final Pattern CELL = Pattern.compile("<td[^>]*>(.*?)</td>");

    @TempDir
    Path temp;

    /**
     * Five minutes: reconcile's peer-final p99 rises 10, 12, 14, 16, 18 ms (marked), event-only's
     * stays at 10 ms; scheduling lag 1 ms throughout.
     */
    static StrategyResult withDrift(StrategyResult s) {
        boolean rising = s.strategy().equals("reconcile");
        List<DriftMinute> minutes = new ArrayList<>();
        for (int m = 0; m < 5; m++) {
            long p99 = rising ? (10 + 2 * m) * MS : 10 * MS;
            minutes.add(new DriftMinute(m, m * Drift.MINUTE_NANOS, List.of(
                    new MinuteLatency("peer-final", 600, p99 / 2, p99, p99 + MS, m == 4 ? 1 : 0),
                    new MinuteLatency("scheduling-lag", 300, MS / 2, MS, MS, 0)),
                    new MinuteCorrectness(60, m, m, 0.5, 1, 0, 0)));
        }
        List<DriftTrend> trends = List.of(
                rising ? new DriftTrend("peer-final", 5, 10 * MS, 18 * MS, 80.0, 2.0 * MS, 10.0 * MS, 10L, 2.0 / 120, true)
                        : new DriftTrend("peer-final", 5, 10 * MS, 10 * MS, 0.0, 0.0, 10.0 * MS, 0L, 1.0, false),
                new DriftTrend("scheduling-lag", 5, MS, MS, 0.0, 0.0, 1.0 * MS, 0L, 1.0, false));
        Drift drift = new Drift(Drift.MINUTE_NANOS, Drift.ALPHA, Drift.PRACTICAL_PERCENT, Drift.PRACTICAL_FLOOR_NANOS,
                minutes, trends);
        return new StrategyResult(s.strategy(), s.correctness(), s.latency(), s.budgets(), s.examples(), s.hlogs(),
                s.convergenceByClient(), s.correctnessOverTime(), s.rooms(), s.recovery(), s.ackedLost(), s.cost(),
                drift);
    }

    private static List<List<String>> rows(String table) {
        List<List<String>> rows = new ArrayList<>();
        Matcher row = ROW.matcher(table);
        while (row.find()) {
            List<String> cells = new ArrayList<>();
            Matcher cell = CELL.matcher(row.group(1));
            while (cell.find()) {
                cells.add(cell.group(1));
            }
            if (!cells.isEmpty()) {
                rows.add(cells);
            }
        }
        return rows;
    }

    @Test
    void shouldSayARiseRoseWhenItsTheilSenSlopeIsZero() {
        // 10 ms for 8 minutes, then 20 ms for 4 (DriftTest.shouldMarkAStepUpWhoseTheilSenSlopeIsZero):
        // marked, its median pairwise slope 0
        List<DriftMinute> minutes = new ArrayList<>();
        for (int m = 0; m < 12; m++) {
            long p99 = (m < 8 ? 10 : 20) * MS;
            minutes.add(new DriftMinute(m, m * Drift.MINUTE_NANOS,
                    List.of(new MinuteLatency("peer-final", 1200, p99, p99, p99, 0)), new MinuteCorrectness(0, 0, 0, 0, 0, 0, 0)));
        }
        DriftTrend step = new DriftTrend("peer-final", 12, 10 * MS, 20 * MS, 100.0, 0.0, 10.0 * MS, 32L, 0.0085, true);
        Drift drift = new Drift(Drift.MINUTE_NANOS, Drift.ALPHA, Drift.PRACTICAL_PERCENT, Drift.PRACTICAL_FLOOR_NANOS,
                minutes, List.of(step));

        assertThat(DriftTable.sentence("reconcile", drift, step)).startsWith(
                "reconcile: peer-final p99 rose from 10.0 ms in the first full minute to 20.0 ms in minute 12 (+100.0%,");
    }

    @Test
    void shouldRenderTheDriftSectionOfARunWithADriftBlock() throws IOException {
        Path results = Fixtures.copy("outage", temp.resolve("in/outage"),
                doc -> Fixtures.with(doc, doc.seed(), DriftReportTest::withDrift));

        ReportWriter.Report report = ReportWriter.write(List.of(results), temp.resolve("out"), Optional.empty());

        String html = Files.readString(report.index());
        int start = html.indexOf("-drift\">Drift</h3>");
        assertThat(start).as("the drift heading").isPositive();
        String section = html.substring(start, html.indexOf("<h3>", start));
        assertThat(section).contains("<img src=\"charts/").contains("drift per minute")
                .contains("<li>reconcile: peer-final p99 rose from 10.0 ms in the first full minute to 18.0 ms in "
                        + "minute 5 (+80.0%, +2.00 ms per minute, p = 0.017).</li>")
                .doesNotContain("<li>event-only");
        int table = section.indexOf("<h4>reconcile</h4>");
        String reconcile = section.substring(table, section.indexOf("</table>", table));
        assertThat(rows(reconcile)).containsExactly(
                List.of("peer-final", "10.0 ms", "18.0 ms", "+80.0%", "+2.00 ms", "0.017", "marked"),
                List.of("scheduling-lag", "1.0 ms", "1.0 ms", "+0.0%", "+0.00 ms", "1.000", "-"));
        assertThat(section).contains("<th>first minute p99</th><th>last minute p99</th><th>change</th>"
                + "<th>slope per minute</th><th>p-value</th><th>marked</th>");
        assertThat(Files.list(temp.resolve("out/charts")).map(p -> p.getFileName().toString()))
                .anyMatch(n -> n.endsWith("-drift.png")).anyMatch(n -> n.endsWith("-drift.svg"));

        String md = Files.readString(report.summary());
        String drift = md.substring(md.indexOf("### Drift"));
        assertThat(drift).contains("**outage** / reconcile\n\n| metric | first minute p99 | last minute p99 | change | "
                        + "slope per minute | p-value | marked |\n")
                .contains("| peer-final | 10.0 ms | 18.0 ms | +80.0% | +2.00 ms | 0.017 | **marked** |\n")
                .contains("**outage** / event-only")
                .contains("| peer-final | 10.0 ms | 10.0 ms | +0.0% | +0.00 ms | 1.000 | - |\n")
                .contains("marked: p-value below 0.05 and the p99 moved from the first full minute to the last, the way "
                        + "the test says, by at least 20% and 1.0 ms");
    }

    /** The outage fixture's results.json with four full minutes of peer-final rising 10, 12, 14, 16 ms, unmarked. */
    private Path fourRisingMinutes() throws IOException {
        return Fixtures.copy("outage", temp.resolve("in/outage"), doc -> Fixtures.with(doc, doc.seed(), s -> {
            List<DriftMinute> minutes = new ArrayList<>();
            for (int m = 0; m < 4; m++) {
                long p99 = (10 + 2 * m) * MS;
                minutes.add(new DriftMinute(m, m * Drift.MINUTE_NANOS,
                        List.of(new MinuteLatency("peer-final", 600, p99 / 2, p99, p99 + MS, 0)),
                        new MinuteCorrectness(60, 0, 0, 0, 0, 0, 0)));
            }
            Drift drift = new Drift(Drift.MINUTE_NANOS, Drift.ALPHA, Drift.PRACTICAL_PERCENT,
                    Drift.PRACTICAL_FLOOR_NANOS, minutes, List.of(new DriftTrend("peer-final", 4, 10 * MS, 16 * MS,
                    60.0, 2.0 * MS, 10.0 * MS, 6L, 2.0 / 24, false)));
            return new StrategyResult(s.strategy(), s.correctness(), s.latency(), s.budgets(), s.examples(), s.hlogs(),
                    s.convergenceByClient(), s.correctnessOverTime(), s.rooms(), s.recovery(), s.ackedLost(), s.cost(),
                    drift);
        }));
    }

    /**
     * Four full minutes (a 4-minute soak cut): the Mann-Kendall test cannot reach p < 0.05 with
     * fewer than 5 (at best 2/24 = 0.083), so no trend can be marked however the p99 moves; the
     * report says so rather than "no latency p99 moved significantly", which read as evidence of no
     * drift. Here peer-final rises steadily 10, 12, 14, 16 ms (+60%), unmarkable.
     */
    @Test
    void shouldSayThatNoTrendCanBeMarkedInFewerThanFiveMinutes() throws IOException {
        Path results = fourRisingMinutes();

        ReportWriter.Report report = ReportWriter.write(List.of(results), temp.resolve("out"), Optional.empty());

        String html = Files.readString(report.index());
        int start = html.indexOf("-drift\">Drift</h3>");
        String section = html.substring(start, html.indexOf("<h3>", start));
        assertThat(section).contains("<li>No trend can be marked: 4 full minutes, and with fewer than 5 the"
                        + " Mann-Kendall test cannot reach p &lt; 0.05 (at best p = 0.083); a trend needs a run of at"
                        + " least 5 full minutes after the warm-up to be marked (a drift budget, judged on the change"
                        + " from the first full minute to the last, is judged all the same).</li>")
                .doesNotContain("moved significantly", "to be judged.");
    }

    /**
     * A results.json whose drift block has no alpha (an older or hand-written file: the field reads as
     * 0) and too few minutes for a trend: the sentence on the minutes needed looked for an n with
     * 2 / n! below 0, which none has, and the report never ended.
     */
    @Test
    @org.junit.jupiter.api.Timeout(value = 20, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldEndTheReportOfADriftBlockWithoutAnAlpha() throws IOException {
        Path results = fourRisingMinutes();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode document =
                (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(results.toFile());
        for (com.fasterxml.jackson.databind.JsonNode strategy : document.get("strategies")) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) strategy.get("drift")).remove("alpha");
        }
        json.writeValue(results.toFile(), document);

        ReportWriter.Report report = ReportWriter.write(List.of(results), temp.resolve("out"), Optional.empty());

        String html = Files.readString(report.index());
        int start = html.indexOf("-drift\">Drift</h3>");
        assertThat(start).isNotNegative();
        assertThat(html.substring(start, html.indexOf("<h3>", start)))
                .as("without an alpha no number of minutes is named").contains("No marked trend")
                .doesNotContain("No trend can be marked");
    }

    @Test
    void shouldShowNoDriftSectionForRunsWithoutADriftBlock() throws IOException {
        ReportWriter.Report report = ReportWriter.write(Fixtures.resultsFiles(), temp, Optional.empty());

        assertThat(Files.readString(report.index())).doesNotContain(">Drift</h3>").doesNotContain("drift per minute");
        assertThat(Files.readString(report.summary())).doesNotContain("### Drift");
        assertThat(Files.list(temp.resolve("charts")).map(p -> p.getFileName().toString()))
                .noneMatch(n -> n.contains("-drift."));
    }
}
