package dev.livetalk.bench.cli;

import dev.livetalk.run.RunProgress;

import java.io.PrintWriter;

/**
 * Shows a run's progress on standard error: one line per second per strategy run with the
 * scenario, the strategy, elapsed of total, active faults, sends and commits, and the runner's
 * notes; {@code --quiet} shows none of it, and keeps only what {@link #during} needs.
 *
 * <p>Threads: {@link #onStatus} is called by the runner's progress thread, the rest by the
 * command's thread; writes are synchronized on the writer.
 */
final class Progress implements RunProgress {
    private final PrintWriter err;
    private final boolean quiet;
    private volatile RunProgress.Status last;

    /** Progress shown on {@code err}, or kept silent when {@code quiet}. */
    Progress(PrintWriter err, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
    }

    @Override
    public void onStatus(Status status) {
        last = status;
        if (quiet) {
            return;
        }
        synchronized (err) {
            err.printf("%-20s %-12s %5.1fs / %5.1fs  faults active %d  sent %d  committed %d%n",
                    status.scenario(), status.strategy(), status.elapsedNanos() / 1e9, status.totalNanos() / 1e9,
                    status.activeFaults(), status.sent(), status.committed());
            err.flush();
        }
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
