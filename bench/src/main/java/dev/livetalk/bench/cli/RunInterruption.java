package dev.livetalk.bench.cli;

import dev.livetalk.metrics.gate.RunStop;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * How {@code livetalk run} stops on SIGINT or SIGTERM: the first signal is noted, said on the
 * console, and interrupts the run's thread, which stops the strategy run in progress, writes
 * what it has and returns 130 or 143. A watchdog bounds that: if the run has not {@link #close
 * closed} within the grace period, or on a second signal, the process halts with the code at
 * once.
 *
 * <p>Threads: created and closed by the run's thread; {@link #onSignal} is called by the JVM's
 * signal thread (or a test); the state is an atomic reference and a latch.
 */
final class RunInterruption implements AutoCloseable {
    /** How long the run may take to stop and write its results after a signal. */
    static final Duration GRACE = Duration.ofSeconds(20);

    private final Thread runThread;
    private final PrintWriter err;
    private final IntConsumer halt;
    private final Duration grace;
    private final AtomicReference<RunStop.Cause> cause = new AtomicReference<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private boolean interrupting = true; // guarded by this

    /**
     * @param runThread the thread to interrupt
     * @param err       where to say so
     * @param halt      ends the process with a code when the run does not stop in time
     * @param grace     how long the run may take to stop
     */
    RunInterruption(Thread runThread, PrintWriter err, IntConsumer halt, Duration grace) {
        this.runThread = runThread;
        this.err = err;
        this.halt = halt;
        this.grace = grace;
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
        int code = ExitCode.of(signal).code();
        if (!cause.compareAndSet(null, signal)) {
            say("livetalk: " + signal + " again: exiting now with " + code + ", without the report");
            halt.accept(code);
            return;
        }
        say("livetalk: interrupted by " + signal + ": stopping the run, writing the results of the finished "
                + "scenarios (at most " + grace.toSeconds() + " s; a second signal exits at once)");
        synchronized (this) {
            if (interrupting) {
                runThread.interrupt();
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

    /** The signal that stopped the run, if one came. */
    Optional<RunStop.Cause> cause() {
        return Optional.ofNullable(cause.get());
    }

    /** Whether a signal came. */
    boolean stopped() {
        return cause.get() != null;
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

    private void say(String line) {
        synchronized (err) {
            err.println(line);
            err.flush();
        }
    }
}
