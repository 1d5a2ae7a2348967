package dev.livetalk.reports;

import dev.livetalk.metrics.gate.Tolerance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Opens the generated page of the recorded suite (its outage run given correctness over time
 * and convergence per client, plus a second seed of one scenario with a budget not judged, and a
 * baseline) in headless Chromium: every image loads, no script or console error, every
 * scenario section is there; at a 1400 px window nothing reaches past the window or its
 * container and no text is clipped ({@code layout-check.js}, injected into a copy of the page);
 * writes {@code target/report-it/screenshot.png} (1400 px wide, the whole page up to 16000 px)
 * for a person.
 */
class IndexPageIT {
    private static final Path OUT = Path.of("target/report-it").toAbsolutePath();
    /** The window the page must fit: a laptop's browser. */
    private static final int WIDTH = 1400;
    /** Chromium draws no taller screenshot in one piece. */
    private static final int MAX_SCREENSHOT_HEIGHT = 16_000;
    private static Chromium chromium;
    private static ReportWriter.Report report;

    @BeforeAll
    static void renderAndFindChromium() throws IOException, InterruptedException {
        deleteTree(OUT);
        Files.createDirectories(OUT);
        List<RunFolder> runs = new ArrayList<>(Fixtures.runs());
        runs.set(2, RunFolder.read(Fixtures.copy("outage", OUT.resolve("input/outage"), // as newer documents hold
                d -> Fixtures.with(d, d.seed(), s -> Fixtures.withCorrectnessOverTime(s, 8)))));
        runs.add(RunFolder.read(Fixtures.copy("outage", OUT.resolve("input/outage-seed7"),
                d -> Fixtures.with(d, 7, s -> Fixtures.withLost(s, 2, false)).withNotJudged(List.of(
                        new dev.livetalk.metrics.results.UnjudgedBudget("peer-final p(99) < 800ms during in every room"
                                + " for gap-fill, snapshot", List.of("gap-fill", "snapshot")))))));
        Baseline baseline = new Baseline(List.of(Fixtures.runs().get(2).document()), Tolerance.DEFAULT);
        report = ReportWriter.writeRuns(runs, OUT.resolve("report"), Optional.of(baseline));
        try {
            chromium = Chromium.findOrInstall(OUT);
        } catch (IllegalStateException e) {
            String banner = "#".repeat(78);
            System.err.println(banner + "\n# CHROMIUM IS MISSING AND COULD NOT BE INSTALLED: the page checks did NOT run.\n# "
                    + e.getMessage().replace("\n", "\n# ") + "\n" + banner);
            fail("headless Chromium is needed for the page checks and could not be installed: " + e.getMessage());
        }
    }

    @Test
    void shouldLoadEveryImageWithoutErrorsAndShowEveryScenario() throws IOException, InterruptedException {
        Chromium.Output dom = chromium.run(report.index(), "dump-dom", "--virtual-time-budget=10000", "--dump-dom");

        assertThat(dom.exitCode()).as(dom.stderr()).isZero();
        Matcher marker = Pattern.compile("<div id=\"report-check\"([^>]*)>([^<]*)</div>").matcher(dom.stdout());
        assertThat(marker.find()).as("the page's check marker in\n" + dom.stdout()).isTrue();
        String attributes = marker.group(1);
        long images = Pattern.compile("<img ").matcher(Files.readString(report.index())).results().count();
        assertThat(images).isGreaterThanOrEqualTo(3 * 7);
        assertThat(attributes).as("problems: " + marker.group(2))
                .contains("data-state=\"ok\"", "data-broken=\"0\"", "data-errors=\"0\"", "data-images=\"" + images + "\"",
                        "data-sections=\"3\"");
        for (String scenario : Fixtures.SCENARIOS) {
            assertThat(dom.stdout()).contains("<section class=\"scenario\" id=\"scenario-" + scenario + "\"");
        }
        assertThat(dom.stdout()).contains("Spread across seeds", "Against the baseline")
                .contains("charts/03-outage-correctness.png", "<td class=\"num bad\">never</td>")
                .contains("This results document holds no per-interval correctness counts") // the older fixtures
                .contains("<li>outage (seed 7): budget `peer-final p(99) &lt; 800ms during in every room for gap-fill,"
                        + " snapshot`: not judged: it is for gap-fill, snapshot, which the run did not play</li>");
        assertThat(dom.stderr().lines().filter(l -> l.contains(":CONSOLE")).toList()).as("console messages").isEmpty();
    }

    @Test
    void shouldFitA1400PixelWindowWithNothingClippedOrOverflowing() throws IOException, InterruptedException {
        Layout layout = layoutAt(report.index(), WIDTH);

        assertThat(layout.viewport()).isEqualTo(WIDTH);
        assertThat(layout.findings()).as("what does not fit a " + WIDTH + " px window (layout-check.js)").isEmpty();
    }

    @Test
    void shouldWriteAScreenshotForAPerson() throws IOException, InterruptedException {
        Path screenshot = OUT.resolve("screenshot.png");
        int height = Math.min(MAX_SCREENSHOT_HEIGHT, Math.max(1000, layoutAt(report.index(), WIDTH).height()));

        Chromium.Output shot = chromium.run(report.index(), "screenshot", "--virtual-time-budget=10000",
                "--window-size=" + WIDTH + "," + height, "--screenshot=" + screenshot);

        assertThat(shot.exitCode()).as(shot.stderr()).isZero();
        BufferedImage image = ImageIO.read(screenshot.toFile());
        assertThat(image.getWidth()).isEqualTo(WIDTH);
        assertThat(image.getHeight()).isEqualTo(height);
        System.out.println("screenshot of the report at " + WIDTH + " px: " + screenshot);
    }

    /** What {@code layout-check.js} found. */
    record Layout(int viewport, int height, List<String> findings) {
    }

    /**
     * Opens a copy of {@code index} (beside it, so that its images load) with
     * {@code layout-check.js} added, in a window {@code width} px wide, and reads what the
     * script wrote into the page.
     */
    static Layout layoutAt(Path index, int width) throws IOException, InterruptedException {
        String script;
        try (var in = IndexPageIT.class.getResourceAsStream("layout-check.js")) {
            script = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String page = Files.readString(index);
        int end = page.lastIndexOf("</body>");
        assertThat(end).as("</body> in " + index).isPositive();
        Path copy = index.resolveSibling("layout-check-" + index.getFileName());
        Files.writeString(copy, page.substring(0, end) + "<script>\n" + script + "</script>\n" + page.substring(end));
        Chromium.Output dom = chromium.run(copy, "layout-" + width, "--virtual-time-budget=10000",
                "--window-size=" + width + ",1000", "--dump-dom");
        assertThat(dom.exitCode()).as(dom.stderr()).isZero();
        Matcher m = Pattern.compile("<pre id=\"layout-check\" data-findings=\"(\\d+)\" data-viewport=\"(\\d+)\" "
                + "data-height=\"(\\d+)\">([^<]*)</pre>").matcher(dom.stdout());
        assertThat(m.find()).as("the layout check's findings in\n" + dom.stdout()).isTrue();
        List<String> findings = m.group(4).isEmpty() ? List.of()
                : m.group(4).lines().map(l -> l.replace("&gt;", ">").replace("&lt;", "<").replace("&amp;", "&")).toList();
        assertThat(findings).hasSize(Integer.parseInt(m.group(1)));
        return new Layout(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), findings);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
