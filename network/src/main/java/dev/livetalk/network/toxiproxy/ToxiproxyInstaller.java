package dev.livetalk.network.toxiproxy;

import dev.livetalk.network.NetworkBackendException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Installs the Toxiproxy server with {@code go install github.com/Shopify/toxiproxy/v2/cmd/server@v2.12.0}
 * into a {@code GOBIN} folder (the project's {@code .tools/bin}), under a time limit, logging
 * what it runs; the output of {@code go} goes to {@code <gobin>/../go-install.log}.
 * Runs on the caller's thread; stateless.
 */
public final class ToxiproxyInstaller {
    /** How long {@code go install} may take by default (it downloads and compiles the module). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
    private static final System.Logger LOG = System.getLogger(ToxiproxyInstaller.class.getName());

    private ToxiproxyInstaller() {
    }

    /**
     * Runs {@code go install} and returns the installed binary, {@code <gobin>/server}.
     *
     * @throws NetworkBackendException when {@code go} fails, times out, or installs no binary
     */
    public static Path install(ToxiproxySource.Installable source, Duration timeout) {
        Path gobin = source.gobin();
        Path log = gobin.resolveSibling("go-install.log");
        // Stamp the version: a plain go install reports "git", and the results name the version.
        List<String> command = List.of(source.go().toString(), "install",
                "-ldflags=-X github.com/Shopify/toxiproxy/v2.Version=" + ToxiproxyLocator.VERSION,
                ToxiproxyLocator.GO_PACKAGE);
        LOG.log(System.Logger.Level.INFO, "no Toxiproxy found; installing it: GOBIN=" + gobin + " "
                + String.join(" ", command) + " (time limit " + timeout.toSeconds() + " s, output in " + log + ")");
        long started = System.nanoTime();
        try {
            Files.createDirectories(gobin);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("GOBIN", gobin.toString());
            run(builder.start(), timeout, log);
        } catch (IOException e) {
            throw new NetworkBackendException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        }
        Path binary = gobin.resolve("server");
        if (!Files.isExecutable(binary)) {
            throw new NetworkBackendException("go install succeeded but " + binary + " is not there; see " + log);
        }
        LOG.log(System.Logger.Level.INFO, "installed Toxiproxy " + ToxiproxyLocator.VERSION + " at " + binary + " in "
                + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) + " s");
        return binary;
    }

    private static void run(Process go, Duration timeout, Path log) throws IOException {
        try {
            if (!go.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                go.destroyForcibly();
                throw new NetworkBackendException("go install of Toxiproxy did not finish within " + timeout.toSeconds()
                        + " s (is the Go module proxy reachable?); its output so far:\n" + tail(log));
            }
        } catch (InterruptedException e) {
            go.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new NetworkBackendException("interrupted while installing Toxiproxy with go install", e);
        }
        if (go.exitValue() != 0) {
            throw new NetworkBackendException("go install of Toxiproxy failed with exit code " + go.exitValue()
                    + "; its output:\n" + tail(log));
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }
}
