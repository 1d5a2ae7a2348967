package dev.livetalk.run;

import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Tells how far a strategy run's measurement is, room by room, at most once a minute of wall time
 * ({@link #EVERY}): a long run's rooms take minutes to measure after its play (an hour of the soak:
 * about ten, beside the self-check's second play), during which nothing else is shown, and a person
 * or a CI job watching the run could not tell a measurement going on from a harness that hangs. A
 * measurement shorter than a minute says nothing.
 *
 * <p>Single thread (the measuring one).
 */
final class MeasureProgress {
    /** The least wall time between two lines. */
    static final long EVERY = Duration.ofMinutes(1).toNanos();

    private final RunProgress progress;
    private final String who;
    private final int rooms;
    private final LongSupplier nanoClock;
    private final long started;
    private long toldAt;
    private int measured;
    private long messages;

    /**
     * The measurement of {@code strategy}'s run of {@code scenario}, {@code rooms} rooms, told to
     * {@code progress}; {@code nanoClock}: the wall clock ({@code System::nanoTime}).
     */
    MeasureProgress(RunProgress progress, String scenario, String strategy, int rooms, LongSupplier nanoClock) {
        this.progress = progress;
        this.who = scenario + " " + strategy;
        this.rooms = rooms;
        this.nanoClock = nanoClock;
        this.started = nanoClock.getAsLong();
        this.toldAt = started;
    }

    /**
     * A room of {@code roomMessages} messages is measured; a line when a minute or more passed since the
     * last (or the start), unless it was the last room.
     */
    void measured(int roomMessages) {
        measured++;
        messages += roomMessages;
        long now = nanoClock.getAsLong();
        if (measured < rooms && now - toldAt >= EVERY) {
            toldAt = now;
            progress.onNote(String.format(Locale.ROOT, "%s: measuring: %d of %d rooms measured (%,d messages) in %.0f s",
                    who, measured, rooms, messages, (now - started) / 1e9));
        }
    }
}
