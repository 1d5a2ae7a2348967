package dev.livetalk.bench.cli;

/**
 * The small outage the command tests play in the simulator: four users in one room, every link
 * down for 1 s, event-only against reconcile (about a second of wall time).
 */
final class SimOutage {
    /** The scenario file's text, without budgets. */
    static final String YAML = """
            name: sim-outage
            seed: 4
            duration: 4s
            warmup: 500ms
            quiesce: 3s
            users: [ann, ben, cat, dan]
            rooms:
              - name: lobby
                members: all
            load:
              rate: 4
            strategies: [event-only, reconcile]
            faults:
              - type: down
                at: 1s
                for: 1s
                target: all
            """;

    /** The same without the outage's event-only: {@code sim-calm}, reconcile alone (a second scenario for sharded runs). */
    static final String CALM = YAML.replace("name: sim-outage", "name: sim-calm")
            .replace("strategies: [event-only, reconcile]", "strategies: [reconcile]");

    private SimOutage() {
    }
}
