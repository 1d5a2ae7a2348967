package dev.livetalk.network;

import dev.livetalk.protocol.Decoded;
import dev.livetalk.protocol.EventCodec;
import dev.livetalk.protocol.Message;
import dev.livetalk.protocol.ServerEvent;
import dev.livetalk.server.CommitListener;
import dev.livetalk.server.ServerArguments;
import dev.livetalk.server.ServerLine;
import dev.livetalk.server.ServerMain;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One run of {@link ServerMain} as a child JVM: the same {@code java} binary and class path as
 * this JVM, a modest heap, exit on OutOfMemoryError, and, when the class path is jars only (as
 * {@code livetalk} runs), a class-data archive of its own in the temporary folder (one per java
 * binary and class path, written when a server exits normally and read by the next ones, which
 * then start faster: a standby warms up sooner, and a start without one, whose downtime is mostly
 * the JVM's start, is shorter), and sqlite-jdbc's native library extracted into a folder the parent
 * gives ({@link #SQLITE_TMPDIR}). Its stdout is read by a thread named
 * {@code livetalk-server-stdout-PID}, which completes {@link #listening()} and turns each commit
 * line into a {@link CommitListener#onCommit(String, Message)} call (on that thread, in commit
 * order); its stderr's last lines are kept by {@code livetalk-server-stderr-PID} for error
 * messages. Once it said it listens, an exit that {@link #expectExit()} did not announce is
 * reported to {@code onFailure}, with the stderr's tail. A standby ({@link ServerArguments#standby()})
 * completes {@link #standingBy()} once warm, recovers its history on {@link #recover()} and listens
 * only after {@link #go()}; an exit before it listened fails both futures instead of being
 * reported.
 *
 * <p>Threads: started, signalled and stopped by one controlling thread at a time; the readers
 * are its own.
 */
final class ServerChild {
    /**
     * A modest heap, exit on OutOfMemoryError, the JVM's own warnings on stderr (stdout carries the
     * lines) but none about the class-data archive (a stale one is rebuilt at exit, as it should).
     */
    static final List<String> JVM_OPTIONS = List.of("-Xms64m", "-Xmx512m", "-XX:+ExitOnOutOfMemoryError",
            "-Xlog:disable", "-Xlog:all=warning:stderr", "-Xlog:aot*=off,cds*=off:stderr");
    /**
     * The sqlite-jdbc system property of the folder its native library is extracted to (a new file per
     * JVM, deleted at a normal exit only), as its README documents.
     */
    static final String SQLITE_TMPDIR = "-Dorg.sqlite.tmpdir=";
    private static final int STDERR_LINES = 30;

    private final Process process;
    private final CompletableFuture<ServerLine.Listening> listening = new CompletableFuture<>();
    private final CompletableFuture<Void> standingBy = new CompletableFuture<>();
    private final Deque<String> stderr = new ArrayDeque<>();
    private final Thread stdoutReader;
    private final Thread stderrReader;
    private volatile boolean exitExpected;
    /** Whether {@link #recover()} was sent (a standby's). */
    private volatile boolean recoverSent;
    /** What its durable start said it recovered, or {@code null} (not durable, or not said yet). */
    private volatile ServerLine.Recovered recovered;

    /** Reads {@code process}'s stdout and stderr from now on; {@link #launch} starts the process (tests pass one of theirs). */
    ServerChild(Process process, CommitListener listener, Consumer<Throwable> onFailure) {
        this.process = process;
        EventCodec codec = new EventCodec();
        // both assigned before either starts: the stdout reader of a process that exited at once
        // reads the stderr reader's field (for the failure's stderr tail) right away
        this.stdoutReader = Thread.ofPlatform().name("livetalk-server-stdout-" + process.pid()).daemon()
                .unstarted(() -> readStdout(codec, listener, onFailure));
        this.stderrReader = Thread.ofPlatform().name("livetalk-server-stderr-" + process.pid()).daemon()
                .unstarted(this::readStderr);
        stderrReader.start();
        stdoutReader.start();
    }

    /**
     * Launches {@code java ... ServerMain} with {@code arguments} (a standby when they say so), its
     * sqlite-jdbc extracting its native library into {@code sqliteDir} (which the caller deletes: a
     * killed JVM leaves it behind); returns at once.
     */
    static ServerChild launch(ServerArguments arguments, Path sqliteDir, CommitListener listener,
                              Consumer<Throwable> onFailure) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(JVM_OPTIONS);
        command.add(SQLITE_TMPDIR + sqliteDir.toAbsolutePath());
        if (onlyJars(System.getProperty("java.class.path"))) {
            command.addAll(List.of("-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + classDataArchive()));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ServerMain.class.getName()));
        command.addAll(arguments.toArgs());
        return new ServerChild(new ProcessBuilder(command).start(), listener, onFailure);
    }

    /** Whether a class-data archive can be made for {@code classPath}: the JVM archives classes of jars only. */
    static boolean onlyJars(String classPath) {
        return Arrays.stream(classPath.split(File.pathSeparator)).allMatch(entry -> entry.endsWith(".jar"));
    }

    /** The class-data archive of servers of this java binary and class path. */
    static Path classDataArchive() {
        String key = javaBinary() + "\n" + System.getProperty("java.class.path");
        return Path.of(System.getProperty("java.io.tmpdir"),
                "livetalk-server-" + HexFormat.of().toHexDigits(key.hashCode()) + ".jsa");
    }

    /** The {@code java} this JVM runs on. */
    static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    long pid() {
        return process.pid();
    }

    /** Completes once the server is bound, or exceptionally when it exited before. */
    CompletableFuture<ServerLine.Listening> listening() {
        return listening;
    }

    /** A standby's: completes once it is warm and waits for {@link #go()}, or exceptionally when it exited before. */
    CompletableFuture<Void> standingBy() {
        return standingBy;
    }

    /** What its durable start said it recovered ({@link ServerLine.Recovered}, after it listened), or {@code null}. */
    ServerLine.Recovered recovered() {
        return recovered;
    }

    /** Tells a standby to open the history and recover it, not to listen yet. */
    void recover() {
        send(new ServerLine.Recover());
        recoverSent = true;
    }

    /** Whether {@link #recover()} was sent to this standby. */
    boolean toldToRecover() {
        return recoverSent;
    }

    /** Tells a standby to listen (recovering first unless {@link #recover()} came); {@link #listening()} says when. */
    void go() {
        send(new ServerLine.Go());
    }

    /** The exit to come is wanted (a kill, a close): no failure is reported for it. */
    void expectExit() {
        exitExpected = true;
    }

    /** SIGKILL; returns once it is gone and every line it wrote was read. */
    void kill(Duration deadline) {
        expectExit();
        sigkill();
        awaitGone(deadline);
    }

    /**
     * Sends SIGKILL and nothing else. Not {@link Process#destroyForcibly()}: that also closes this
     * side of the child's pipes, so the lines still in its stdout pipe, written before it died
     * and not read yet by the stdout reader (a loaded machine), were dropped unseen: a commit the
     * server had acknowledged was then missing from the run's record (busy-room-deploy through
     * Toxiproxy: the acknowledged send counted as stuck pending). The reader reads to the end of
     * the pipe instead; the JVM closes the pipes once the process exited.
     */
    private void sigkill() {
        process.toHandle().destroyForcibly();
    }

    /** Closes its stdin, so it stops by itself; SIGKILL if it has not within {@code deadline}. */
    void stop(Duration deadline) {
        expectExit();
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // it is gone already; waiting below says so
        }
        if (!awaitExit(deadline)) {
            sigkill();
        }
        awaitGone(deadline);
    }

    /** Writes one control line to its stdin. */
    void send(ServerLine line) {
        try {
            OutputStream in = process.getOutputStream();
            in.write((line.format() + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            throw new NetworkBackendException("cannot tell the server process " + pid() + " \"" + line.format()
                    + "\": " + e.getMessage() + stderrTail(), e);
        }
    }

    /** Sends {@code signal} ({@code STOP}, {@code CONT}) with {@code kill}. */
    void signal(String signal, Duration deadline) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid())).redirectErrorStream(true)
                    .start();
            if (!kill.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                kill.destroyForcibly();
                throw new NetworkBackendException("kill -" + signal + " " + pid() + " did not finish within " + deadline);
            }
            if (kill.exitValue() != 0) {
                String out = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                throw new NetworkBackendException("kill -" + signal + " " + pid() + " failed with exit code "
                        + kill.exitValue() + ": " + out);
            }
        } catch (IOException e) {
            throw new NetworkBackendException("cannot run kill -" + signal + " " + pid() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetworkBackendException("interrupted while sending " + signal + " to " + pid());
        }
    }

    /** How it ended, or that it did not: {@code exited with code N}, {@code runs}. */
    String exit() {
        return process.isAlive() ? "runs" : "exited with code " + process.exitValue();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** The last lines it wrote on stderr, as {@code "; its stderr:\n..."}, or empty. */
    String stderrTail() {
        try {
            stderrReader.join(Duration.ofMillis(process.isAlive() ? 0 : 500));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (stderr) {
            return stderr.isEmpty() ? "" : "; its stderr:\n" + String.join("\n", stderr);
        }
    }

    private boolean awaitExit(Duration deadline) {
        try {
            process.onExit().get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a process exit future cannot fail", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sigkill();
            return false;
        }
    }

    private void awaitGone(Duration deadline) {
        if (!awaitExit(deadline)) {
            throw new NetworkBackendException("the server process " + pid() + " did not exit within " + deadline);
        }
        try {
            stdoutReader.join(deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readStdout(EventCodec codec, CommitListener listener, Consumer<Throwable> onFailure) {
        boolean failed = false;
        try (BufferedReader reader = reader(process.getInputStream())) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (failed) {
                    continue; // drained, so the server never blocks on a full pipe
                }
                try {
                    onLine(line, codec, listener);
                } catch (RuntimeException e) {
                    failed = true;
                    fail(new NetworkBackendException("the server process " + pid() + " wrote a line that cannot be"
                            + " taken: " + e.getMessage() + stderrTail(), e), onFailure);
                }
            }
        } catch (IOException e) {
            fail(new NetworkBackendException("cannot read the server process " + pid() + ": " + e.getMessage(), e),
                    onFailure);
        }
        awaitExit(Duration.ofSeconds(5));
        String exit = process.isAlive() ? "closed its stdout" : exit();
        if (!failed) {
            fail(new NetworkBackendException("the server process " + pid() + " " + exit
                    + (listening.isDone() ? " unexpectedly" : " before it listened") + stderrTail()), onFailure);
        }
    }

    private void onLine(String line, EventCodec codec, CommitListener listener) {
        switch (ServerLine.parse(line)) {
            case ServerLine.Listening bound -> {
                listener.onStart(bound.epoch()); // before any commit line of this start
                listening.complete(bound);
            }
            case ServerLine.Commit commit -> listener.onCommit(commit.epoch(), message(codec, commit));
            case ServerLine.Request request -> listener.onRequest(request.type());
            case ServerLine.StandingBy ready -> standingBy.complete(null);
            case ServerLine.Recovered summary -> recovered = summary;
            case ServerLine.SlowCommit other -> throw new IllegalArgumentException(
                    "the server wrote a control line on stdout: " + other.format());
            case ServerLine.Recover other -> throw new IllegalArgumentException(
                    "the server wrote a control line on stdout: " + other.format());
            case ServerLine.Go other -> throw new IllegalArgumentException(
                    "the server wrote a control line on stdout: " + other.format());
        }
    }

    /** Before it listened: the start fails with {@code failure}; after: the run does, unless the exit was asked for. */
    private void fail(NetworkBackendException failure, Consumer<Throwable> onFailure) {
        standingBy.completeExceptionally(failure);
        if (!listening.completeExceptionally(failure) && !exitExpected) {
            onFailure.accept(failure);
        }
    }

    private static Message message(EventCodec codec, ServerLine.Commit commit) {
        Decoded<ServerEvent> decoded = codec.decodeServer(commit.json());
        if (decoded instanceof Decoded.Ok<ServerEvent>(Message message)) {
            return message;
        }
        throw new IllegalArgumentException("a commit line must hold a message: " + commit.format());
    }

    private void readStderr() {
        try (BufferedReader reader = reader(process.getErrorStream())) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                synchronized (stderr) {
                    if (stderr.size() == STDERR_LINES) {
                        stderr.removeFirst();
                    }
                    stderr.addLast(line);
                }
            }
        } catch (IOException e) {
            // the process is gone; what was read is kept
        }
    }

    private static BufferedReader reader(InputStream stream) {
        return new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
    }
}
