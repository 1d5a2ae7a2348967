package dev.livetalk.bench.cli;

import dev.livetalk.metrics.gate.RunStop;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first signal interrupts the run; a copy of it within {@link RunInterruption#REPEAT} (what
 * {@code timeout} sends by signalling the process group too) is not a second signal
 * and lets the run write its report; a signal after that halts at once.
 */
class RunInterruptionTest {
    private final StringWriter err = new StringWriter();
    private final List<Integer> halted = new CopyOnWriteArrayList<>();
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void shouldTakeASigtermRepeatedAtOnceAsOneAndLetTheRunWriteItsReport() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        Thread run = runThread(interrupted);
        try (RunInterruption interruption = interruption(run)) {
            interruption.onSignal(RunStop.Cause.SIGTERM);
            now.addAndGet(50_000); // timeout's kill of its process group, 50 µs after its kill of the command
            interruption.onSignal(RunStop.Cause.SIGTERM);

            assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(halted).as(err.toString()).isEmpty();
            assertThat(interruption.cause()).contains(RunStop.Cause.SIGTERM);
            assertThat(err.toString()).contains("livetalk: interrupted by SIGTERM: stopping the run",
                    "livetalk: SIGTERM again within 1 s: taken as a copy of the first").doesNotContain("exiting now");
        }
        run.join();
    }

    @Test
    void shouldHaltAtOnceOnASecondCtrlCAfterTheRepeatWindow() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        Thread run = runThread(interrupted);
        try (RunInterruption interruption = interruption(run)) {
            interruption.onSignal(RunStop.Cause.SIGINT);
            now.addAndGet(RunInterruption.REPEAT.toNanos());
            interruption.onSignal(RunStop.Cause.SIGINT);

            assertThat(halted).containsExactly(ExitCode.INTERRUPTED_SIGINT.code());
            assertThat(err.toString()).contains("livetalk: SIGINT again: exiting now with 130, without the report");
        }
        run.interrupt();
        run.join();
    }

    /**
     * A signal once every scenario has finished, while the report is written: the report is
     * finished and the run keeps its verdict, as the console says (it said "stopping the run",
     * and a run that had played everything exited 0 with PASS); a second signal still halts.
     */
    @Test
    void shouldLetTheReportOfAFinishedRunBeWrittenOnASignalAfterThePlay() {
        try (RunInterruption interruption = interruption(Thread.currentThread())) {
            assertThat(interruption.playEnded()).isEmpty();

            interruption.onSignal(RunStop.Cause.SIGTERM);

            assertThat(Thread.interrupted()).as("the run's thread interrupted").isFalse();
            assertThat(interruption.cause()).isEmpty();
            assertThat(interruption.stopped()).isFalse();
            assertThat(halted).isEmpty();
            assertThat(err.toString()).contains("livetalk: SIGTERM once every scenario had finished: writing the"
                    + " report of the whole run (at most 20 s), which exits with its verdict").doesNotContain("stopping");

            now.addAndGet(RunInterruption.REPEAT.toNanos());
            interruption.onSignal(RunStop.Cause.SIGTERM);

            assertThat(halted).containsExactly(ExitCode.INTERRUPTED_SIGTERM.code());
        }
    }

    private RunInterruption interruption(Thread run) {
        return new RunInterruption(run, new PrintWriter(err, true), halted::add, RunInterruption.GRACE, now::get, "run",
                "scenario");
    }

    /** A started thread that counts {@code interrupted} down when it is interrupted. */
    private static Thread runThread(CountDownLatch interrupted) {
        Thread run = new Thread(() -> {
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        }, "test-run");
        run.start();
        return run;
    }
}
