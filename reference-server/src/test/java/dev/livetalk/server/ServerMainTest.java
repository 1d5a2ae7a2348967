package dev.livetalk.server;

import dev.livetalk.protocol.EventCodec;
import dev.livetalk.protocol.Message;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The command line and the stdout/stdin lines of the server as its own process. */
class ServerMainTest {
    private static final List<String> MINIMAL = List.of("--port", "4001", "--secret", "s", "--history", "50",
            "--rate", "120.5", "--burst", "300", "--dedupe", "20");

    @Test
    void shouldBuildTheConfigFromTheCommandLine() {
        ServerArguments arguments = ServerArguments.parse(concat(MINIMAL, "--data", "/tmp/d", "--epoch", "e1"));
        ServerConfig config = arguments.config(CommitListener.NONE);

        assertThat(config.port()).isEqualTo(4001);
        assertThat(config.secret()).isEqualTo("s");
        assertThat(config.historyLimit()).isEqualTo(50);
        assertThat(config.dedupeWindow()).isEqualTo(20);
        assertThat(config.ratePerSecond()).isEqualTo(120.5);
        assertThat(config.rateBurst()).isEqualTo(300);
        assertThat(config.dataDir()).isEqualTo(Path.of("/tmp/d"));
        assertThat(config.epoch()).isEqualTo("e1");
        assertThat(ServerArguments.parse(arguments.toArgs())).isEqualTo(arguments);
    }

    @Test
    void shouldReadStandbyAsAFlagWithoutValue() {
        ServerArguments standby = ServerArguments.parse(concat(List.of("--standby"), MINIMAL.toArray(String[]::new)));

        assertThat(standby.standby()).isTrue();
        assertThat(standby).isEqualTo(ServerArguments.parse(MINIMAL).asStandby(null));
        assertThat(standby.warmUp()).isNull();
        assertThat(ServerArguments.parse(standby.toArgs())).isEqualTo(standby);
        assertThat(ServerArguments.parse(MINIMAL).standby()).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> ServerArguments.parse(concat(MINIMAL, "--standby",
                "--standby"))).withMessage("--standby may be given once");
    }

    @Test
    void shouldTakeTheWarmUpFolderOfAStandbyOnly() {
        ServerArguments standby = ServerArguments.parse(concat(MINIMAL, "--standby", "--warm-up", "/tmp/w"));

        assertThat(standby.warmUp()).isEqualTo(Path.of("/tmp/w"));
        assertThat(standby).isEqualTo(ServerArguments.parse(MINIMAL).asStandby(Path.of("/tmp/w")));
        assertThat(ServerArguments.parse(standby.toArgs())).isEqualTo(standby);
        assertThatIllegalArgumentException().isThrownBy(() -> ServerArguments.parse(concat(MINIMAL, "--warm-up",
                "/tmp/w"))).withMessage("--warm-up is for a --standby only: \"/tmp/w\"");
    }

    @Test
    void shouldTakeTheHeardFileOfADurableServerOnly() {
        ServerArguments durable = ServerArguments.parse(concat(MINIMAL, "--data", "/tmp/d", "--heard", "/tmp/h"));

        assertThat(durable.heard()).isEqualTo(Path.of("/tmp/h"));
        assertThat(ServerArguments.parse(durable.toArgs())).isEqualTo(durable);
        assertThat(durable.asStandby(null).heard()).as("a standby's too").isEqualTo(Path.of("/tmp/h"));
        assertThatIllegalArgumentException().isThrownBy(() -> ServerArguments.parse(concat(MINIMAL, "--heard",
                "/tmp/h"))).withMessage("--heard is for a durable server (--data) only: \"/tmp/h\"");
    }

    @Test
    void shouldKeepTheHistoryInMemoryWithoutData() {
        ServerConfig config = ServerArguments.parse(MINIMAL).config(CommitListener.NONE);

        assertThat(config.dataDir()).isNull();
        assertThat(config.epoch()).isNull();
    }

    @Test
    void shouldRefuseBadArgumentsNamingValueAndRule() {
        assertThatIllegalArgumentException().isThrownBy(() -> ServerArguments.parse(with("--port", "0")))
                .withMessage("--port must be 1..65535: 0");
        assertThatIllegalArgumentException().isThrownBy(() -> ServerArguments.parse(with("--history", "many")))
                .withMessage("--history must be a whole number: \"many\"");
        assertThatIllegalArgumentException().isThrownBy(() -> ServerArguments.parse(with("--dedupe", "1e4")))
                .withMessage("--dedupe must be a whole number: \"1e4\"");
        assertThatIllegalArgumentException().isThrownBy(() -> ServerArguments.parse(MINIMAL.subList(0, 10)))
                .withMessage("--dedupe is required");
        assertThatIllegalArgumentException().isThrownBy(() -> ServerArguments.parse(with("--rate", "fast")))
                .withMessage("--rate must be a number: \"fast\"");
        assertThatIllegalArgumentException().isThrownBy(() -> ServerArguments.parse(MINIMAL.subList(2, 10)))
                .withMessage("--port is required");
        assertThatIllegalArgumentException().isThrownBy(() -> ServerArguments.parse(concat(MINIMAL, "--data")))
                .withMessage("--data needs a value");
        assertThatIllegalArgumentException().isThrownBy(() -> ServerArguments.parse(concat(MINIMAL, "--port", "5")))
                .withMessage("--port may be given once: given again as \"5\"");
        assertThatIllegalArgumentException().isThrownBy(() -> ServerArguments.parse(concat(MINIMAL, "--verbose", "1")))
                .withMessageStartingWith("unknown option \"--verbose\": expected one of --burst, --data, --dedupe, --epoch");
    }

    @Test
    void shouldExitWithTwoAndTheRuleOnBadArguments() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = ServerMain.run(with("--burst", "0"), InputStream.nullInputStream(), new ByteArrayOutputStream(),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("ServerMain: rateBurst must be >= 1: 0\n")
                .contains(ServerArguments.USAGE);
    }

    @Test
    void shouldFormatAndParseEveryLine() {
        Message message = new Message("room1", 3, "room1:3.0a1b2c3d", "c-1", "user1", "hi \"there\"\n", null, 17);
        String json = new EventCodec().encode(message);
        List<ServerLine> lines = List.of(new ServerLine.Listening(4001, "e0123"), new ServerLine.Commit("e0123", json),
                new ServerLine.SlowCommit(Duration.ofMillis(20)), new ServerLine.Request("history"),
                new ServerLine.StandingBy(), new ServerLine.Recover(), new ServerLine.Go(),
                new ServerLine.Recovered(100_000, Duration.ofMillis(812), 3, "e0123"));

        assertThat(lines).extracting(ServerLine::format).containsExactly("listening 4001 e0123",
                "commit e0123 " + json, "slow-commit 20000000", "request history", "standing-by", "recover", "go",
                "recovered 100000 812000000 3 e0123");
        assertThat(json).doesNotContain("\n");
        assertThat(lines).allSatisfy(line -> assertThat(ServerLine.parse(line.format())).isEqualTo(line));
        assertThatIllegalArgumentException().isThrownBy(() -> ServerLine.parse("slow-commit soon"))
                .withMessageStartingWith("unreadable line \"slow-commit soon\": expected");
        assertThatIllegalArgumentException().isThrownBy(() -> ServerLine.parse("listening 4001"))
                .withMessageStartingWith("unreadable line \"listening 4001\"");
        assertThatIllegalArgumentException().isThrownBy(() -> ServerLine.parse("request"))
                .withMessageStartingWith("unreadable line \"request\"");
        assertThatIllegalArgumentException().isThrownBy(() -> ServerLine.parse("go now"))
                .withMessageStartingWith("unreadable line \"go now\"");
        assertThatIllegalArgumentException().isThrownBy(() -> ServerLine.parse("recovered 5 12 e0123"))
                .withMessageStartingWith("unreadable line \"recovered 5 12 e0123\"");
    }

    @Test
    void shouldPrintEachCommitAsOneLineWithItsEpoch() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ServerMain.CommitLines lines = new ServerMain.CommitLines(out);
        Message message = new Message("room1", 1, "room1:1.0a1b2c3d", "c-1", "user1", "hello", null, 5);

        lines.onCommit("e42", message);

        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("commit e42 " + new EventCodec().encode(message) + "\n");
    }

    @Test
    void shouldSayListeningOnItsPortAndExitWhenStdinEnds() throws Exception {
        int port = freePort();
        PipedOutputStream stdin = new PipedOutputStream();
        InputStream in = new PipedInputStream(stdin);
        LineSink out = new LineSink();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> ServerMain.run(
                with("--port", Integer.toString(port)), in, out, new PrintStream(new ByteArrayOutputStream())));

        String listening = out.firstLine().get(30, TimeUnit.SECONDS);
        assertThat(listening).matches("listening " + port + " e[0-9a-f]{16}");
        assertThat(exit).isNotDone();
        stdin.close();

        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void shouldTellAgainWhatADurableStartRecoveredAfterItsListeningLine(@org.junit.jupiter.api.io.TempDir Path data)
            throws Exception {
        storeLobby(data, 2);

        List<String> lines = durableStart(data, 4);

        assertThat(lines.get(0)).matches("listening \\d+ e-durable");
        assertThat(lines.subList(1, 3)).allSatisfy(line -> assertThat(line).startsWith("commit e-durable {"))
                .anySatisfy(line -> assertThat(line).contains("\"seq\":2"));
        assertThat(lines.get(3)).as("the summary").matches("recovered 2 \\d+ 2 e-durable");
        assertThat(lines).hasSize(4);
    }

    /**
     * With the parent's {@code --heard} file a durable start tells again only the recovered messages
     * the parent had not heard of (a message made durable just before the kill, whose commit line
     * died with it), not its whole history (100,000 lines a restart in the soak), and sums the rest up
     * in one line; a file of another epoch (a lost history) holds nothing of this one.
     */
    @Test
    void shouldTellAgainOnlyWhatTheParentHadNotHeardOf(@org.junit.jupiter.api.io.TempDir Path temp) throws Exception {
        Path data = temp.resolve("data");
        storeLobby(data, 1_000);
        Path heard = temp.resolve("heard");
        new HeardCommits("e-durable", java.util.Map.of("lobby", 998L, "gone", 7L)).write(heard);

        List<String> lines = durableStart(data, 4, "--heard", heard.toString());

        assertThat(lines).hasSize(4);
        assertThat(lines.get(1)).startsWith("commit e-durable {").contains("\"seq\":999");
        assertThat(lines.get(2)).startsWith("commit e-durable {").contains("\"seq\":1000");
        assertThat(lines.get(3)).as("the last 50 (--history) recovered").matches("recovered 50 \\d+ 2 e-durable");

        new HeardCommits("e-lost", java.util.Map.of("lobby", 998L)).write(heard);
        assertThat(durableStart(data, 52, "--heard", heard.toString())).as("heard of another epoch").hasSize(52)
                .last().asString().matches("recovered 50 \\d+ 50 e-durable");
    }

    /**
     * What the parent heard above a gap (a durable start's new commit heard before the told-again one
     * below it, then killed): the next start tells again the gap and what is above the rest, not
     * what the parent heard above the gap.
     */
    @Test
    void shouldTellAgainTheGapBelowASeqHeardAboveIt(@org.junit.jupiter.api.io.TempDir Path temp) throws Exception {
        Path data = temp.resolve("data");
        storeLobby(data, 1_000);
        Path heard = temp.resolve("heard");
        new HeardCommits("e-durable", java.util.Map.of("lobby", 997L), java.util.Map.of("lobby",
                java.util.Set.of(999L))).write(heard);

        List<String> lines = durableStart(data, 4, "--heard", heard.toString());

        assertThat(lines).hasSize(4);
        assertThat(lines.get(1)).startsWith("commit e-durable {").contains("\"seq\":998");
        assertThat(lines.get(2)).startsWith("commit e-durable {").contains("\"seq\":1000");
        assertThat(lines.get(3)).matches("recovered 50 \\d+ 2 e-durable");
    }

    /** Commits {@code messages} messages of alice in lobby into a durable history of epoch e-durable in {@code data}. */
    private static void storeLobby(Path data, int messages) throws Exception {
        try (SqliteHistoryStore store = SqliteHistoryStore.open(data, null, () -> "e-durable")) {
            String epoch = store.epoch();
            List<Message> lobby = new java.util.ArrayList<>();
            for (int seq = 1; seq <= messages; seq++) {
                lobby.add(new Message("lobby", seq, ServerHistory.messageId(epoch, "lobby", seq), "c" + seq, "alice",
                        "message " + seq, null, 0));
            }
            store.append(lobby);
        }
    }

    /**
     * Starts a durable server on {@code data} with {@code more} arguments and stops it once it wrote
     * {@code lines} lines (or 30 s passed): what it told the recovery, which comes before it reads stdin.
     */
    private static List<String> durableStart(Path data, int lines, String... more) throws Exception {
        PipedOutputStream stdin = new PipedOutputStream();
        InputStream in = new PipedInputStream(stdin);
        LineSink out = new LineSink();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args = concat(concat(with("--port", Integer.toString(freePort())), "--data", data.toString()),
                more);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> ServerMain.run(args, in, out,
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        try {
            CompletableFuture.anyOf(out.awaitLine(lines), exit).get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            // stopped all the same: the assertions say what it wrote
        }
        stdin.close();
        assertThat(exit.get(30, TimeUnit.SECONDS)).as("exit; stderr: " + err).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).as("stderr").isEmpty();
        return out.lines();
    }

    /**
     * A standby warms up, says so, and neither opens its history nor binds its port before told:
     * the history stays as it was (no file yet) and the port is free; recover opens the history,
     * the port still free; after go it listens on the history's epoch.
     */
    @Test
    void shouldStandByRecoverOnRecoverAndListenOnlyOnGo(@org.junit.jupiter.api.io.TempDir Path data) throws Exception {
        int port = freePort();
        PipedOutputStream stdin = new PipedOutputStream();
        InputStream in = new PipedInputStream(stdin);
        LineSink out = new LineSink();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> ServerMain.run(
                concat(with("--port", Integer.toString(port)), "--data", data.toString(), "--epoch", "e-standby",
                        "--standby"), in, out, new PrintStream(new ByteArrayOutputStream())));

        assertThat(out.firstLine().get(60, TimeUnit.SECONDS)).isEqualTo("standing-by");
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(data)) {
            assertThat(files).as("the history is not opened before go").isEmpty();
        }
        assertThat(binds(port)).as("the port is free before go").isTrue();
        assertThat(exit).isNotDone();

        stdin.write("recover\n".getBytes(StandardCharsets.UTF_8));
        stdin.flush();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!java.nio.file.Files.exists(data.resolve(SqliteHistoryStore.FILE_NAME)) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(data.resolve(SqliteHistoryStore.FILE_NAME)).as("recover opens the history").exists();
        assertThat(binds(port)).as("the port is free after recover, before go").isTrue();
        assertThat(out.lines()).containsExactly("standing-by");

        stdin.write("go\n".getBytes(StandardCharsets.UTF_8));
        stdin.flush();
        String listening = out.awaitLine(2).get(30, TimeUnit.SECONDS);
        assertThat(listening).isEqualTo("listening " + port + " e-standby");
        assertThat(binds(port)).as("bound after go").isFalse();
        stdin.close();
        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(out.lines()).as("nothing of the warm-up on stdout").hasSize(3).startsWith("standing-by", listening);
        assertThat(out.lines().get(2)).as("the recovery's summary").matches("recovered 0 \\d+ 0 e-standby");
    }

    /** With {@code --warm-up DIR} the scratch history of the warm-up is made in DIR (which the parent deletes). */
    @Test
    void shouldWarmUpInTheFolderTheParentGave(@org.junit.jupiter.api.io.TempDir Path temp) throws Exception {
        Path data = java.nio.file.Files.createDirectory(temp.resolve("data"));
        Path warmUp = temp.resolve("warm-up");
        int port = freePort();
        PipedOutputStream stdin = new PipedOutputStream();
        InputStream in = new PipedInputStream(stdin);
        LineSink out = new LineSink();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> ServerMain.run(
                concat(with("--port", Integer.toString(port)), "--data", data.toString(), "--standby",
                        "--warm-up", warmUp.toString()), in, out, new PrintStream(err, true, StandardCharsets.UTF_8)));

        assertThat(out.firstLine().get(60, TimeUnit.SECONDS)).isEqualTo("standing-by");
        assertThat(err.toString(StandardCharsets.UTF_8)).as("the warm-up's stderr").isEmpty();
        assertThat(warmUp).as("made by the warm-up").isDirectory().isEmptyDirectory();
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(data)) {
            assertThat(files).as("the history is not opened before go").isEmpty();
        }
        stdin.close();
        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void shouldEndAStandbyWhoseStdinEndsBeforeGo() throws Exception {
        LineSink out = new LineSink();
        int code = ServerMain.run(concat(with("--port", Integer.toString(freePort())), "--standby"),
                InputStream.nullInputStream(), out, new PrintStream(new ByteArrayOutputStream()));

        assertThat(code).isZero();
        assertThat(out.lines()).containsExactly("standing-by");
    }

    @Test
    void shouldRefuseAnythingButGoBeforeGo() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ServerMain.run(concat(with("--port", Integer.toString(freePort())), "--standby"),
                new java.io.ByteArrayInputStream("slow-commit 5\n".getBytes(StandardCharsets.UTF_8)),
                new LineSink(), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("ServerMain: a standby takes \"recover\" and then \"go\" on stdin before anything else:"
                        + " \"slow-commit 5\"")
                .doesNotContain("warm-up failed");
    }

    private static boolean binds(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return socket.isBound();
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> with(String option, String value) {
        List<String> args = new java.util.ArrayList<>(MINIMAL);
        args.set(args.indexOf(option) + 1, value);
        return args;
    }

    private static List<String> concat(List<String> first, String... more) {
        if (more.length == 0) {
            return first;
        }
        List<String> args = new java.util.ArrayList<>(first);
        args.addAll(List.of(more));
        return args;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Completes with the lines written to it, as they end. */
    private static final class LineSink extends java.io.OutputStream {
        private final StringBuilder text = new StringBuilder();
        private final java.util.Map<Integer, CompletableFuture<String>> awaited = new java.util.HashMap<>();
        private int ended;
        private int lineStart;

        CompletableFuture<String> firstLine() {
            return awaitLine(1);
        }

        /** Completes with the {@code n}th line (from 1) once it ended. */
        synchronized CompletableFuture<String> awaitLine(int n) {
            return awaited.computeIfAbsent(n, k -> new CompletableFuture<>());
        }

        synchronized List<String> lines() {
            return List.of(text.toString().split("\n"));
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                ended++;
                awaitLine(ended).complete(text.substring(lineStart));
                lineStart = text.length() + 1;
            }
            text.append((char) b);
        }
    }
}
