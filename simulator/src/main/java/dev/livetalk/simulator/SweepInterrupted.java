package dev.livetalk.simulator;

import dev.livetalk.run.MemoryGuard;

import java.util.Optional;

/**
 * A {@link SeedSweep} stopped before its end: its calling thread was interrupted (a signal to the
 * command), or its heap guard tripped or a run ran out of heap ({@link #heap()}). The seed in
 * progress, and any started after it, were abandoned; {@link #finished()} is the sweep of the
 * seeds that finished before it, which are always the first ones of the range, in order.
 *
 * <p>Immutable; any thread.
 */
public final class SweepInterrupted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient SweepReport finished;
    private final transient MemoryGuard.HeapUse heap;

    /** The sweep was interrupted after {@code finished} (null when no seed had finished). */
    SweepInterrupted(String scenario, SweepReport finished) {
        this(scenario, finished, null);
    }

    /**
     * The sweep stopped after {@code finished} (null when no seed had finished) because the heap was
     * nearly full ({@code heap}), or was interrupted ({@code heap} null).
     */
    SweepInterrupted(String scenario, SweepReport finished, MemoryGuard.HeapUse heap) {
        super("the seed sweep of scenario " + scenario + (heap == null ? " was interrupted"
                : " stopped: " + heap.sentence()));
        this.finished = finished;
        this.heap = heap;
    }

    /** The heap after a collection when the sweep stopped for it; empty when it was interrupted. */
    public Optional<MemoryGuard.HeapUse> heap() {
        return Optional.ofNullable(heap);
    }

    /**
     * The sweep of the seeds that finished, from the first seed of the range to the last that
     * finished ({@link SweepReport#seeds()}), with their runs and failures; empty when none did.
     */
    public Optional<SweepReport> finished() {
        return Optional.ofNullable(finished);
    }
}
