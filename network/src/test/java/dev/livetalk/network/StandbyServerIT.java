package dev.livetalk.network;

import dev.livetalk.protocol.Ack;
import dev.livetalk.protocol.Decoded;
import dev.livetalk.protocol.EventCodec;
import dev.livetalk.protocol.Hello;
import dev.livetalk.protocol.Join;
import dev.livetalk.protocol.Joined;
import dev.livetalk.protocol.ProtocolVersion;
import dev.livetalk.protocol.Send;
import dev.livetalk.protocol.ServerEvent;
import dev.livetalk.protocol.UserToken;
import dev.livetalk.protocol.Welcome;
import dev.livetalk.run.RunSetup;
import dev.livetalk.server.CommitListener;
import dev.livetalk.server.ServerConfig;
import dev.livetalk.server.ServerLine;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The server's standby: the next server JVM, started ahead and warm, which opens the history and
 * listens only once told to go, so that a restart's downtime is not a JVM's start.
 */
class StandbyServerIT {
    private static ServerConfig config(List<String> starts) {
        return ServerConfig.builder(RunSetup.SECRET).commitListener(new CommitListener() {
            @Override
            public void onCommit(dev.livetalk.protocol.Message message) {
            }

            @Override
            public void onCommit(String epoch, dev.livetalk.protocol.Message message) {
            }

            @Override
            public void onStart(String epoch) {
                starts.add(epoch);
            }
        }).build();
    }

    /**
     * A first standby not warm by its deadline (here 1 ns: none is) stops the start with what was
     * waited for, and leaves no server process behind: not the server, not the standby.
     */
    @Test
    void shouldStopTheStartWhenTheFirstStandbyIsNotWarmByItsDeadline() {
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Long> before = ProcessHandle.current().children().map(ProcessHandle::pid).toList();

        assertThatThrownBy(() -> ServerProcess.start(config(new ArrayList<>()), false, true, failures::add,
                Duration.ofNanos(1)))
                .isInstanceOf(NetworkBackendException.class)
                .hasMessageStartingWith("a run with restarts waits, before its clients connect, until the server's first"
                        + " standby is warm, and it was not: the standby server process ")
                .hasMessageContaining(" did not stand by within PT0.000000001S");
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .filter(p -> !before.contains(p.pid())).map(ProcessHandle::pid))
                .as("server processes left running").isEmpty();
        assertThat(failures).as("told as failures of a running server").isEmpty();
    }

    /** A restart as the fault player plays it: kill, recover ahead at once, go at the window's end. */
    @Test
    void shouldRecoverAheadWithoutListeningUntilGoThenListenWithTheDurableHistory() throws Exception {
        List<String> starts = new CopyOnWriteArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        try (ServerProcess server = ServerProcess.start(config(starts), true, true, failures::add)) {
            String epoch = server.epoch();
            assertThat(say(server.port(), "hello")).as("head of lobby after one send").isEqualTo(1);
            server.awaitStandingBy();
            long standby = server.standbyPid().orElseThrow();
            assertThat(standby).isNotEqualTo(server.pid());

            server.kill();
            assertThat(ServerProcessIT.accepts(server.port())).as("refused while dead").isFalse();
            server.recoverAhead(true);
            assertThat(ProcessHandle.of(standby)).as("the standby waits").hasValueSatisfying(
                    process -> assertThat(process.isAlive()).isTrue());
            assertThat(ServerProcessIT.accepts(server.port())).as("a standby does not listen before go").isFalse();
            assertThat(starts).as("no start announced before go").containsExactly(epoch);
            assertThatThrownBy(() -> server.start(false)).as("made ready to keep the history")
                    .isInstanceOf(IllegalStateException.class);

            server.start(true);
            assertThat(server.pid()).as("the standby is the server now").isEqualTo(standby);
            assertThat(server.standbyPid()).as("the next standby waits for standBy()").isEmpty();
            assertThat(server.epoch()).as("the durable history's epoch").isEqualTo(epoch);
            assertThat(starts).containsExactly(epoch, epoch);
            assertThat(say(server.port(), "again")).as("the message before the restart was recovered").isEqualTo(2);
            // the run heard every commit line before the kill: the restart tells none again, it only sums up
            assertThat(awaitRecoveries(server, 2)).as("what each start recovered and told again")
                    .extracting(ServerLine.Recovered::messages, ServerLine.Recovered::toldAgain, ServerLine.Recovered::epoch)
                    .containsExactly(tuple(0L, 0L, epoch), tuple(1L, 0L, epoch));
            assertThat(server.summary()).contains("its durable restarts recovered 1 messages in ", " s (0 told again)");
        }
        assertThat(failures).as("a wanted kill is no failure").isEmpty();
    }

    @Test
    void shouldStartAFreshEpochFromTheStandbyWhenTheHistoryIsLost() throws Exception {
        for (boolean durable : new boolean[] {true, false}) {
            List<String> starts = new CopyOnWriteArrayList<>();
            try (ServerProcess server = ServerProcess.start(config(starts), durable, true, failure -> { })) {
                String epoch = server.epoch();
                assertThat(say(server.port(), "hello")).isEqualTo(1);
                long standby = server.standbyPid().orElseThrow();

                server.kill();
                server.start(false);
                assertThat(server.pid()).isEqualTo(standby);
                assertThat(server.epoch()).as("a fresh epoch, durable " + durable).isNotEqualTo(epoch);
                assertThat(say(server.port(), "again")).as("nothing of the old epoch, durable " + durable)
                        .isEqualTo(1);
            }
        }
    }

    @Test
    void shouldLeaveNoJvmBehindAfterClose() throws Exception {
        List<Long> pids = new ArrayList<>();
        Path warmUp;
        try (ServerProcess server = ServerProcess.start(config(new CopyOnWriteArrayList<>()), true, true,
                failure -> { })) {
            pids.add(server.pid());
            server.kill();
            server.start(true);
            pids.add(server.pid());
            server.standBy();
            pids.add(server.standbyPid().orElseThrow());
            server.standBy(); // one standby at a time
            assertThat(server.standbyPid()).hasValue(pids.get(2));
            warmUp = server.warmUpDir();
            assertThat(warmUp).isDirectory();
        }
        assertThat(pids).doesNotHaveDuplicates().allSatisfy(pid -> assertThat(ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)).as("process " + pid + " after close").isEmpty());
        assertThat(warmUp).as("the standbys' warm-up folder after close").doesNotExist();
    }

    /**
     * The first standby's warm-up (a few CPU-seconds) is over when the start returns, before the
     * clients connect, and the run says what it waited for; without a restart nothing is waited for.
     */
    @Test
    void shouldReturnFromTheStartOnlyOnceTheFirstStandbyIsWarm() throws Exception {
        for (boolean durable : new boolean[] {true, false}) {
            try (ServerProcess server = ServerProcess.start(config(new CopyOnWriteArrayList<>()), durable, true,
                    failure -> { })) {
                assertThat(server.standingBy()).as("the first standby is warm, durable " + durable).isTrue();
                assertThat(server.summary()).as("what the run waited for")
                        .matches("the server's first standby warmed up in \\d+\\.\\d s before the clients connected");
            }
        }
        try (ServerProcess server = ServerProcess.start(config(new CopyOnWriteArrayList<>()), true, false,
                failure -> { })) {
            assertThat(server.standbyPid()).as("no standby without a restart").isEmpty();
            assertThat(server.summary()).as("nothing waited for").isNull();
        }
    }

    /** A standby killed while it warms up (its scratch history open) leaves nothing behind either. */
    @Test
    void shouldLeaveNoWarmUpFolderBehindWhenClosedWhileAStandbyWarmsUp() throws Exception {
        Path warmUp;
        long standby;
        try (ServerProcess server = ServerProcess.start(config(new CopyOnWriteArrayList<>()), true, true,
                failure -> { })) {
            server.kill();
            server.start(true); // the first standby goes; the next warms up on standBy(), as after a restart
            server.standBy();
            standby = server.standbyPid().orElseThrow();
            warmUp = server.warmUpDir();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (isEmpty(warmUp) && System.nanoTime() < deadline) {
                Thread.onSpinWait(); // until the standby's warm-up made its scratch history
            }
            assertThat(isEmpty(warmUp)).as("the standby warms up in " + warmUp).isFalse();
        }
        assertThat(ProcessHandle.of(standby).filter(ProcessHandle::isAlive)).as("the standby after close").isEmpty();
        assertThat(warmUp).as("the standby's warm-up folder after close").doesNotExist();
    }

    /**
     * sqlite-jdbc extracts its native library (about 1.1 MB and a lock file) in every server JVM, by
     * default into java.io.tmpdir, and a killed JVM never deletes it: the server JVMs extract it into
     * the folder of the server process, which close deletes, also after a restart killed one of them.
     */
    @Test
    void shouldLeaveNoNativeLibraryBehindAfterARestartAndClose() throws Exception {
        Path folder;
        List<Path> libraries;
        try (ServerProcess server = ServerProcess.start(config(new CopyOnWriteArrayList<>()), true, true,
                failure -> { })) {
            folder = server.folder();
            server.awaitStandingBy(); // the standby has opened its warm-up's durable history: its library is out
            assertThat(sqliteLibraries(folder)).as("one library per JVM: the server's and the standby's").hasSize(2);
            server.kill();
            server.start(true); // the standby goes: no third JVM
            libraries = sqliteLibraries(folder);
            assertThat(libraries).as("one library per JVM after the restart").hasSize(2);
        }
        assertThat(folder).as("the server process's folder after close").doesNotExist();
        assertThat(libraries).allSatisfy(library -> assertThat(library).as("after close").doesNotExist());
    }

    /**
     * The sqlite-jdbc native libraries extracted into the folder of the server process (its
     * {@code sqlite/}), read from the folder so that the test holds on every platform: a JVM that
     * extracted its library elsewhere leaves one fewer.
     */
    private static List<Path> sqliteLibraries(Path folder) throws java.io.IOException {
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(folder.resolve("sqlite"))) {
            return files.filter(file -> file.getFileName().toString().contains("sqlitejdbc")
                    && !file.getFileName().toString().endsWith(".lck")).sorted().toList();
        }
    }

    /** The server's recoveries once there are {@code count}, or after 10 s. */
    private static List<ServerLine.Recovered> awaitRecoveries(ServerProcess server, int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.recoveries().size() < count && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        return server.recoveries();
    }

    private static boolean isEmpty(Path folder) throws java.io.IOException {
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(folder)) {
            return files.findAny().isEmpty();
        }
    }

    @Test
    void shouldSayClearlyThatTheStandbyDiedAfterItWasToldToRecover() throws Exception {
        try (ServerProcess server = ServerProcess.start(config(new CopyOnWriteArrayList<>()), true, true,
                failure -> { })) {
            long standby = server.standbyPid().orElseThrow();
            server.awaitStandingBy();
            server.kill();
            server.recoverAhead(true);
            ProcessHandle process = ProcessHandle.of(standby).orElseThrow();
            process.destroyForcibly();
            process.onExit().get(30, TimeUnit.SECONDS);

            assertThatThrownBy(() -> server.start(true)).isInstanceOf(NetworkBackendException.class)
                    .hasMessageStartingWith("the standby server process " + standby + ", started ahead for this"
                            + " restart, exited with code 137 after it was told to recover the history");
        }
    }

    @Test
    void shouldStartNoStandbyUnlessAsked() throws Exception {
        try (ServerProcess server = ServerProcess.start(config(new CopyOnWriteArrayList<>()), true, false,
                failure -> { })) {
            long first = server.pid();
            server.standBy();
            assertThat(server.standbyPid()).isEmpty();
            assertThat(ProcessHandle.current().children().map(ProcessHandle::pid)).as("one server JVM")
                    .containsExactly(first);

            server.kill();
            server.start(true);
            assertThat(server.standbyPid()).isEmpty();
        }
    }

    @Test
    void shouldSayClearlyThatTheStandbyDiedBeforeItWasToldToGo() throws Exception {
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Long> pids = new ArrayList<>();
        try (ServerProcess server = ServerProcess.start(config(new CopyOnWriteArrayList<>()), true, true,
                failures::add)) {
            pids.add(server.pid());
            long standby = server.standbyPid().orElseThrow();
            pids.add(standby);
            ProcessHandle process = ProcessHandle.of(standby).orElseThrow();
            process.destroyForcibly();
            process.onExit().get(30, TimeUnit.SECONDS);

            server.kill();
            assertThatThrownBy(() -> server.start(true)).isInstanceOf(NetworkBackendException.class)
                    .hasMessageStartingWith("the standby server process " + standby + ", started ahead for this"
                            + " restart, exited with code 137 before it was told to go");
            assertThat(server.standbyPid()).isEmpty();
        }
        assertThat(failures).as("a standby's death is told by the restart that needs it, not before").isEmpty();
        assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive))
                .as("process " + pid).isEmpty());
    }

    /** Says hello as alice, joins lobby, sends {@code body} and waits for its ack; returns its seq. */
    private static long say(int port, String body) throws Exception {
        EventCodec codec = new EventCodec();
        BlockingQueue<ServerEvent> events = new LinkedBlockingQueue<>();
        try (HttpClient http = HttpClient.newHttpClient()) {
            WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port
                    + "/livetalk/chat"), new WebSocket.Listener() {
                        private final StringBuilder partial = new StringBuilder();

                        @Override
                        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                            partial.append(data);
                            if (last) {
                                if (codec.decodeServer(partial.toString())
                                        instanceof Decoded.Ok<ServerEvent>(ServerEvent event)) {
                                    events.add(event);
                                }
                                partial.setLength(0);
                            }
                            ws.request(1);
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);
            try {
                socket.sendText(codec.encode(new Hello("alice", UserToken.of(RunSetup.SECRET, "alice"),
                        ProtocolVersion.CURRENT)), true).get(10, TimeUnit.SECONDS);
                await(events, Welcome.class);
                socket.sendText(codec.encode(new Join("lobby")), true).get(10, TimeUnit.SECONDS);
                await(events, Joined.class);
                socket.sendText(codec.encode(new Send("lobby", "c-" + body, body, null)), true)
                        .get(10, TimeUnit.SECONDS);
                return await(events, Ack.class).seq();
            } finally {
                socket.abort();
            }
        }
    }

    private static <T extends ServerEvent> T await(BlockingQueue<ServerEvent> events, Class<T> type)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            ServerEvent event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertThat(event).as("a " + type.getSimpleName() + " within 10 s").isNotNull();
            if (type.isInstance(event)) {
                return type.cast(event);
            }
        }
    }
}
