package dev.livetalk.junit;

import java.nio.file.Path;

/** Scenarios the extension's tests play. */
final class Fixtures {
    private Fixtures() {
    }

    /** The project's scenario file {@code scenarios/NAME.yaml} (the pom names the folder). */
    static ScenarioSource scenarioFile(String name) {
        String folder = System.getProperty("livetalk.scenarios", "../scenarios");
        return ScenarioSource.file(Path.of(folder, name + ".yaml"));
    }

    /** outage.yaml's outage, with a budget event-only cannot keep: it loses what was sent while it was away. */
    static final String OUTAGE_BUDGETS = """
            name: outage-budgets
            description: All proxies down for 2 s, with budgets for event-only.
            seed: 4
            duration: 5s
            warmup: 1s
            quiesce: 3s
            users: {count: 8, prefix: user}
            rooms: {count: 2, prefix: room}
            load:
              rate: 2
              arrival: constant
            strategies: [event-only, reconcile]
            faults:
              - type: down
                name: outage
                at: 1s
                for: 2s
                target: all
            budgets:
              - lost == 0
              - duplicates == 0 for event-only
              - converged == 100% for event-only
            """;
}
