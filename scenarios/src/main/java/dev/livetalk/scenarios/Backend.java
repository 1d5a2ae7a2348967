package dev.livetalk.scenarios;

/**
 * The network backend that plays a scenario: {@code network: toxiproxy | sim}.
 *
 * <p>Immutable; any thread.
 */
public enum Backend {
    /** Real TCP connections through Toxiproxy: connection-level faults only. */
    TOXIPROXY("toxiproxy"),
    /** The deterministic in-memory simulator: message-level faults as well. */
    SIM("sim");

    private final String yamlName;

    Backend(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The name used in scenario files and on the command line. */
    public String yamlName() {
        return yamlName;
    }
}
