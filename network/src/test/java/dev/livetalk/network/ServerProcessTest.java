package dev.livetalk.network;

import dev.livetalk.run.RunSetup;
import dev.livetalk.scenarios.LoaderOptions;
import dev.livetalk.scenarios.Scenario;
import dev.livetalk.scenarios.ScenarioLoader;
import dev.livetalk.server.CommitListener;
import dev.livetalk.server.ServerArguments;
import dev.livetalk.server.ServerConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The child server's command line, as a run on Toxiproxy builds it from a scenario. */
class ServerProcessTest {
    private static final String HEAD = """
            name: t
            seed: 1
            duration: 1s
            users: [alice]
            rooms: [{name: lobby, members: [alice]}]
            load: {rate: 1}
            """;

    @Test
    void shouldCarryTheScenariosServerBlockToTheChildsConfig() throws Exception {
        Scenario scenario = ScenarioLoader.parse("t.yaml", HEAD + "server: {history-limit: 7, dedupe-window: 2}\n",
                LoaderOptions.DEFAULTS);

        ServerArguments arguments = ServerProcess.arguments(RunSetup.server(scenario).build(), 4001, null);
        ServerConfig child = ServerArguments.parse(arguments.toArgs()).config(CommitListener.NONE);

        assertThat(child.historyLimit()).isEqualTo(7);
        assertThat(child.dedupeWindow()).isEqualTo(2);
    }

    @Test
    void shouldLeaveTheServersDefaultsWithoutAServerBlock() throws Exception {
        Scenario scenario = ScenarioLoader.parse("t.yaml", HEAD, LoaderOptions.DEFAULTS);

        ServerArguments arguments = ServerProcess.arguments(RunSetup.server(scenario).build(), 4001, null);
        ServerConfig child = ServerArguments.parse(arguments.toArgs()).config(CommitListener.NONE);

        assertThat(child.historyLimit()).isEqualTo(10_000);
        assertThat(child.dedupeWindow()).isEqualTo(10_000);
    }
}
