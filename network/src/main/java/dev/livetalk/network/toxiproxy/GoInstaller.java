package dev.livetalk.network.toxiproxy;

import dev.livetalk.network.NetworkBackendException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Installs a Go command at a pinned version with {@code go install} into a {@code GOBIN} folder
 * (the project's {@code .tools/bin}), under a time limit, logging what it runs; the output of
 * {@code go} goes to {@code <gobin>/../go-install-<binary>.log}. Toxiproxy's server is installed
 * so ({@link ToxiproxyInstaller}), and so are the tools the build's tests need (actionlint).
 * Runs on the caller's thread; stateless. Processes that may install into the same folder at
 * once (shard processes of a fresh checkout, test forks, parallel module builds) check and install
 * inside {@link #exclusively}, so the second one finds what the first installed instead of
 * installing it again over a binary that may already be running.
 */
public final class GoInstaller {
    private static final System.Logger LOG = System.getLogger(GoInstaller.class.getName());
    /** The lock file of the tools folder ({@code .tools/install.lock}, beside {@code .tools/bin}). */
    private static final String LOCK_FILE = "install.lock";

    private GoInstaller() {
    }

    /**
     * Runs {@code checkAndInstall} while holding the tools folder's lock ({@code <gobin>/../install.lock},
     * an exclusive file lock, so across processes too, and one thread of this JVM at a time): the
     * action should look again for what it installs, since another process may have installed it
     * while this one waited. The lock is released when the action returns or throws.
     *
     * @throws NetworkBackendException when the lock file cannot be created or locked
     */
    public static <T> T exclusively(Path gobin, Supplier<T> checkAndInstall) {
        Path lockFile = gobin.toAbsolutePath().resolveSibling(LOCK_FILE);
        synchronized (GoInstaller.class) { // a JVM holds a file's lock once: its threads take turns here
            try {
                Files.createDirectories(lockFile.getParent());
                try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                    FileLock lock = channel.lock();
                    try {
                        return checkAndInstall.get();
                    } finally {
                        lock.release();
                    }
                }
            } catch (IOException e) {
                throw new NetworkBackendException("cannot lock " + lockFile + " to install into " + gobin + ": "
                        + e.getMessage(), e);
            }
        }
    }

    /**
     * Runs {@code go install ARGS} with {@code GOBIN=gobin} and returns the installed binary,
     * {@code <gobin>/<binary>}.
     *
     * @param what        the tool's name in messages ("Toxiproxy")
     * @param go          the {@code go} executable
     * @param gobin       where the binary goes
     * @param installArgs the arguments after {@code install}: flags, then {@code package@version}
     * @param binary      the file name {@code go install} gives the binary (the package's last element)
     * @throws NetworkBackendException when {@code go} fails, times out, or installs no binary
     */
    public static Path install(String what, Path go, Path gobin, List<String> installArgs, String binary,
                               Duration timeout) {
        Path log = gobin.resolveSibling("go-install-" + binary + ".log");
        List<String> command = new ArrayList<>();
        command.add(go.toString());
        command.add("install");
        command.addAll(installArgs);
        LOG.log(System.Logger.Level.INFO, "installing " + what + ": GOBIN=" + gobin + " " + String.join(" ", command)
                + " (time limit " + timeout.toSeconds() + " s, output in " + log + ")");
        long started = System.nanoTime();
        try {
            Files.createDirectories(gobin);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("GOBIN", gobin.toString());
            run(what, builder.start(), timeout, log);
        } catch (IOException e) {
            throw new NetworkBackendException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        }
        Path installed = gobin.resolve(binary);
        if (!Files.isExecutable(installed)) {
            throw new NetworkBackendException("go install succeeded but " + installed + " is not there; see " + log);
        }
        LOG.log(System.Logger.Level.INFO, "installed " + what + " at " + installed + " in "
                + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) + " s");
        return installed;
    }

    private static void run(String what, Process go, Duration timeout, Path log) throws IOException {
        try {
            if (!go.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                go.destroyForcibly();
                throw new NetworkBackendException("go install of " + what + " did not finish within " + timeout.toSeconds()
                        + " s (is the Go module proxy reachable?); its output so far:\n" + tail(log));
            }
        } catch (InterruptedException e) {
            go.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new NetworkBackendException("interrupted while installing " + what + " with go install", e);
        }
        if (go.exitValue() != 0) {
            throw new NetworkBackendException("go install of " + what + " failed with exit code " + go.exitValue()
                    + "; its output:\n" + tail(log));
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }
}
