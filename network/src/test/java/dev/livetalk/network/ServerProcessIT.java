package dev.livetalk.network;

import dev.livetalk.protocol.Message;
import dev.livetalk.run.RunSetup;
import dev.livetalk.server.CommitListener;
import dev.livetalk.server.ServerConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The reference server as a child JVM: really killed, really started again on its port, stopped and continued. */
class ServerProcessIT {
    private static final CommitListener IGNORE = new CommitListener() {
        @Override
        public void onCommit(Message message) {
        }
    };

    private static ServerConfig config() {
        return ServerConfig.builder(RunSetup.SECRET).commitListener(IGNORE).build();
    }

    @Test
    void shouldComeBackOnTheSamePortUnderANewEpochAfterAKill() throws Exception {
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        try (ServerProcess server = ServerProcess.start(config(), false, false, failures::add)) {
            String first = server.epoch();
            long firstPid = server.pid();
            assertThat(first).matches("e[0-9a-f]{16}");
            assertThat(accepts(server.port())).as("listening").isTrue();

            server.kill();
            assertThat(ProcessHandle.of(firstPid)).as("the first process is gone").isEmpty();
            assertThat(accepts(server.port())).as("refused while dead").isFalse();

            server.start(false);
            assertThat(server.pid()).isNotEqualTo(firstPid);
            assertThat(server.epoch()).as("a fresh epoch").matches("e[0-9a-f]{16}").isNotEqualTo(first);
            assertThat(accepts(server.port())).as("listening again on the same port").isTrue();
        }
        assertThat(failures).as("a wanted kill is no failure").isEmpty();
    }

    @Test
    void shouldKeepItsEpochAcrossADurableRestartAndLoseItOtherwise() throws Exception {
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        try (ServerProcess server = ServerProcess.start(config(), true, false, failures::add)) {
            String first = server.epoch();

            server.kill();
            server.start(true);
            assertThat(server.epoch()).as("the durable history's epoch").isEqualTo(first);

            server.kill();
            server.start(false);
            assertThat(server.epoch()).as("a lost history: a fresh epoch").isNotEqualTo(first);
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void shouldStopAndContinueTheProcess() throws Exception {
        try (ServerProcess server = ServerProcess.start(config(), false, false, failure -> { })) {
            long pid = server.pid();
            server.pause();
            assertThat(awaitState(pid, "T")).as("stopped").isEqualTo("T");
            server.resume();
            assertThat(awaitState(pid, "S")).as("running again").isIn("S", "R");
        }
    }

    @Test
    void shouldReportAnExitItDidNotAskFor() throws Exception {
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        try (ServerProcess server = ServerProcess.start(config(), false, false, failure::complete)) {
            long pid = server.pid();
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();

            assertThat(failure.get(30, TimeUnit.SECONDS)).isInstanceOf(NetworkBackendException.class)
                    .hasMessageContaining("the server process " + pid + " exited with code 137 unexpectedly");
        }
    }

    @Test
    void shouldRefuseToKeepAHistoryItNeverHad() throws Exception {
        try (ServerProcess server = ServerProcess.start(config(), false, false, failure -> { })) {
            server.kill();
            assertThatIllegalStateException().isThrownBy(() -> server.start(true))
                    .withMessage("a server without a durable history cannot keep it across a restart");
        }
    }

    /** The server process tells every request it receives on its stdout, across a restart. */
    @Test
    void shouldTellTheRequestsItReceivesAcrossARestart() throws Exception {
        List<String> requests = new CopyOnWriteArrayList<>();
        ServerConfig config = ServerConfig.builder(RunSetup.SECRET).commitListener(new CommitListener() {
            @Override
            public void onCommit(Message message) {
            }

            @Override
            public void onCommit(String epoch, Message message) {
            }

            @Override
            public void onRequest(String type) {
                requests.add(type);
            }
        }).build();
        try (ServerProcess server = ServerProcess.start(config, false, false, failure -> { })) {
            hello(server.port(), "alice");
            awaitSize(requests, 1);
            server.kill();
            server.start(false);
            hello(server.port(), "bob");
            awaitSize(requests, 2);
        }
        assertThat(requests).containsExactly("hello", "hello");
    }

    /**
     * A kill loses none of the lines the server wrote before it died, also those its stdout reader
     * had not read yet (Process#destroyForcibly closed the pipe under them: in a Toxiproxy run of
     * busy-room-deploy the commit of a send acknowledged just before the restart was missing from
     * the record, and the send counted as stuck pending).
     */
    @Test
    void shouldTellTheLinesTheReaderHadNotReadWhenTheKillCame() throws Exception {
        List<String> requests = new CopyOnWriteArrayList<>();
        CountDownLatch holdReader = new CountDownLatch(1);
        ServerConfig config = ServerConfig.builder(RunSetup.SECRET).commitListener(new CommitListener() {
            @Override
            public void onCommit(Message message) {
            }

            @Override
            public void onCommit(String epoch, Message message) {
            }

            @Override
            public void onRequest(String type) {
                requests.add(type);
                if (requests.size() == 1) {
                    try { // the reader lags: it holds here while the server goes on writing
                        holdReader.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        }).build();
        try (ServerProcess server = ServerProcess.start(config, false, false, failure -> { })) {
            hello(server.port(), "alice");
            awaitSize(requests, 1);
            hello(server.port(), "bob"); // its line is written before bob's welcome and waits in the pipe
            ProcessHandle process = ProcessHandle.of(server.pid()).orElseThrow();
            Thread killer = Thread.ofPlatform().name("killer").start(server::kill);
            process.onExit().get(10, TimeUnit.SECONDS);
            awaitState(killer, Thread.State.TIMED_WAITING); // past the signal: waiting for the exit or the reader
            holdReader.countDown();
            killer.join(TimeUnit.SECONDS.toMillis(20));
            assertThat(killer.isAlive()).as("the kill returned").isFalse();
            assertThat(requests).as("every line written before the kill, bob's too").containsExactly("hello", "hello");
        }
    }

    /** Waits until {@code thread} is in {@code state}, or 10 s passed. */
    private static void awaitState(Thread thread, Thread.State state) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Thread.State seen = thread.getState();
        while (seen != state && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            seen = thread.getState();
        }
        // the state seen, not read again: a thread in a timed wait may be running again a moment later
        assertThat(seen).as("state of " + thread.getName()).isEqualTo(state);
    }

    /** Says hello as {@code user} over a WebSocket and waits for the server's first frame (its welcome). */
    private static void hello(int port, String user) throws Exception {
        java.util.concurrent.CompletableFuture<CharSequence> answer = new java.util.concurrent.CompletableFuture<>();
        java.net.http.WebSocket socket = java.net.http.HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(java.net.URI.create("ws://127.0.0.1:" + port + "/livetalk/chat"),
                        new java.net.http.WebSocket.Listener() {
                            @Override
                            public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket ws,
                                                                                   CharSequence data, boolean last) {
                                answer.complete(data);
                                return null;
                            }
                        }).get(10, TimeUnit.SECONDS);
        socket.sendText(new dev.livetalk.protocol.EventCodec().encode(new dev.livetalk.protocol.Hello(user,
                dev.livetalk.protocol.UserToken.of(RunSetup.SECRET, user), dev.livetalk.protocol.ProtocolVersion.CURRENT)),
                true).get(10, TimeUnit.SECONDS);
        assertThat(answer.get(10, TimeUnit.SECONDS).toString()).contains("welcome");
        socket.abort();
    }

    /** Waits until {@code list} holds {@code size} entries, or 10 s passed. */
    private static void awaitSize(List<String> list, int size) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (list.size() < size && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(list).as("requests told by the server process").hasSizeGreaterThanOrEqualTo(size);
    }

    /** Whether something on loopback accepts a connection on {@code port} (within 2 s). */
    static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Polls the process state until it is {@code wanted} or 10 s passed; returns the last state seen. */
    private static String awaitState(long pid, String wanted) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String seen = state(pid);
        while (!seen.equals(wanted) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            seen = state(pid);
        }
        return seen;
    }

    /** The process state letter of {@code /proc/PID/stat} (T: stopped). */
    private static String state(long pid) throws IOException {
        String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", Long.toString(pid), "stat"));
        return stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    }
}
