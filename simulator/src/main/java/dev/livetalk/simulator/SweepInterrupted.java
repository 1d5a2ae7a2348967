package dev.livetalk.simulator;

import java.util.Optional;

/**
 * A {@link SeedSweep} whose calling thread was interrupted (a signal to the command): the seed
 * in progress, and any started after it, were abandoned; {@link #finished()} is the sweep of the
 * seeds that finished before it, which are always the first ones of the range, in order.
 *
 * <p>Immutable; any thread.
 */
public final class SweepInterrupted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient SweepReport finished;

    /** The sweep was interrupted after {@code finished} (null when no seed had finished). */
    SweepInterrupted(String scenario, SweepReport finished) {
        super("the seed sweep of scenario " + scenario + " was interrupted");
        this.finished = finished;
    }

    /**
     * The sweep of the seeds that finished, from the first seed of the range to the last that
     * finished ({@link SweepReport#seeds()}), with their runs and failures; empty when none did.
     */
    public Optional<SweepReport> finished() {
        return Optional.ofNullable(finished);
    }
}
