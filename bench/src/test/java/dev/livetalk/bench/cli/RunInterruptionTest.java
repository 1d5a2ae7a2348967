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

    private RunInterruption interruption(Thread run) {
        return new RunInterruption(run, new PrintWriter(err, true), halted::add, RunInterruption.GRACE, now::get);
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
