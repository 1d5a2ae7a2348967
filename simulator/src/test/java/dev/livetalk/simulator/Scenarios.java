package dev.livetalk.simulator;

import dev.livetalk.scenarios.Backend;
import dev.livetalk.scenarios.LoaderOptions;
import dev.livetalk.scenarios.Scenario;
import dev.livetalk.scenarios.ScenarioException;
import dev.livetalk.scenarios.ScenarioLoader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Scenario files for tests: the library's, and ones written inline; loaded for the simulator. */
final class Scenarios {
    static final LoaderOptions SIM = LoaderOptions.DEFAULTS.withNetwork(Backend.SIM);

    /**
     * The library's outage as it was written for this test (a copy, so that tuning the library
     * does not move the assertions): every link down for 3 s, 8 users in 2 rooms.
     */
    static final String OUTAGE = """
            name: outage
            seed: 4
            duration: 8s
            warmup: 1s
            quiesce: 4s
            users: {count: 8, prefix: user}
            rooms: {count: 2, prefix: room}
            load:
              rate: 2
              arrival: constant
            strategies: [event-only, reconcile]
            faults:
              - type: down
                name: outage
                at: 2s
                for: 3s
                target: all
            budgets:
              - lost == 0 for reconcile
              - duplicates == 0 for reconcile
              - converged == 100% for reconcile
              - convergence max < 5s for reconcile
              - stuck-pending == 0 for reconcile
            """;

    private Scenarios() {
    }

    /**
     * Every user in three rooms, through an outage and a restart without durable history: a client's
     * convergence, its examples and its requests cross its rooms (in the library each client has one room).
     */
    static final String THREE_ROOMS_EACH = """
            name: three-rooms-each
            seed: 7
            duration: 6s
            warmup: 1s
            quiesce: 3s
            users: {count: 6, prefix: user}
            rooms:
              - {name: alpha, members: all}
              - {name: beta, members: all}
              - {name: gamma, members: all}
            load: {rate: 3, arrival: poisson}
            faults:
              - {type: down, name: outage, at: 1s, for: 1s, target: {share: 0.5}}
              - {type: restart, name: deploy, at: 3500ms, for: 500ms, durable: false}
            """;

    /** {@link #OUTAGE}, loaded for the simulator. */
    static Scenario outage() {
        return parse("outage", OUTAGE);
    }

    /**
     * A file of the scenario library, by its path below the project's {@code scenarios/}
     * (the system property {@code livetalk.scenarios}, which the pom sets, else found by
     * walking up from the working directory).
     */
    static Scenario library(String file) {
        try {
            return ScenarioLoader.load(libraryFolder().resolve(file), SIM);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ScenarioException e) {
            throw new IllegalStateException(e.errors().toString(), e);
        }
    }

    /**
     * The library's scenarios (the files directly in {@code scenarios/}) that the simulator plays, by
     * name, sorted: every one but those {@link #NOT_SIMULATED}. Read from the folder, so that a
     * scenario added to the library is checked by every test that reads this list.
     */
    static List<String> simulated() {
        try (Stream<Path> files = Files.list(libraryFolder())) {
            return files.map(f -> f.getFileName().toString()).filter(name -> name.endsWith(".yaml"))
                    .filter(name -> !NOT_SIMULATED.contains(name)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The library's scenarios the simulator refuses: a fault only Toxiproxy plays (bandwidth). */
    static final Set<String> NOT_SIMULATED = Set.of("slow-link.yaml");

    static Path libraryFolder() {
        String property = System.getProperty("livetalk.scenarios");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("scenarios/outage.yaml"))) {
                return dir.resolve("scenarios");
            }
        }
        throw new IllegalStateException("no scenario library (scenarios/outage.yaml) above " + Path.of("").toAbsolutePath()
                + ": set -Dlivetalk.scenarios=DIR");
    }

    /** A scenario from YAML text. */
    static Scenario parse(String name, String yaml) {
        try {
            return ScenarioLoader.parse(name + ".yaml", yaml, SIM);
        } catch (ScenarioException e) {
            throw new IllegalStateException(e.errors().toString(), e);
        }
    }
}
