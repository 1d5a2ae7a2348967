package dev.livetalk.bench.cli;

import dev.livetalk.metrics.gate.RunStop;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;

/**
 * How {@code livetalk run} stops on SIGINT or SIGTERM: the first signal is noted, said on the
 * console, and interrupts the run's thread, which stops the strategy run in progress (of a
 * {@code --seeds} sweep: the seeds in progress), writes what it has and returns 130 or 143. A watchdog bounds that: if the run has not {@link #close
 * closed} within the grace period, or on a second signal, the process halts with the code at
 * once. A signal within {@link #REPEAT} of the first is not a second one: {@code timeout}, and any
 * supervisor that signals the command and then its process group, sends its signal twice,
 * microseconds apart; unless the two reached the JVM as one, halting on the copy lost the report.
 * A first signal once every scenario has finished ({@link #playEnded}) stops nothing: the run's
 * report is being written, and it is finished, within the same grace, with the run's own verdict.
 *
 * <p>Threads: created and closed by the run's thread; {@link #onSignal} is called by the JVM's
 * signal thread (or a test); the state is guarded by this, and a latch.
 */
final class RunInterruption implements AutoCloseable {
    /** How long the run may take to stop and write its results after a signal. */
    static final Duration GRACE = Duration.ofSeconds(20);
    /** How soon after the first a signal is taken as a copy of it rather than a second request. */
    static final Duration REPEAT = Duration.ofSeconds(1);

    private final Thread runThread;
    private final PrintWriter err;
    private final IntConsumer halt;
    private final Duration grace;
    private final LongSupplier nanoTime;
    /** What is stopped ({@code run}, {@code sweep}) and what it is made of ({@code scenario}, {@code seed}), for the console. */
    private final String noun;
    private final String unit;
    private final CountDownLatch closed = new CountDownLatch(1);
    private First first; // guarded by this
    private boolean interrupting = true; // guarded by this
    private boolean playEnded; // guarded by this

    /**
     * @param runThread the thread to interrupt
     * @param err       where to say so
     * @param halt      ends the process with a code when the run does not stop in time
     * @param grace     how long the run may take to stop
     * @param noun      what is stopped, as the console names it: {@code run}, {@code sweep}
     * @param unit      what it is made of and keeps when finished: {@code scenario}, {@code seed}
     */
    RunInterruption(Thread runThread, PrintWriter err, IntConsumer halt, Duration grace, String noun, String unit) {
        this(runThread, err, halt, grace, System::nanoTime, noun, unit);
    }

    /**
     * @param runThread the thread to interrupt
     * @param err       where to say so
     * @param halt      ends the process with a code when the run does not stop in time
     * @param grace     how long the run may take to stop
     * @param nanoTime  the clock that tells a copy of the first signal from a second one
     * @param noun      what is stopped, as the console names it: {@code run}, {@code sweep}
     * @param unit      what it is made of and keeps when finished: {@code scenario}, {@code seed}
     */
    RunInterruption(Thread runThread, PrintWriter err, IntConsumer halt, Duration grace, LongSupplier nanoTime,
                    String noun, String unit) {
        this.runThread = runThread;
        this.err = err;
        this.halt = halt;
        this.grace = grace;
        this.nanoTime = nanoTime;
        this.noun = noun;
        this.unit = unit;
    }

    /** Traps SIGINT and SIGTERM for {@code interruption}; returns what restores the previous handlers. */
    static Runnable trapSignals(RunInterruption interruption) {
        Runnable intRestore = SignalTrap.handle("INT", () -> interruption.onSignal(RunStop.Cause.SIGINT),
                interruption.err);
        Runnable termRestore = SignalTrap.handle("TERM", () -> interruption.onSignal(RunStop.Cause.SIGTERM),
                interruption.err);
        return () -> {
            intRestore.run();
            termRestore.run();
        };
    }

    /** The process received {@code signal}. */
    void onSignal(RunStop.Cause signal) {
        long now = nanoTime.getAsLong();
        int code = ExitCode.of(signal).code();
        boolean late;
        synchronized (this) {
            if (first != null) {
                if (now - first.nanos() < REPEAT.toNanos()) {
                    say("livetalk: " + signal + " again within " + REPEAT.toSeconds() + " s: taken as a copy of the "
                            + "first (timeout signals the process group too), still " + (first.late() ? "writing the"
                            + " report" : "stopping"));
                    return;
                }
                say("livetalk: " + signal + " again: exiting now with " + code + ", without the report");
                halt.accept(code);
                return;
            }
            late = playEnded;
            first = new First(signal, now, late);
            if (late) {
                say("livetalk: " + signal + " once every " + unit + " had finished: writing the report of the whole " + noun
                        + " (at most " + grace.toSeconds() + " s), which exits with its verdict; a second signal, "
                        + REPEAT.toSeconds() + " s or more later, exits at once with " + code + " without it");
            } else {
                say("livetalk: interrupted by " + signal + ": stopping the " + noun + ", writing the results of the"
                        + " finished " + unit + "s (at most " + grace.toSeconds() + " s; a second signal, " + REPEAT.toSeconds()
                        + " s or more later, exits at once)");
                if (interrupting) {
                    runThread.interrupt();
                }
            }
        }
        Thread watchdog = new Thread(() -> watch(code), "livetalk-stop-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private void watch(int code) {
        try {
            if (!closed.await(grace.toNanos(), TimeUnit.NANOSECONDS)) {
                say("livetalk: the run did not stop within " + grace.toSeconds() + " s of the signal: exiting with "
                        + code + " without the report");
                halt.accept(code);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The signal that stopped the run, if one came before the play ended. */
    synchronized Optional<RunStop.Cause> cause() {
        return Optional.ofNullable(first).filter(signal -> !signal.late()).map(First::cause);
    }

    /** Whether a signal came before the play ended. */
    synchronized boolean stopped() {
        return cause().isPresent();
    }

    /**
     * Every scenario was played (or the run stopped): returns the signal that stopped the run, if
     * one came, and from now on a first signal lets the report of the run be written (within the
     * grace) and the run exit with its verdict, as the console then says; no signal interrupts the
     * run's thread any more ({@link #stopInterrupting}).
     */
    synchronized Optional<RunStop.Cause> playEnded() {
        stopInterrupting();
        playEnded = true;
        return cause();
    }

    /**
     * From now on a signal is noted but no longer interrupts the run's thread (it is writing
     * the results, which an interrupt would break); clears an interrupt already delivered.
     */
    synchronized void stopInterrupting() {
        interrupting = false;
        Thread.interrupted();
    }

    /** Signals interrupt the run's thread again (a scenario's results are written). */
    synchronized void resumeInterrupting() {
        interrupting = true;
    }

    /** The run wrote what it had: the watchdog stands down. */
    @Override
    public void close() {
        closed.countDown();
    }

    /** The first signal, when it came ({@link #nanoTime}) and whether after the play ({@link #playEnded}). */
    private record First(RunStop.Cause cause, long nanos, boolean late) {
    }

    private void say(String line) {
        synchronized (err) {
            err.println(line);
            err.flush();
        }
    }
}
