package dev.livetalk.bench.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CI audits the library's scenarios: each of {@code scenarios/*.yaml} played in the simulator
 * through {@code livetalk run --network sim}, then {@code livetalk audit} of its folder: every
 * figure of results.json agrees with its recount from the ledger. {@code slow-link} is skipped,
 * saying why: the simulator cannot play bandwidth (checked here, so a skip never hides another
 * failure).
 */
class AuditLibraryIT extends CommandLineTest {
    private static final Path LIBRARY = Path.of(System.getProperty("livetalk.scenarios", "../scenarios"));

    @TempDir
    Path dir;

    static List<String> library() throws IOException {
        try (Stream<Path> files = Files.list(LIBRARY)) {
            return files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".yaml")).sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("library")
    void shouldAgreeOnEveryFigureOfALibraryScenarioPlayedInTheSimulator(String file) {
        Path outDir = dir.resolve("out");
        int code = run("run", LIBRARY.resolve(file).toString(), "--network", "sim", "--out", outDir.toString());
        if (file.equals("slow-link.yaml")) {
            assertThat(code).isEqualTo(ExitCode.INVALID_INPUT.code());
            assertThat(err.toString()).contains("network sim cannot play bandwidth",
                    "--network sim plays only the scenarios whose faults it can play: name those files");
            Assumptions.abort("slow-link cannot be simulated: " + err.toString().strip().lines().reduce((a, b) -> b)
                    .orElse(""));
        }
        assertThat(code).as(err.toString()).isIn(ExitCode.OK.code(), ExitCode.BUDGET_FAILED.code());
        out.getBuffer().setLength(0);
        assertThat(run("audit", outDir.toString())).as(out + "\n" + err).isZero();
        assertThat(out.toString()).containsPattern("audit: \\d+ figures checked in 1 scenario, all agree");
    }
}
