package dev.livetalk.reports;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No chart label is clipped: every chart of a report, at the size the report draws it, leaves a
 * blank frame at the image's edges. A tick label, title or legend cut by the edge (the fault
 * timeline's last tick once read "11.(") leaves ink there; nothing of a chart is meant to touch
 * it (the plot's grid and bands sit inside the axes).
 */
class ChartEdgesTest {
    /** Pixels along each edge that must hold only the background. */
    private static final int FRAME = 2;

    @TempDir
    Path temp;

    @Test
    void shouldDrawNoInkOnTheEdgesOfAnyChartOfTheRecordedSuite() throws IOException {
        List<RunFolder> runs = new ArrayList<>(Fixtures.runs());
        runs.set(2, RunFolder.read(Fixtures.copy("outage", temp.resolve("input/outage"),
                d -> Fixtures.with(d, d.seed(), s -> Fixtures.withRooms(Fixtures.withCorrectnessOverTime(s, 8), 4)))));
        ReportWriter.Report report = ReportWriter.writeRuns(runs, temp.resolve("report"), Optional.empty());

        assertThat(inkOnEdges(report.index().getParent())).isEmpty();
    }

    @Test
    void shouldDrawNoInkOnTheEdgesOfChartsWithTwoDigitSecondsAndEveryStrategy() throws IOException {
        List<Path> files = SyntheticSuite.write(temp.resolve("suite"), 1, 11, 7L);
        ReportWriter.Report report = ReportWriter.writeRuns(files.stream().map(RunFolder::read).toList(),
                temp.resolve("report"), Optional.empty());

        assertThat(inkOnEdges(report.index().getParent())).isEmpty();
    }

    /** Per chart with ink on its frame: the file, the edge and the first such pixel. */
    static List<String> inkOnEdges(Path reportDir) throws IOException {
        List<Path> pngs;
        try (Stream<Path> files = Files.list(reportDir.resolve(ChartFiles.FOLDER))) {
            pngs = files.filter(f -> f.toString().endsWith(".png")).sorted().toList();
        }
        assertThat(pngs).as("charts drawn").isNotEmpty();
        List<String> found = new ArrayList<>();
        for (Path png : pngs) {
            BufferedImage image = ImageIO.read(png.toFile());
            int background = image.getRGB(image.getWidth() / 2, 0); // the title's row, between letters or above them
            edge(image, background, png, found);
        }
        return found;
    }

    private static void edge(BufferedImage image, int background, Path png, List<String> found) {
        int w = image.getWidth();
        int h = image.getHeight();
        for (int d = 0; d < FRAME; d++) {
            for (int y = 0; y < h; y++) {
                check(image, d, y, "left", background, png, found);
                check(image, w - 1 - d, y, "right", background, png, found);
            }
            for (int x = 0; x < w; x++) {
                check(image, x, d, "top", background, png, found);
                check(image, x, h - 1 - d, "bottom", background, png, found);
            }
        }
    }

    private static void check(BufferedImage image, int x, int y, String edge, int background, Path png,
                              List<String> found) {
        String prefix = png.getFileName() + " " + edge + " edge";
        if ((image.getRGB(x, y) & 0xffffff) != (background & 0xffffff)
                && found.stream().noneMatch(f -> f.startsWith(prefix))) {
            found.add(prefix + ": ink at (" + x + ", " + y + ") of " + image.getWidth() + "x" + image.getHeight()
                    + " (a label cut by the edge)");
        }
    }
}
