package dev.livetalk.network.toxiproxy;

import dev.livetalk.network.NetworkBackendException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Toxiproxy server running as a child process on a free loopback port, with its output in a
 * log file. It runs under a small {@code /bin/sh} watchdog that holds a pipe from this JVM and
 * stops Toxiproxy when the pipe closes: when {@link #close()} closes it, when the JVM shutdown
 * hook (thread {@code toxiproxy-stopper}) does, and when the JVM dies without running hooks
 * (SIGKILL, a crash), because the kernel closes it then. Close and the hook may race; both
 * are idempotent. Without {@code /bin/sh} Toxiproxy runs directly and only close and the hook
 * stop it.
 */
final class ToxiproxyProcess implements OwnedServer {
    static final Duration READY_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final int START_ATTEMPTS = 3;
    private static final System.Logger LOG = System.getLogger(ToxiproxyProcess.class.getName());

    /**
     * Runs {@code $0 "$@"} (Toxiproxy) in the background and a watcher that reads the pipe from
     * the JVM (kept as fd 3) and at end of file deletes Toxiproxy's log (first: the shell kills
     * the watcher once Toxiproxy is gone) and stops it; exits with Toxiproxy's status.
     */
    private static final String WATCHDOG = String.join("\n",
            "exec 3<&0",
            "\"$0\" \"$@\" </dev/null 3<&- &",
            "server=$!",
            "(read -r _ <&3; rm -f \"$LIVETALK_TOXIPROXY_LOG\"; kill \"$server\" 2>/dev/null) </dev/null &",
            "watcher=$!",
            "wait \"$server\"",
            "status=$?",
            "kill \"$watcher\" 2>/dev/null",
            "exit \"$status\"");
    private static final Path SHELL = Path.of("/bin/sh");

    private final Process process;
    private final boolean watched;
    private final Path log;
    private final Thread shutdownHook;
    private volatile ProcessHandle server;

    private ToxiproxyProcess(Process process, boolean watched, Path log) {
        this.process = process;
        this.watched = watched;
        this.server = process.toHandle();
        this.log = log;
        this.shutdownHook = new Thread(this::stop, "toxiproxy-stopper");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts {@code binary} and waits for its API; retries on another port if the chosen one was taken meanwhile. */
    static ToxiproxyServer start(Path binary, String origin) throws IOException {
        Path real = binary.toRealPath();
        for (int attempt = 1; ; attempt++) {
            int port = freeLoopbackPort();
            ToxiproxyProcess child = launch(binary, port);
            URI api = URI.create("http://127.0.0.1:" + port);
            try (VersionProbe probe = new VersionProbe()) {
                String version = probe.await(api, READY_TIMEOUT, child.process.onExit());
                child.findServer(real);
                LOG.log(System.Logger.Level.INFO, "started Toxiproxy " + version + " at " + api + " (pid "
                        + child.server.pid() + ", " + binary + ", from " + origin + ")");
                return new ToxiproxyServer(api, version, binary.toString(), child, LoopbackAddressing.INSTANCE);
            } catch (VersionProbe.ExitedEarly e) {
                String output = child.logTail();
                child.close();
                if (attempt == START_ATTEMPTS || !output.contains("address already in use")) {
                    throw new NetworkBackendException("Toxiproxy " + binary + " " + e.getMessage()
                            + " before answering on port " + port + "; its output:\n" + output);
                }
                LOG.log(System.Logger.Level.INFO, "port " + port + " was taken before Toxiproxy bound it; trying another");
            } catch (NetworkBackendException e) {
                String output = child.logTail();
                child.close();
                throw new NetworkBackendException(e.getMessage() + "; its output:\n" + output, e);
            }
        }
    }

    private static ToxiproxyProcess launch(Path binary, int port) throws IOException {
        Path log = Files.createTempFile("toxiproxy-" + port + "-", ".log");
        List<String> server = List.of(binary.toString(), "-host", "127.0.0.1", "-port", Integer.toString(port));
        boolean watched = Files.isExecutable(SHELL);
        List<String> command = new ArrayList<>();
        if (watched) {
            command.addAll(List.of(SHELL.toString(), "-c", WATCHDOG));
        }
        command.addAll(server);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("LOG_LEVEL", "info");
        builder.environment().put("LIVETALK_TOXIPROXY_LOG", log.toString());
        return new ToxiproxyProcess(builder.start(), watched, log);
    }

    /** Once Toxiproxy answers, finds its process among the watchdog's children (for {@link #handle()}). */
    private void findServer(Path real) {
        if (!watched) {
            return;
        }
        process.children()
                .filter(child -> child.info().command().map(command -> Path.of(command).equals(real)).orElse(false))
                .findFirst()
                .ifPresent(found -> server = found);
    }

    /** A port that was free on 127.0.0.1 a moment ago (the caller retries if it is taken meanwhile). */
    static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public String describe() {
        return "child process " + server.pid();
    }

    /** The Toxiproxy process itself (not its watchdog shell). */
    ProcessHandle handle() {
        return server;
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** Stops Toxiproxy (SIGTERM, then SIGKILL after 5 s), deletes its log and removes the shutdown hook. */
    @Override
    public void close() {
        stop();
        OwnedServer.removeShutdownHook(shutdownHook, LOG, "Toxiproxy");
    }

    /** Stops the process if it runs and deletes its log; called by close() and by the shutdown hook. */
    private void stop() {
        closePipe();
        if (process.isAlive()) {
            if (!watched) {
                process.destroy();
            }
            if (!awaitExit()) {
                LOG.log(System.Logger.Level.WARNING, "Toxiproxy pid " + server.pid() + " did not stop; killing it");
                killAll();
                awaitExit();
            }
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot delete Toxiproxy log " + log + ": " + e.getMessage());
        }
    }

    /** Closes the pipe the watchdog watches: it stops Toxiproxy (SIGTERM) and exits. */
    private void closePipe() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "the watchdog pipe was closed already: " + e.getMessage());
        }
    }

    /** SIGKILL to Toxiproxy, the watchdog's watcher and the watchdog. */
    private void killAll() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private boolean awaitExit() {
        try {
            process.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a process exit future cannot fail", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killAll();
            return false;
        }
    }
}
