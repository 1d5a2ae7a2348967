package dev.livetalk.network;

import dev.livetalk.server.CommitListener;
import dev.livetalk.server.HeardCommits;
import dev.livetalk.server.ServerArguments;
import dev.livetalk.server.ServerConfig;
import dev.livetalk.server.ServerLine;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The reference server of one strategy's run as a process of its own ({@link ServerChild}), so
 * that a scenario can really kill it ({@code SIGKILL}: connections dropped without close
 * frames), start it again on the same port, stop it ({@code SIGSTOP}) and let it go on
 * ({@code SIGCONT}), and slow its commits. Its commits reach the configuration's
 * {@link CommitListener} with their epoch, also across restarts, each before the server's
 * next start is reported.
 *
 * <p>Everything the server JVMs write on disk is in one temporary folder of this object's
 * ({@code livetalk-server-run-*}), deleted by {@link #close()} and at the JVM's exit, since a killed JVM's
 * own clean-up never runs: {@code sqlite/}, where each JVM's sqlite-jdbc extracts its native library
 * ({@code -Dorg.sqlite.tmpdir}; by default in {@code java.io.tmpdir}, about 1.1 MB and a lock file per
 * JVM, never deleted after a {@code SIGKILL}); with a durable history ({@code durable}) {@code data/},
 * the history: a restart that keeps it starts on that folder again (the same epoch); one that loses
 * it empties the folder first (a fresh epoch). Without, every start is a fresh epoch. With a durable
 * history and standbys, {@code warm-up/}, in which each standby warms up on a scratch history of its own;
 * with a durable history, {@code heard}, what the run heard of the server's commits before each kill
 * ({@link HeardCommits}), so that the next start tells again only the commits whose lines died with
 * the killed server, not its whole recovered history.
 *
 * <p>With {@code standby} (a plan with restarts) the next server is started ahead, as a standby
 * ({@link ServerArguments#standby()}): a JVM of the same command line that has warmed up and
 * waits, the port and the history untouched, so that a restart's downtime is what the scenario
 * says and not a JVM's start. {@link #recoverAhead(boolean)}, right after the kill, empties the
 * history when it is lost and tells the standby to recover (open the history, now free, and read
 * it) while the window lasts; {@link #start(boolean)} at the window's end tells it to go and
 * waits until it listens: what is left is the bind, and whatever of the recovery the window was
 * too short for. The first standby is started with the server, and {@link #start(ServerConfig, boolean,
 * boolean, Consumer)} returns only once it is warm (within {@link #STANDBY_DEADLINE}): its warm-up takes
 * a few CPU-seconds, which must not fall in the run's first minute, beside the clients' connects
 * (the first minute's scheduling-lag p99 of the soak's 10-minute cut rose from 7.5 to 16.1 ms);
 * {@link #summary()} says how long that took. The next standby is started by {@link #standBy()},
 * which the fault player calls a while after each restart, not while the clients reconnect. Without a standby (none asked, or none started yet) a start
 * launches a JVM as before.
 *
 * <p>Threads: {@link #start(boolean)}, {@link #kill()}, {@link #standBy()}, {@link #pause()},
 * {@link #resume()}, {@link #slowCommits} and {@link #close()} are called by one thread at a time
 * (the stage's, then its fault player's); {@link #port()} and {@link #epoch()} from any thread. A
 * {@code livetalk-server-stopper} shutdown hook kills the process still running and the standby
 * when the JVM exits (each, whatever the other's kill did) and deletes the folder of this object's.
 */
final class ServerProcess implements AutoCloseable {
    static final Duration START_DEADLINE = Duration.ofSeconds(30);
    /** How long a standby may take to warm up (a few CPU-seconds; far longer on a loaded machine). */
    static final Duration STANDBY_DEADLINE = Duration.ofSeconds(60);
    static final Duration STOP_DEADLINE = Duration.ofSeconds(10);
    /** How long a start retries a port still held (as after a kill) before giving up. */
    static final Duration BIND_RETRY = Duration.ofSeconds(10);

    private final ServerArguments arguments;
    /** The folder of this object's: {@link #dataDir}, {@link #warmUpDir}, {@link #sqliteDir}, {@link #heardFile}. */
    private final Path folder;
    /** The durable history's folder, or {@code null}. */
    private final Path dataDir;
    /** The folder of the standbys' warm-up histories ({@link ServerArguments#warmUp()}), or {@code null}. */
    private final Path warmUpDir;
    /** Where the server JVMs' sqlite-jdbc extracts its native library ({@code org.sqlite.tmpdir}). */
    private final Path sqliteDir;
    /** With a durable history, what the run heard of before the last kill ({@link ServerArguments#heard()}), or {@code null}. */
    private final Path heardFile;
    private final CommitListener listener;
    private final Consumer<Throwable> onFailure;
    /** Whether a standby is kept for the next start. */
    private final boolean standbys;
    /** How long a standby may take to warm up: {@link #STANDBY_DEADLINE} but in tests. */
    private final Duration standbyDeadline;
    private final Thread shutdownHook = new Thread(this::killOnExit, "livetalk-server-stopper");
    /**
     * Every commit heard of, across restarts: a durable start repeats what it recovered above what
     * was heard of it, written to {@link #heardFile} at each kill ({@link HeardCommits}).
     */
    private final HeardSeqs heard = new HeardSeqs();
    /** The servers that listened, in order, for {@link #recoveries()}. */
    private final List<ServerChild> served = new CopyOnWriteArrayList<>();
    /** The run's listener, told of each commit once (the stdout reader's thread). */
    private final CommitListener once = new CommitListener() {
        @Override
        public void onCommit(dev.livetalk.protocol.Message message) {
            throw new IllegalStateException("the server process tells every commit with its epoch");
        }

        @Override
        public void onCommit(String epoch, dev.livetalk.protocol.Message message) {
            if (heard.add(epoch, message.room(), message.seq())) {
                listener.onCommit(epoch, message);
            }
        }

        @Override
        public void onStart(String epoch) {
            listener.onStart(epoch);
        }

        @Override
        public void onRequest(String type) {
            listener.onRequest(type);
        }
    };
    private volatile ServerChild child;
    /** The next server, started ahead and waiting for go, or {@code null}. */
    private volatile ServerChild standby;
    private volatile String epoch;
    private boolean paused;
    /** What {@link #recoverAhead} prepared the next start for (keeping the history or not), or {@code null}. */
    private Boolean prepared;
    /** How long the start waited for the first standby to warm up, or {@code null} when it kept none. */
    private volatile Duration firstStandbyWait;

    private ServerProcess(ServerArguments arguments, Path folder, Path dataDir, Path warmUpDir, Path sqliteDir,
                          CommitListener listener, boolean standbys, Duration standbyDeadline,
                          Consumer<Throwable> onFailure) {
        this.arguments = arguments;
        this.folder = folder;
        this.dataDir = dataDir;
        this.warmUpDir = warmUpDir;
        this.sqliteDir = sqliteDir;
        this.heardFile = arguments.heard();
        this.listener = listener;
        this.standbys = standbys;
        this.standbyDeadline = standbyDeadline;
        this.onFailure = onFailure;
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts a server with {@code config}'s secret, history limit, dedupe window, rate limit and
     * commit listener on a free loopback port, and waits until it listens.
     *
     * @param durable   whether it keeps a durable history (in the temporary folder of this object's)
     * @param standby   whether to keep the next server started ahead, as a standby (a plan with restarts);
     *                  the first is started once this one listens, and waited for until it is warm
     * @param onFailure told when the server exits or fails unasked while it should run
     * @throws NetworkBackendException when it does not listen within {@link #START_DEADLINE}, or its first
     *                                 standby is not warm within {@link #STANDBY_DEADLINE}
     */
    static ServerProcess start(ServerConfig config, boolean durable, boolean standby, Consumer<Throwable> onFailure)
            throws IOException {
        return start(config, durable, standby, onFailure, STANDBY_DEADLINE);
    }

    /** {@link #start(ServerConfig, boolean, boolean, Consumer)} with another standby deadline; for tests. */
    static ServerProcess start(ServerConfig config, boolean durable, boolean standby, Consumer<Throwable> onFailure,
                               Duration standbyDeadline) throws IOException {
        Path folder = Files.createTempDirectory("livetalk-server-run-");
        ServerProcess server;
        try {
            Path dataDir = durable ? Files.createDirectory(folder.resolve("data")) : null;
            Path warmUpDir = durable && standby ? Files.createDirectory(folder.resolve("warm-up")) : null;
            Path sqliteDir = Files.createDirectory(folder.resolve("sqlite"));
            ServerArguments arguments = arguments(config, freeLoopbackPort(), dataDir);
            if (durable) {
                arguments = arguments.withHeard(folder.resolve("heard"));
            }
            server = new ServerProcess(arguments, folder, dataDir, warmUpDir, sqliteDir, config.commitListener(),
                    standby, standbyDeadline, onFailure);
        } catch (IOException | RuntimeException e) {
            try {
                delete(folder);
            } catch (UncheckedIOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        try {
            server.start(true);
            if (standby) {
                server.awaitFirstStandby();
            }
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /**
     * The child's command line for {@code config} on {@code port}: its secret, history limit, dedupe
     * window, rate limit and epoch, with {@code dataDir} (or {@code null} for a history in memory).
     */
    static ServerArguments arguments(ServerConfig config, int port, Path dataDir) {
        return new ServerArguments(port, config.secret(), config.historyLimit(), config.dedupeWindow(),
                config.ratePerSecond(), config.rateBurst(), dataDir, config.epoch());
    }

    int port() {
        return arguments.port();
    }

    /** The epoch the running (or last) server announced. */
    String epoch() {
        return epoch;
    }

    /** The running server's process id. */
    long pid() {
        return running().pid();
    }

    /** The folder in which the standbys warm up on a durable history, or {@code null}; for tests. */
    Path warmUpDir() {
        return warmUpDir;
    }

    /** The folder of this object's, which holds everything its server JVMs write; for tests. */
    Path folder() {
        return folder;
    }

    /** The standby's process id, if one was started and not yet told to go. */
    java.util.OptionalLong standbyPid() {
        ServerChild next = standby;
        return next == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(next.pid());
    }

    /**
     * Starts the next standby, when standbys are kept and there is none; returns at once (it warms
     * up on its own).
     *
     * @throws NetworkBackendException when the JVM cannot be started
     */
    void standBy() {
        if (standbys && standby == null) {
            standby = launch(arguments.asStandby(warmUpDir));
        }
    }

    /**
     * Starts the first standby and waits until it is warm, so that its warm-up is over before the
     * clients connect.
     *
     * @throws NetworkBackendException saying what the run waited for, when it is not warm in time
     */
    private void awaitFirstStandby() {
        long began = System.nanoTime();
        standBy();
        try {
            awaitStandingBy();
        } catch (NetworkBackendException e) {
            throw new NetworkBackendException("a run with restarts waits, before its clients connect, until the"
                    + " server's first standby is warm, and it was not: " + e.getMessage(), e);
        }
        firstStandbyWait = Duration.ofNanos(System.nanoTime() - began);
    }

    /**
     * What the run waited for before its clients connected and what its durable restarts recovered,
     * for the run's output: {@code "the server's first standby warmed up in 3.2 s before the clients
     * connected; its durable restarts recovered 51,200, 100,000 messages in 0.62, 1.10 s (0 told
     * again)"}; {@code null} when there is neither.
     */
    String summary() {
        List<String> parts = new ArrayList<>();
        Duration waited = firstStandbyWait;
        if (waited != null) {
            parts.add(String.format(Locale.ROOT, "the server's first standby warmed up in %.1f s before the clients"
                    + " connected", waited.toNanos() / 1e9));
        }
        List<ServerLine.Recovered> recoveries = recoveries();
        if (recoveries.size() > 1) { // the first start's recovery is of an empty history
            List<ServerLine.Recovered> restarts = recoveries.subList(1, recoveries.size());
            parts.add(String.format(Locale.ROOT, "its durable restarts recovered %s messages in %s s (%,d told again)",
                    String.join(", ", restarts.stream().map(r -> String.format(Locale.ROOT, "%,d", r.messages()))
                            .toList()),
                    String.join(", ", restarts.stream().map(r -> String.format(Locale.ROOT, "%.2f",
                            r.took().toNanos() / 1e9)).toList()),
                    restarts.stream().mapToLong(ServerLine.Recovered::toldAgain).sum()));
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    /** Whether there is a standby and it said it is warm; for tests. */
    boolean standingBy() {
        ServerChild next = standby;
        return next != null && next.standingBy().isDone() && !next.standingBy().isCompletedExceptionally();
    }

    /**
     * Waits until the standby is warm (within {@link #STANDBY_DEADLINE}, or the deadline the start was
     * given); for tests and measurements.
     *
     * @throws NetworkBackendException when there is none, or it exited or did not get warm in time
     */
    void awaitStandingBy() {
        ServerChild next = standby;
        if (next == null) {
            throw new IllegalStateException("no standby was started");
        }
        awaitStandingBy(next, standbyDeadline);
    }

    /**
     * Waits until {@code next}, a standby, is warm, for at most {@code deadline}.
     *
     * @throws NetworkBackendException when it exited first, or was not warm within {@code deadline}
     */
    static void awaitStandingBy(ServerChild next, Duration deadline) {
        try {
            next.standingBy().get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new NetworkBackendException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new NetworkBackendException("the standby server process " + next.pid() + " did not stand by within "
                    + deadline + next.stderrTail());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetworkBackendException("interrupted while the standby server process warmed up");
        }
    }

    /**
     * Starts the server again on the same port, after {@link #kill()}, and waits until it listens
     * (retrying for {@link #BIND_RETRY} while the port is still held): the standby, told to go, when
     * there is one, else a JVM launched now.
     *
     * @param keepHistory whether it comes back with its durable history (only with one); without, a fresh epoch
     * @throws NetworkBackendException when it does not listen in time
     */
    void start(boolean keepHistory) {
        if (prepared == null) {
            prepare(keepHistory);
        } else if (prepared != keepHistory) {
            throw new IllegalStateException("the history was made ready for a start that " + (prepared ? "keeps" : "loses")
                    + " it, not one that " + (keepHistory ? "keeps" : "loses") + " it");
        }
        prepared = null;
        long deadline = System.nanoTime() + BIND_RETRY.toNanos();
        ServerChild next = standby;
        standby = null;
        while (true) {
            boolean ahead = next != null;
            ServerChild launched = ahead ? goAhead(next) : launch(arguments);
            next = null; // a retry launches anew
            child = launched;
            try {
                epoch = launched.listening().get(START_DEADLINE.toMillis(), TimeUnit.MILLISECONDS).epoch();
                served.add(launched);
                paused = false;
                return;
            } catch (ExecutionException e) {
                String why = e.getCause().getMessage();
                if (!why.contains("cannot listen") || System.nanoTime() > deadline) {
                    throw new NetworkBackendException(ahead ? "the standby server, told to go: " + why : why,
                            e.getCause());
                }
            } catch (TimeoutException e) {
                launched.kill(STOP_DEADLINE);
                throw new NetworkBackendException("the server process " + launched.pid() + " did not listen on port "
                        + port() + " within " + START_DEADLINE + launched.stderrTail());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                launched.kill(STOP_DEADLINE);
                throw new NetworkBackendException("interrupted while the server process started");
            }
        }
    }

    /**
     * After {@link #kill()}, at the restart window's start: makes the history ready for the next
     * start (empties it when it is lost) and tells the standby, if there is one, to recover it now;
     * {@link #start(boolean)} with the same {@code keepHistory} then only tells it to go. Returns at
     * once: a standby that fails to recover says so when it is told to go.
     */
    void recoverAhead(boolean keepHistory) {
        prepare(keepHistory);
        prepared = keepHistory;
        ServerChild next = standby;
        if (next != null && next.alive()) {
            try {
                next.recover();
            } catch (NetworkBackendException e) {
                // it died just now: start(...) says so
            }
        }
    }

    /** The checks of a start and the emptied history of one that loses it. */
    private void prepare(boolean keepHistory) {
        if (child != null && child.alive()) {
            throw new IllegalStateException("the server process " + child.pid() + " runs already");
        }
        if (keepHistory && dataDir == null && child != null) {
            throw new IllegalStateException("a server without a durable history cannot keep it across a restart");
        }
        if (!keepHistory && dataDir != null) {
            emptyDataDir();
        }
    }

    /**
     * SIGKILL: the server dies at once, its connections dropped without close frames; returns once it
     * is gone and every line it wrote was read. With a durable history, what was heard of it is then
     * written for the next start.
     *
     * @throws NetworkBackendException when it is not gone in time, or what was heard cannot be written
     */
    void kill() {
        running().kill(STOP_DEADLINE);
        paused = false;
        if (heardFile != null) {
            HeardCommits heardOf = heard.of(epoch);
            try {
                heardOf.write(heardFile);
            } catch (IOException e) {
                throw new NetworkBackendException("cannot write what the run heard of the killed server to "
                        + heardFile + ": " + e.getMessage(), e);
            }
        }
    }

    /** What each durable start that listened said it recovered so far ({@link ServerLine.Recovered}), in order. */
    List<ServerLine.Recovered> recoveries() {
        return served.stream().map(ServerChild::recovered).filter(java.util.Objects::nonNull).toList();
    }

    /** SIGSTOP: the server stops processing; connections stay open. */
    void pause() {
        running().signal("STOP", STOP_DEADLINE);
        paused = true;
    }

    /** SIGCONT: the server takes up what waited. */
    void resume() {
        running().signal("CONT", STOP_DEADLINE);
        paused = false;
    }

    /** Each commit takes {@code delay} more from now on; zero lifts it. */
    void slowCommits(Duration delay) {
        running().send(new ServerLine.SlowCommit(delay));
    }

    /**
     * Stops the server (its stdin closed, SIGKILL after {@link #STOP_DEADLINE}), kills the standby
     * (SIGKILL: it never served, so it leaves no class-data archive behind to race the server's) and
     * deletes the folder of this object's (the data, the warm-up histories, the native libraries). Each step is tried even when one before failed; the
     * first failure is thrown, the others suppressed by it.
     */
    @Override
    public void close() {
        ServerChild last = child;
        ServerChild next = standby;
        standby = null;
        RuntimeException failure = null;
        if (next != null && next.alive()) {
            failure = attempt(failure, () -> next.kill(STOP_DEADLINE));
        }
        if (last != null && last.alive()) {
            if (paused) {
                failure = attempt(failure, () -> last.signal("CONT", STOP_DEADLINE));
            }
            failure = attempt(failure, () -> last.stop(STOP_DEADLINE));
        }
        failure = attempt(failure, () -> delete(folder));
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs or ran
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Runs {@code step}; returns {@code failure}, or the step's failure when first, the later ones suppressed. */
    private static RuntimeException attempt(RuntimeException failure, Runnable step) {
        try {
            step.run();
            return failure;
        } catch (RuntimeException e) {
            if (failure == null) {
                return e;
            }
            failure.addSuppressed(e);
            return failure;
        }
    }

    private ServerChild running() {
        ServerChild current = child;
        if (current == null) {
            throw new IllegalStateException("the server process is not running");
        }
        if (!current.alive()) {
            throw new IllegalStateException("the server process " + current.pid() + " is not running: it "
                    + current.exit() + current.stderrTail());
        }
        return current;
    }

    /** Tells the standby to go, or says clearly why it cannot: it died while it waited. */
    private ServerChild goAhead(ServerChild next) {
        if (!next.alive()) {
            next.expectExit();
            throw new NetworkBackendException("the standby server process " + next.pid() + ", started ahead for this"
                    + " restart, " + next.exit() + (next.toldToRecover() ? " after it was told to recover the history"
                    : " before it was told to go") + next.stderrTail());
        }
        try {
            next.go();
        } catch (NetworkBackendException e) {
            next.kill(STOP_DEADLINE);
            throw new NetworkBackendException("the standby server process " + next.pid() + " cannot be told to go: "
                    + e.getMessage(), e);
        }
        return next;
    }

    private ServerChild launch(ServerArguments launched) {
        try {
            return ServerChild.launch(launched, sqliteDir, once, onFailure);
        } catch (IOException e) {
            throw new NetworkBackendException("cannot start the server process (" + ServerChild.javaBinary() + "): "
                    + e.getMessage(), e);
        }
    }

    /** The {@code livetalk-server-stopper} shutdown hook's work. */
    private void killOnExit() {
        killOnExit(java.util.Arrays.asList(standby, child), List.of(folder), System.err);
    }

    /**
     * Kills every one of {@code children} still running ({@code SIGKILL}) and deletes {@code folders}
     * ({@code null} entries skipped), each attempted whatever failed before it: a kill or a delete that
     * fails is written to {@code err}, and the rest go on.
     */
    static void killOnExit(List<ServerChild> children, List<Path> folders, PrintStream err) {
        for (ServerChild current : children) {
            try {
                if (current != null && current.alive()) {
                    current.kill(STOP_DEADLINE);
                }
            } catch (RuntimeException e) {
                err.println("livetalk: cannot kill the server process " + current.pid() + " at exit: " + e);
            }
        }
        for (Path folder : folders) {
            try {
                delete(folder);
            } catch (RuntimeException e) {
                err.println("livetalk: " + e.getMessage() + (e.getCause() == null ? "" : ": " + e.getCause()));
            }
        }
    }

    private void emptyDataDir() {
        delete(dataDir);
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the server's data folder " + dataDir, e);
        }
    }

    /** Deletes {@code folder} and all in it, if there is one. */
    private static void delete(Path folder) {
        if (folder == null || !Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new UncheckedIOException("cannot delete the server process's temporary folder " + folder,
                    e instanceof UncheckedIOException unchecked ? unchecked.getCause() : (IOException) e);
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
