package dev.livetalk.network.toxiproxy;

import dev.livetalk.network.NetworkBackendException;
import dev.livetalk.network.ToxiproxyBackend;
import dev.livetalk.run.RunPlan;
import dev.livetalk.run.RunProgress;
import dev.livetalk.run.RunSettings;
import dev.livetalk.run.ScenarioRunner;
import dev.livetalk.scenarios.LoaderOptions;
import dev.livetalk.scenarios.Scenario;
import dev.livetalk.scenarios.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Toxiproxy backend refuses, before anything is played or written, a scenario whose client
 * links do not fit on its server at once (a container: 32), counting two links per split client;
 * one that fits passes the check. No Toxiproxy is needed: the check is the server's addressing.
 */
class ToxiproxyBackendCapacityTest {
    private final ToxiproxyServer container = new ToxiproxyServer(URI.create("http://127.0.0.2:48474"), "2.12.0",
            "ghcr.io/shopify/toxiproxy:2.12.0", null,
            ContainerAddressing.toxiproxyContainer("127.0.0.2", port -> port + 40000, port -> { }));

    @TempDir
    Path dir;

    private static Scenario split(int users) throws Exception {
        return ScenarioLoader.parse("split.yaml", """
                name: split-%d
                seed: 1
                duration: 2s
                client-shape: split
                users: {count: %d, prefix: user}
                rooms:
                  - name: lobby
                    members: all
                load:
                  rate: 1
                """.formatted(users, users), LoaderOptions.DEFAULTS);
    }

    @Test
    void shouldRefuseTooManyLinksBeforeAnythingIsPlayed() throws Exception {
        Path folder = dir.resolve("split-17");
        ScenarioRunner runner = new ScenarioRunner(new ToxiproxyBackend(container), RunSettings.DEFAULTS,
                RunProgress.NONE);

        assertThatThrownBy(() -> runner.run(split(17), List.of("reconcile"), 1, folder))
                .isInstanceOf(NetworkBackendException.class)
                .hasMessageContaining("at most 32 client links")
                .hasMessageContaining("scenario split-17 needs 34");
        assertThat(folder).doesNotExist();
    }

    @Test
    void shouldLetAsManyLinksAsTheContainerCarriesPass() throws Exception {
        RunPlan plan = RunPlan.resolve(split(16), 1);
        assertThatCode(() -> new ToxiproxyBackend(container).check(plan)).doesNotThrowAnyException();
    }
}
