package dev.livetalk.server;

import dev.livetalk.protocol.EventCodec;
import dev.livetalk.protocol.Message;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * The reference server as a process of its own, for a harness that kills and restarts it:
 * {@code java dev.livetalk.server.ServerMain --port P --secret S --history N --rate R --burst B
 * [--data DIR [--heard FILE]] [--epoch E]}. It prints {@code listening <port> <epoch>} on stdout once bound and a
 * {@code commit <epoch> <message JSON>} line per commit ({@link ServerLine}); a durable start then tells
 * again as commit lines the recovered messages the parent had not heard of ({@code --heard}: a message made
 * durable just before a kill may have died with its commit line; without {@code --heard}, every one) and
 * sums its recovery up in one line, {@code recovered <messages> <nanos> <told-again> <epoch>}. It reads
 * {@code slow-commit <nanos>} lines on stdin and exits when stdin ends (so it does not outlive
 * its parent). Exit codes: 0 after stdin ended, 1 when the server could not start or failed,
 * 2 for bad arguments or a {@code --data} folder that holds no readable history (the message
 * names the value and the rule).
 *
 * <p>With {@code --standby} it is the next server of a harness that restarts it, started ahead:
 * it warms up ({@link StandbyWarmUp}: classes loaded, the server's paths run once on a throwaway
 * server, neither the port nor the history touched), prints {@code standing-by} and waits on
 * stdin for {@code recover}, upon which it opens the history (which the server before it held
 * until it died) and recovers it, and then {@code go}, upon which it binds the port (recovering
 * first when no {@code recover} came): together what a start without {@code --standby} does at
 * once. Stdin ending before {@code go} ends it with 0; any other line before {@code go} with 1. With
 * {@code --warm-up DIR} the warm-up's scratch history goes in a folder inside {@code DIR}, which the parent deletes
 * (it kills a standby it has no use for, so the standby's own clean-up may never run).
 *
 * <p>Threads: the main thread warms up, starts the server and then reads stdin; commit lines are written
 * by the server's threads through {@link CommitLines}.
 */
public final class ServerMain {
    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;

    private ServerMain() {
    }

    public static void main(String[] args) {
        PrintStream stdout = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        System.exit(run(List.of(args), System.in, stdout, System.err));
    }

    /** Runs the server until {@code in} ends; returns the exit code. */
    static int run(List<String> args, InputStream in, OutputStream out, PrintStream err) {
        ServerArguments arguments;
        ServerConfig config;
        CommitLines lines = new CommitLines(out);
        try {
            arguments = ServerArguments.parse(args);
            config = arguments.config(lines);
        } catch (IllegalArgumentException e) {
            err.println("ServerMain: " + e.getMessage());
            err.println(ServerArguments.USAGE);
            return EXIT_USAGE;
        }
        BufferedReader stdin = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        if (arguments.standby()) {
            StandbyWarmUp.run(config, arguments.warmUp(), err);
            lines.print(new ServerLine.StandingBy());
        }
        Opened opened;
        try {
            opened = arguments.standby() ? awaitGo(config, stdin) : listening(open(config));
            if (opened == null) {
                return EXIT_OK; // stdin ended before go: the parent has no use for this standby
            }
        } catch (HistoryStoreException e) {
            err.println("ServerMain: " + e.getMessage());
            return EXIT_USAGE;
        } catch (IOException | IllegalArgumentException e) {
            err.println("ServerMain: " + e.getMessage());
            return EXIT_FAILED;
        }
        try (ReferenceServer server = opened.server()) {
            lines.print(new ServerLine.Listening(server.port(), server.epoch()));
            if (config.dataDir() != null) {
                tellRecovered(opened, heard(arguments, err), lines);
            }
            return control(server, stdin, err);
        }
    }

    /** A server that has taken up its history, what it recovered, and how long that took. */
    private record Opened(ReferenceServer server, ServerHistory recovered, long recoveryNanos) {
    }

    /** Opens the history and recovers it ({@link ReferenceServer#open}), timed. */
    private static Opened open(ServerConfig config) throws IOException {
        long began = System.nanoTime();
        ReferenceServer server = ReferenceServer.open(config);
        try {
            return new Opened(server, server.retained(), System.nanoTime() - began);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** Binds {@code opened}'s port; closes it when that fails. */
    private static Opened listening(Opened opened) throws IOException {
        try {
            opened.server().listen();
            return opened;
        } catch (IOException | RuntimeException e) {
            opened.server().close();
            throw e;
        }
    }

    /**
     * A durable start's commit lines of the recovered messages {@code heard} does not hold, in each
     * room's seq order (the reader passes on only the commits it has not heard of), then its
     * {@link ServerLine.Recovered} line.
     */
    private static void tellRecovered(Opened opened, HeardCommits heard, CommitLines lines) {
        ServerHistory recovered = opened.recovered();
        long messages = 0;
        long toldAgain = 0;
        for (List<Message> room : recovered.rooms().values()) {
            messages += room.size();
            for (Message message : room) {
                if (!heard.heard(recovered.epoch(), message)) {
                    lines.onCommit(recovered.epoch(), message);
                    toldAgain++;
                }
            }
        }
        lines.print(new ServerLine.Recovered(messages, Duration.ofNanos(opened.recoveryNanos()), toldAgain,
                recovered.epoch()));
    }

    /** The parent's {@code --heard} file; {@link HeardCommits#NONE} (every message told again) when it cannot be read. */
    private static HeardCommits heard(ServerArguments arguments, PrintStream err) {
        if (arguments.heard() == null) {
            return HeardCommits.NONE;
        }
        try {
            return HeardCommits.read(arguments.heard());
        } catch (IOException | IllegalArgumentException e) {
            err.println("ServerMain: cannot read --heard " + arguments.heard() + " (every recovered message is told"
                    + " again): " + e.getMessage());
            return HeardCommits.NONE;
        }
    }

    /**
     * A standby's wait on stdin: {@code recover} opens and recovers the history, {@code go} then
     * binds; returns the listening server, or {@code null} when stdin ended before {@code go}.
     *
     * @throws HistoryStoreException    when the history cannot be opened or read
     * @throws IOException              when the port cannot be bound, or stdin not read
     * @throws IllegalArgumentException for any other line, or {@code recover} twice
     */
    private static Opened awaitGo(ServerConfig config, BufferedReader stdin) throws IOException {
        Opened recovered = null;
        try {
            for (String line = stdin.readLine(); line != null; line = stdin.readLine()) {
                if (line.equals(new ServerLine.Recover().format()) && recovered == null) {
                    recovered = open(config);
                    continue;
                }
                if (!line.equals(new ServerLine.Go().format())) {
                    throw new IllegalArgumentException("a standby takes \"recover\" and then \"go\" on stdin before"
                            + " anything else: \"" + line + "\"");
                }
                Opened server = recovered != null ? recovered : open(config);
                recovered = server;
                server.server().listen();
                recovered = null; // it listens: the caller closes it
                return server;
            }
            return null;
        } finally {
            if (recovered != null) {
                recovered.server().close();
            }
        }
    }

    /** Reads control lines until stdin ends. */
    private static int control(ReferenceServer server, BufferedReader stdin, PrintStream err) {
        try (BufferedReader reader = stdin) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!(ServerLine.parse(line) instanceof ServerLine.SlowCommit slow)) {
                    throw new IllegalArgumentException("stdin takes \"slow-commit <nanos>\" lines only: \"" + line + "\"");
                }
                server.slowCommits(slow.delay());
            }
            return EXIT_OK;
        } catch (IOException e) {
            err.println("ServerMain: cannot read stdin: " + e.getMessage());
            return EXIT_FAILED;
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            err.println("ServerMain: " + e.getMessage());
            return EXIT_FAILED;
        }
    }

    /**
     * Writes a {@link ServerLine.Commit} per commit, flushed at once, so the line is out before the
     * commit's ack. Called by the server's threads (one at a time, under the server's lock) and by
     * the main thread for the listening line; each line is written whole under this object's lock.
     */
    static final class CommitLines implements CommitListener {
        private final EventCodec codec = new EventCodec();
        private final PrintStream out;

        CommitLines(OutputStream out) {
            this.out = out instanceof PrintStream stream ? stream
                    : new PrintStream(out, false, StandardCharsets.UTF_8);
        }

        @Override
        public void onCommit(Message message) {
            throw new IllegalStateException("the server tells every commit with its epoch");
        }

        @Override
        public synchronized void onCommit(String epoch, Message message) {
            print(new ServerLine.Commit(epoch, codec.encode(message)));
        }

        @Override
        public void onRequest(String type) {
            print(new ServerLine.Request(type));
        }

        synchronized void print(ServerLine line) {
            out.print(line.format());
            out.print('\n');
            out.flush();
        }
    }
}
