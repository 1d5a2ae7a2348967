package dev.livetalk.network.toxiproxy;

import dev.livetalk.network.NetworkBackendException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks a Toxiproxy API for {@code GET /version}, once or until it answers within a deadline.
 * Used by the thread that starts or connects to a server; not shared between threads.
 */
final class VersionProbe implements AutoCloseable {
    private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]*)\"");
    private static final Duration POLL_INTERVAL = Duration.ofMillis(20);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    /** Thrown by {@link #await} when the watched child process exits before the API answers. */
    static final class ExitedEarly extends Exception {
        private static final long serialVersionUID = 1L;

        ExitedEarly(int exitCode) {
            super("exited with code " + exitCode);
        }
    }

    /** One request: the version the server reports, such as {@code 2.12.0} or {@code git}. */
    String version(URI api) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(api.resolve("/version")).timeout(Duration.ofSeconds(2)).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET /version answered HTTP " + response.statusCode() + ": " + response.body());
        }
        Matcher matcher = VERSION.matcher(response.body());
        if (!matcher.find()) {
            throw new IOException("GET /version answered no version, is this Toxiproxy? " + response.body());
        }
        return matcher.group(1);
    }

    /**
     * Polls {@code GET /version} until it answers or {@code timeout} passes. Between attempts it
     * waits for {@code exit}, the watched process's exit (or a future that never completes), so a
     * child that dies is noticed at once.
     *
     * @throws ExitedEarly             when {@code exit} completes first
     * @throws NetworkBackendException when the deadline passes
     */
    String await(URI api, Duration timeout, CompletableFuture<Process> exit) throws ExitedEarly {
        long deadline = System.nanoTime() + timeout.toNanos();
        IOException last = null;
        while (true) {
            if (exit.isDone()) {
                throw new ExitedEarly(exit.join().exitValue());
            }
            try {
                return version(api);
            } catch (IOException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NetworkBackendException("interrupted while waiting for Toxiproxy at " + api, e);
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new NetworkBackendException("Toxiproxy at " + api + " did not answer GET /version within "
                        + timeout.toMillis() + " ms: " + last);
            }
            waitFor(exit);
        }
    }

    private static void waitFor(CompletableFuture<Process> exit) {
        try {
            exit.get(POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // the normal case: the process still runs, so poll again
            return;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a process exit future cannot fail", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetworkBackendException("interrupted while waiting for Toxiproxy", e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
