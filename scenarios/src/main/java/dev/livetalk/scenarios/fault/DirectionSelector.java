package dev.livetalk.scenarios.fault;

import dev.livetalk.protocol.Direction;

import java.util.List;

/**
 * Which way a fault acts on a link: client to server (upstream), server to client
 * (downstream) or both, as Toxiproxy's {@code stream} field.
 *
 * <p>Immutable; any thread.
 */
public enum DirectionSelector {
    UPSTREAM("upstream"),
    DOWNSTREAM("downstream"),
    BOTH("both");

    private final String yamlName;

    DirectionSelector(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }

    /** The directions this selects: one, or both. */
    public List<Direction> directions() {
        return switch (this) {
            case UPSTREAM -> List.of(Direction.UPSTREAM);
            case DOWNSTREAM -> List.of(Direction.DOWNSTREAM);
            case BOTH -> List.of(Direction.UPSTREAM, Direction.DOWNSTREAM);
        };
    }

    /** Whether this selects {@code direction}. */
    public boolean selects(Direction direction) {
        return this == BOTH || directions().contains(direction);
    }
}
