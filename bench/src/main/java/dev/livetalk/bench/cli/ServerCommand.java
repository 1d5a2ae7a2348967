package dev.livetalk.bench.cli;

import dev.livetalk.server.HistoryStoreException;
import dev.livetalk.server.ReferenceServer;
import dev.livetalk.server.ServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code livetalk server}: the reference server on its own, on loopback, until SIGTERM or
 * Ctrl-C, its history in memory or, with {@code --data DIR}, durable in that folder. Runs on
 * the main thread; a shutdown hook closes the server, and halts the JVM when closing takes
 * longer than {@link #CLOSE_BOUND} (a peer that never reads, a wedged lock), so a signal always
 * ends the process. The launcher runs it with {@code -XX:+ExitOnOutOfMemoryError}.
 */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = {"Run the reference chat server on loopback until SIGTERM or Ctrl-C.",
                "Without --data its history lives in memory: a restart loses it and starts a new epoch.",
                "With --data DIR every message is stored in DIR/history.db (SQLite) and acknowledged only"
                        + " once synced to disk; a restart on the same DIR keeps the epoch and the history."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"  1:it cannot listen (the port is taken) or failed",
            "  2:invalid input: an option, a missing --secret, a --data folder that cannot be used",
            "130:stopped by SIGINT (Ctrl-C)",
            "143:stopped by SIGTERM, or not closed within 5 s of a signal (then halted)"})
final class ServerCommand implements java.util.concurrent.Callable<Integer> {
    /** How long the shutdown hook waits for the server to close before halting. */
    static final Duration CLOSE_BOUND = Duration.ofSeconds(5);
    private static final int HALTED_ON_SIGTERM = 143;

    @Option(names = "--port", defaultValue = "0", description = "Port to listen on; 0 picks a free one (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--secret", required = true, defaultValue = "${env:LIVETALK_SECRET}", paramLabel = "SECRET",
            description = "Required: the server secret that keys the hello tokens. The environment variable"
                    + " LIVETALK_SECRET, when set, stands in for it.")
    String secret;

    @Option(names = "--history", defaultValue = "10000", description = "Messages kept per room (default ${DEFAULT-VALUE}).")
    int history;

    @Option(names = "--rate", defaultValue = "100", description = "Events per second per user (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--burst", defaultValue = "200", description = "Rate-limit burst per user (default ${DEFAULT-VALUE}).")
    int burst;

    @Option(names = "--idle-timeout", defaultValue = "30s", converter = DurationConverter.class,
            description = "Close connections silent this long, e.g. 30s, 500ms (default ${DEFAULT-VALUE}).")
    Duration idleTimeout;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Keep the history durable in this folder (created if missing; must be a writable"
                    + " directory). Default: in memory.")
    Path data;

    @Option(names = "--debug", description = "Show Tyrus and Grizzly logging.")
    boolean debug;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        ServerConfig config = config();
        ReferenceServer server;
        try {
            server = ReferenceServer.start(config);
        } catch (HistoryStoreException e) {
            throw new UsageException(e.getMessage());
        } catch (IOException e) {
            throw new HarnessFailure(e.getMessage(), e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> closeWithin(server, stopped), "livetalk-server-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        out.println("livetalk server listening on " + server.uri() + " (epoch " + server.epoch() + ")");
        out.println(data == null ? "History in memory only: lost when the server stops."
                : "History durable in " + data.resolve("history.db") + ": acknowledged once synced to disk.");
        out.println("Stop with Ctrl-C or SIGTERM.");
        out.flush();
        stopped.await();
        return ExitCode.OK.code();
    }

    private static void closeWithin(ReferenceServer server, CountDownLatch stopped) {
        Thread closing = Thread.ofPlatform().daemon().name("livetalk-server-close").start(server::close);
        try {
            if (!closing.join(CLOSE_BOUND)) {
                System.err.println("livetalk server: not closed within " + CLOSE_BOUND.toSeconds() + " s: halting");
                Runtime.getRuntime().halt(HALTED_ON_SIGTERM);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopped.countDown();
    }

    private ServerConfig config() {
        if (secret == null || secret.isBlank()) {
            throw new UsageException("--secret is required (or set LIVETALK_SECRET): the server signs hello tokens with it");
        }
        checkDataDir();
        try {
            return ServerConfig.builder(secret)
                    .port(port)
                    .historyLimit(history)
                    .rateLimit(rate, burst)
                    .idleTimeout(idleTimeout)
                    .debugLogging(debug)
                    .dataDir(data)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(asTyped(e.getMessage()));
        }
    }

    /** The option that sets each field of {@link ServerConfig} this command gives, by the field's name. */
    private static final Map<String, String> OPTION_OF_FIELD = Map.of("port", "--port", "historyLimit", "--history",
            "ratePerSecond", "--rate", "rateBurst", "--burst", "idleTimeout", "--idle-timeout");

    /**
     * A configuration error ({@code historyLimit must be >= 1: 0}, {@code idleTimeout must be > 0: PT0S})
     * in the user's words: the option for the field and the value as typed
     * ({@code --history must be >= 1: 0}, {@code --idle-timeout must be > 0: 0s}).
     */
    String asTyped(String message) {
        int space = message.indexOf(' ');
        String option = space < 0 ? null : OPTION_OF_FIELD.get(message.substring(0, space));
        if (option == null) {
            return message;
        }
        String rule = message.substring(space);
        int value = rule.lastIndexOf(": ");
        List<String> typed = spec.findOption(option).originalStringValues();
        if (value >= 0 && !typed.isEmpty()) {
            rule = rule.substring(0, value + 2) + typed.getLast();
        }
        return option + rule;
    }

    /** {@code --data} must name a writable directory, or one that can be created. */
    private void checkDataDir() {
        if (data == null) {
            return;
        }
        if (Files.exists(data) && !Files.isDirectory(data)) {
            throw new UsageException("--data must name a directory, but " + data + " is a file");
        }
        try {
            Files.createDirectories(data);
        } catch (IOException e) {
            throw new UsageException("--data must name a directory that exists or can be created: " + data
                    + " cannot be created (" + e.getMessage() + ")");
        }
        if (!Files.isWritable(data)) {
            throw new UsageException("--data must name a writable directory: " + data + " is not writable");
        }
    }
}
