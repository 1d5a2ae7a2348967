package dev.livetalk.bench.calibrate;

import dev.livetalk.client.tyrus.ClientDriver;

/**
 * Hands one burst's sends to a path at their intended times on a client driver's owner
 * thread, as the runner's load player does: one wake-up pending at a time, every send due at
 * the wake-up sent then (a late wake-up shows as latency from the intended time).
 *
 * <p>Threads: {@link #start()} and {@link #cancel()} from any thread; the sends run on the
 * driver's owner thread.
 */
final class PacedBurst {
    private final ClientDriver driver;
    private final OpenSchedule schedule;
    private final int from;
    private final CalibrationPath path;
    private volatile boolean cancelled;
    private int next;

    PacedBurst(ClientDriver driver, OpenSchedule schedule, int from, CalibrationPath path) {
        this.driver = driver;
        this.schedule = schedule;
        this.from = from;
        this.path = path;
    }

    void start() {
        driver.execute(this::scheduleNext);
    }

    /** No send after this one. */
    void cancel() {
        cancelled = true;
    }

    private void scheduleNext() {
        if (next < schedule.count() && !cancelled) {
            driver.schedule(schedule.intendedAt(next), this::sendDue);
        }
    }

    private void sendDue(long now) {
        int due = schedule.dueAt(now);
        while (next < due && !cancelled) {
            path.send(from + next, schedule.intendedAt(next), now);
            next++;
        }
        scheduleNext();
    }
}
