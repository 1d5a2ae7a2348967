package dev.livetalk.bench.cli;

import dev.livetalk.run.RunProgress;

import java.io.PrintWriter;

/**
 * Shows a run's progress on standard error: one line per second per strategy run with the
 * scenario, the strategy, elapsed of total, active faults, sends and commits (every
 * {@link #LONG_RUN_EVERY} of run time instead when the run is longer than {@link #LONG_RUN}),
 * one line of interim figures per minute of run time ({@link #minuteLine}), and the runner's
 * notes; of a {@code --seeds} sweep, a line when a seed is done, at most one a second and always
 * the scenario's last ({@link #onSeed}); {@code --quiet} shows none of it, and keeps only what
 * {@link #during} needs.
 *
 * <p>Threads: {@link #onStatus} is called by the runner's progress thread, {@link #onMinute} by
 * a thread of the run, the rest by the command's thread; writes are synchronized on the writer.
 */
final class Progress implements RunProgress {
    /** At most one sweep line in this long, but a scenario's last. */
    static final long SWEEP_EVERY = java.time.Duration.ofSeconds(1).toNanos();
    private final PrintWriter err;
    private final boolean quiet;
    private final java.util.function.LongSupplier nanoTime;
    /** When the last sweep line was shown ({@link #nanoTime}); guarded by {@link #err}. */
    private long seedShownAt;
    private boolean seedShown; // guarded by err
    /** A run longer than this shows its status line every {@link #LONG_RUN_EVERY} of run time, not every second. */
    static final long LONG_RUN = java.time.Duration.ofMinutes(10).toNanos();
    static final long LONG_RUN_EVERY = java.time.Duration.ofSeconds(10).toNanos();
    private volatile RunProgress.Status last;
    /** The elapsed time of the last status line shown, for long runs; guarded by {@link #err}. */
    private long shownAt = Long.MIN_VALUE;

    /** Progress shown on {@code err}, or kept silent when {@code quiet}. */
    Progress(PrintWriter err, boolean quiet) {
        this(err, quiet, System::nanoTime);
    }

    /** As {@link #Progress(PrintWriter, boolean)}, the sweep's lines spaced by {@code nanoTime}. */
    Progress(PrintWriter err, boolean quiet, java.util.function.LongSupplier nanoTime) {
        this.err = err;
        this.quiet = quiet;
        this.nanoTime = nanoTime;
    }

    /**
     * A seed of a sweep is done: {@code outage  sweep  seed 70: 140 of 400 runs done, 2 failed a budget or
     * broke an invariant}, unless a line was shown less than {@link #SWEEP_EVERY} ago and this is not the
     * scenario's last seed.
     */
    void onSeed(dev.livetalk.simulator.SweepProgress.Status status) {
        if (quiet) {
            return;
        }
        synchronized (err) {
            long now = nanoTime.getAsLong();
            if (seedShown && now - seedShownAt < SWEEP_EVERY && status.played() < status.runs()) {
                return;
            }
            seedShown = true;
            seedShownAt = now;
            err.printf(java.util.Locale.ROOT, "%-20s sweep  seed %d: %,d of %,d runs done, %,d failed a budget or"
                    + " broke an invariant%n", status.scenario(), status.seed(), status.played(), status.runs(),
                    status.failing());
            err.flush();
        }
    }

    @Override
    public void onStatus(Status status) {
        last = status;
        if (quiet) {
            return;
        }
        synchronized (err) {
            if (status.totalNanos() > LONG_RUN && status.elapsedNanos() < status.totalNanos()
                    && shownAt != Long.MIN_VALUE && status.elapsedNanos() >= shownAt
                    && status.elapsedNanos() - shownAt < LONG_RUN_EVERY) {
                return;
            }
            shownAt = status.elapsedNanos();
            err.printf("%-20s %-12s %5.1fs / %5.1fs  faults active %d  sent %d  committed %d%n",
                    status.scenario(), status.strategy(), status.elapsedNanos() / 1e9, status.totalNanos() / 1e9,
                    status.activeFaults(), status.sent(), status.committed());
            err.flush();
        }
    }

    @Override
    public void onMinute(MinuteFigures minute) {
        note(minuteLine(minute));
    }

    /**
     * {@code soak-1h  reconcile  minute 12/60: sent 63,012 committed 63,010 pending 2 | echo p99
     * 4.1 ms  peer-first p99 6.0 ms  scheduling-lag p99 0.9 ms | heap 812 MB rss 1.1 GB}: the
     * interim figures of a minute (a shorter last minute says its length after its number).
     */
    static String minuteLine(MinuteFigures m) {
        String length = m.lengthNanos() < java.time.Duration.ofMinutes(1).toNanos()
                ? String.format(java.util.Locale.ROOT, " (%.0f s)", m.lengthNanos() / 1e9) : "";
        return String.format(java.util.Locale.ROOT,
                "%s  %s  minute %d/%d%s: sent %,d committed %,d pending %,d | echo p99 %s  peer-first p99 %s"
                        + "  scheduling-lag p99 %s | heap %s rss %s",
                m.scenario(), m.strategy(), m.minute(), m.minutes(), length, m.sent(), m.committed(), m.pending(),
                millis(m.echoP99Nanos()), millis(m.peerFirstP99Nanos()), millis(m.schedulingLagP99Nanos()),
                dev.livetalk.run.MemoryGuard.bytes(m.heapUsedBytes()), dev.livetalk.run.MemoryGuard.bytes(m.rssBytes()));
    }

    private static String millis(long nanos) {
        return nanos < 0 ? "none" : String.format(java.util.Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    @Override
    public void onNote(String line) {
        note(line);
    }

    void note(String line) {
        if (quiet) {
            return;
        }
        synchronized (err) {
            err.println(line);
            err.flush();
        }
    }

    /** What is running, as far as the last status line said: {@code scenario S, strategy T}. */
    String during(String scenario) {
        Status status = last;
        return status != null && status.scenario().equals(scenario)
                ? "scenario " + scenario + ", strategy " + status.strategy() : "scenario " + scenario;
    }

    void done(String scenario) {
        note(scenario + ": done");
    }
}
