package dev.livetalk.scenarios.fault;

import java.util.Objects;

/**
 * One entry of a scenario's fault timeline: what ({@link Fault}), when ({@link Timing}),
 * which way ({@link DirectionSelector}) and where ({@link Target}). {@code name} is unique within the
 * scenario ({@code type#index} unless the file names it).
 *
 * <p>Immutable; any thread.
 */
public record FaultSpec(String name, Fault fault, Timing timing, DirectionSelector direction, Target target) {
    public FaultSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fault, "fault");
        Objects.requireNonNull(timing, "timing");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(target, "target");
    }
}
