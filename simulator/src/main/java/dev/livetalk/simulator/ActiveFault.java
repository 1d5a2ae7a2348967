package dev.livetalk.simulator;

import dev.livetalk.protocol.Direction;

import dev.livetalk.scenarios.fault.DirectionSelector;
import dev.livetalk.scenarios.fault.Fault;
import dev.livetalk.scenarios.fault.FaultWindow;

/**
 * One fault window while it acts on the simulated links it targets, with its times on the
 * virtual clock. The same instance sits in the fault list of every {@link LinkSlot} it hits.
 *
 * <p>Immutable; touched by the simulation thread only.
 */
final class ActiveFault {
    final FaultWindow window;
    final Fault fault;
    final long start;
    final long end;
    private final boolean up;
    private final boolean down;

    ActiveFault(FaultWindow window, long start, long end) {
        this.window = window;
        this.fault = window.parameters();
        this.start = start;
        this.end = end;
        boolean both = !window.kind().directional() || window.direction() == DirectionSelector.BOTH;
        this.up = both || window.direction() == DirectionSelector.UPSTREAM;
        this.down = both || window.direction() == DirectionSelector.DOWNSTREAM;
    }

    /** Whether the fault acts on frames travelling {@code way}. */
    boolean acts(Direction way) {
        return way == Direction.UPSTREAM ? up : down;
    }

    @Override
    public String toString() {
        return window.fault() + "#" + window.occurrence();
    }
}
