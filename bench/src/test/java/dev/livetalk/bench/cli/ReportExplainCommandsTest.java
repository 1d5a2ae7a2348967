package dev.livetalk.bench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report's {@code livetalk explain} commands name the run's folders relative to the report's
 * folder, and say so: a report copied elsewhere with its run (a CI artifact) keeps them working.
 */
class ReportExplainCommandsTest extends CommandLineTest {
    private static final Pattern COMMAND =
            Pattern.compile("<code>livetalk explain (\\S+) (\\S+) --strategy (\\S+)</code>");

    @TempDir
    Path dir;

    @Test
    void shouldNameTheScenarioFolderRelativeToTheReportsFolderAndTellStoriesFromACopy() throws Exception {
        Path scenario = Files.writeString(dir.resolve("sim-outage.yaml"), SimOutage.YAML);
        Path run = dir.resolve("ci/run");
        assertThat(run("run", scenario.toString(), "--network", "sim", "--out", run.toString(), "-q"))
                .as(err.toString()).isZero();
        assertThat(run("report", run.toString(), "--out", dir.resolve("ci/report").toString(), "-q"))
                .as(err.toString()).isZero();

        String own = Files.readString(run.resolve("index.html"));
        String other = Files.readString(dir.resolve("ci/report/index.html"));
        assertThat(own).doesNotContain("livetalk explain " + dir).contains("<code>livetalk explain sim-outage ",
                "The commands name the run's folders relative to this report's folder: run them there");
        assertThat(other).doesNotContain("livetalk explain " + dir).contains("<code>livetalk explain ../run/sim-outage ");

        Path copy = dir.resolve("artifact");
        copyTree(dir.resolve("ci"), copy);
        tellsFrom(copy.resolve("run"), own);
        tellsFrom(copy.resolve("report"), other);
    }

    /** The page's first command, run from {@code folder} (its path resolved there), tells a story. */
    private void tellsFrom(Path folder, String page) {
        Matcher command = COMMAND.matcher(page);
        assertThat(command.find()).as(page).isTrue();
        Path named = folder.resolve(command.group(1)).normalize();
        assertThat(named).startsWith(dir.resolve("artifact"));
        out.getBuffer().setLength(0);
        assertThat(run("explain", named.toString(), command.group(2), "--strategy", command.group(3)))
                .as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("== sim-outage / " + command.group(3) + " ==");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }
}
