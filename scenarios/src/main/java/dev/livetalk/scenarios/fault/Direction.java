package dev.livetalk.scenarios.fault;

/**
 * Which way a fault acts on a link: client to server (upstream), server to client
 * (downstream) or both, as Toxiproxy's {@code stream} field.
 *
 * <p>Immutable; any thread.
 */
public enum Direction {
    UPSTREAM("upstream"),
    DOWNSTREAM("downstream"),
    BOTH("both");

    private final String yamlName;

    Direction(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }
}
