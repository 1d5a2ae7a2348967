package dev.livetalk.client.tyrus;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A task on the owner thread (a strategy's callback, on a real network) that throws an Error of the
 * strategy's making is told to the run like an exception, and the driver goes on: its owner thread
 * does not die with it, leaving the run waiting on clients that no longer move.
 */
class ClientDriverFailureTest {
    private final LinkedBlockingQueue<Throwable> failures = new LinkedBlockingQueue<>();
    private final ClientDriver driver = new ClientDriver(Duration.ofSeconds(2), failures::add);

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldTellAStrategysStackOverflowErrorAndKeepRunningTasks() throws Exception {
        StackOverflowError thrown = new StackOverflowError("a strategy's runaway recursion");
        driver.execute(() -> {
            throw thrown;
        });
        CompletableFuture<String> after = driver.call(() -> "still running");

        assertThat(failures.poll(10, TimeUnit.SECONDS)).isSameAs(thrown);
        assertThat(after.get(10, TimeUnit.SECONDS)).isEqualTo("still running");
    }

    @Test
    void shouldTellAScheduledTasksAssertionError() throws Exception {
        AssertionError thrown = new AssertionError("a strategy's assert");
        driver.schedule(System.nanoTime(), now -> {
            throw thrown;
        });

        assertThat(failures.poll(10, TimeUnit.SECONDS)).isSameAs(thrown);
        assertThat(driver.call(() -> 1).get(10, TimeUnit.SECONDS)).isEqualTo(1);
    }

    @Test
    void shouldCompleteACallWhoseTaskThrowsAnError() {
        ExceptionInInitializerError thrown = new ExceptionInInitializerError("a plugged-in class's static initializer");
        CompletableFuture<Object> result = driver.call(() -> {
            throw thrown;
        });

        assertThatThrownBy(() -> result.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCause(thrown);
    }
}
