package dev.livetalk.scenarios;

/**
 * How a client connects: one WebSocket for everything, or a split pair (one to send, one to
 * receive) whose paths can be faulted separately.
 *
 * <p>Immutable; any thread.
 */
public enum ClientShape {
    SINGLE("single"),
    SPLIT("split");

    private final String yamlName;

    ClientShape(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }
}
