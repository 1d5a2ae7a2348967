package dev.livetalk.network;

import dev.livetalk.network.toxiproxy.ToxiproxyLocator;
import dev.livetalk.run.ClientLayout;
import dev.livetalk.scenarios.LoaderOptions;
import dev.livetalk.scenarios.Scenario;
import dev.livetalk.scenarios.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How many client links (one Toxiproxy proxy each) a scenario opens, which the backend checks
 * against the server before a run: the default suite fits the Docker route's 32, the scale
 * scenario does not.
 */
class ScenarioLinksTest {
    private static final Path LIBRARY = Path.of("../scenarios");

    private static Scenario load(Path file) throws Exception {
        return ScenarioLoader.load(file, LoaderOptions.DEFAULTS);
    }

    @ParameterizedTest
    @CsvSource({"baseline.yaml, 8", "split-paths.yaml, 16", "thundering-herd.yaml, 12", "scale/200-clients.yaml, 200"})
    void shouldCountOneLinkPerSingleClientAndTwoPerSplitClient(String file, int links) throws Exception {
        assertThat(ClientLayout.of(load(LIBRARY.resolve(file))).linkCount()).isEqualTo(links);
    }

    @Test
    void shouldFitEveryDefaultScenarioOnTheDockerRoute() throws Exception {
        int checked = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(LIBRARY, "*.yaml")) {
            for (Path file : files) {
                assertThat(ClientLayout.of(load(file)).linkCount()).as(file.toString())
                        .isLessThanOrEqualTo(ToxiproxyLocator.DOCKER_LINK_LIMIT);
                checked++;
            }
        }
        assertThat(checked).as("scenarios in " + LIBRARY).isGreaterThanOrEqualTo(9);
    }
}
