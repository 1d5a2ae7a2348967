package dev.livetalk.network.toxiproxy;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Toxiproxy API calls with a deadline. toxiproxy-java opens a {@code HttpURLConnection} per
 * call with neither a connect nor a read timeout, and Toxiproxy 2.12 can sit on a request for
 * minutes (removing a toxic flushes held data to a client that has gone, waiting 5 s a chunk,
 * with the proxy's lock held), so each call runs on a daemon thread of its own pool and the
 * caller waits at most {@link #deadline()}: past it the caller gets an
 * {@link HttpTimeoutException} naming the call, the server and the deadline, and the call's
 * thread is abandoned (it ends when Toxiproxy answers or closes the connection, or with the
 * JVM).
 *
 * <p>Threads: {@link #call} may be called from any thread; calls run on daemon threads named
 * {@code toxiproxy-api-N}, several at once only when an abandoned one is still blocked.
 */
final class ToxiproxyCalls {
    /** One step of the toxiproxy-java API. */
    @FunctionalInterface
    interface ApiCall<T> {
        T call() throws IOException;
    }

    /** One step of the toxiproxy-java API that returns nothing. */
    @FunctionalInterface
    interface ApiAction {
        void run() throws IOException;
    }

    private static final AtomicInteger THREADS = new AtomicInteger();
    private final String api;
    private final Duration deadline;
    private final ExecutorService pool = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "toxiproxy-api-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param api      the server's API address, for messages
     * @param deadline how long one call may take; must be > 0
     */
    ToxiproxyCalls(String api, Duration deadline) {
        this.api = Objects.requireNonNull(api, "api");
        Checks.notNegative("Toxiproxy API deadline", deadline);
        if (deadline.isZero()) {
            throw new IllegalArgumentException("Toxiproxy API deadline must be > 0: " + deadline);
        }
        this.deadline = deadline;
    }

    /** How long one call may take. */
    Duration deadline() {
        return deadline;
    }

    /**
     * Runs {@code call} and returns its result, or throws what it threw.
     *
     * @param what the call, for messages ({@code "DELETE toxic f3-stall-up of c001-main"})
     * @throws HttpTimeoutException   when it did not finish within the deadline
     * @throws InterruptedIOException when the waiting thread was interrupted
     */
    <T> T call(String what, ApiCall<T> call) throws IOException {
        Future<T> result = pool.submit(call::call);
        try {
            return result.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            throw new HttpTimeoutException("Toxiproxy at " + api + " did not answer " + what + " within "
                    + deadline.toMillis() + " ms (the API deadline)");
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for Toxiproxy to answer " + what);
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        }
    }

    /** Runs a call that returns nothing; see {@link #call}. */
    void run(String what, ApiAction action) throws IOException {
        call(what, () -> {
            action.run();
            return null;
        });
    }

    private static IOException rethrown(Throwable cause) {
        if (cause instanceof IOException io) {
            return io;
        }
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IOException(cause);
    }

    /** Stops taking calls; threads still blocked in one are left to end by themselves. */
    void shutdown() {
        pool.shutdown();
    }
}
