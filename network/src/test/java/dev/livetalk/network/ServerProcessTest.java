package dev.livetalk.network;

import dev.livetalk.run.RunSetup;
import dev.livetalk.scenarios.LoaderOptions;
import dev.livetalk.scenarios.Scenario;
import dev.livetalk.scenarios.ScenarioLoader;
import dev.livetalk.server.CommitListener;
import dev.livetalk.server.ServerArguments;
import dev.livetalk.server.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The child server's command line, as a run on Toxiproxy builds it from a scenario; the exit hook;
 * the wait for a standby, with processes that never get warm, get warm or exit.
 */
class ServerProcessTest {
    private static final String HEAD = """
            name: t
            seed: 1
            duration: 1s
            users: [alice]
            rooms: [{name: lobby, members: [alice]}]
            load: {rate: 1}
            """;

    @Test
    void shouldCarryTheScenariosServerBlockToTheChildsConfig() throws Exception {
        Scenario scenario = ScenarioLoader.parse("t.yaml", HEAD + "server: {history-limit: 7, dedupe-window: 2}\n",
                LoaderOptions.DEFAULTS);

        ServerArguments arguments = ServerProcess.arguments(RunSetup.server(scenario).build(), 4001, null);
        ServerConfig child = ServerArguments.parse(arguments.toArgs()).config(CommitListener.NONE);

        assertThat(child.historyLimit()).isEqualTo(7);
        assertThat(child.dedupeWindow()).isEqualTo(2);
    }

    @Test
    void shouldLeaveTheServersDefaultsWithoutAServerBlock() throws Exception {
        Scenario scenario = ScenarioLoader.parse("t.yaml", HEAD, LoaderOptions.DEFAULTS);

        ServerArguments arguments = ServerProcess.arguments(RunSetup.server(scenario).build(), 4001, null);
        ServerConfig child = ServerArguments.parse(arguments.toArgs()).config(CommitListener.NONE);

        assertThat(child.historyLimit()).isEqualTo(10_000);
        assertThat(child.dedupeWindow()).isEqualTo(10_000);
    }

    /**
     * The shutdown hook kills every server process whatever fails (a kill that throws stops none of
     * the others) and deletes the data folder it made, with what is in it.
     */
    @Test
    void shouldKillEveryServerAndDeleteTheFoldersAtExitWhateverFails(@TempDir Path temp) throws Exception {
        Process sleeping = new ProcessBuilder("sleep", "60").start();
        try {
            ServerChild unkillable = new ServerChild(FakeProcess.running(), CommitListener.NONE, failure -> { });
            ServerChild server = new ServerChild(sleeping, CommitListener.NONE, failure -> { });
            Path data = Files.createDirectories(temp.resolve("data"));
            Files.writeString(data.resolve("history.db"), "kept by a killed server");
            ByteArrayOutputStream err = new ByteArrayOutputStream();

            ServerProcess.killOnExit(Arrays.asList(unkillable, null, server), List.of(data),
                    new PrintStream(err, true, StandardCharsets.UTF_8));

            assertThat(sleeping.isAlive()).as("the server after the standby's kill failed").isFalse();
            assertThat(data).as("the data folder").doesNotExist();
            assertThat(err.toString(StandardCharsets.UTF_8)).as("what failed")
                    .startsWith("livetalk: cannot kill the server process " + FakeProcess.PID + " at exit: ");
        } finally {
            sleeping.destroyForcibly();
        }
    }

    /**
     * A standby that never gets warm is given up at the deadline, with its process and the deadline
     * named, rather than waited for without end (the run would hang before its clients connect).
     */
    @Test
    void shouldGiveUpAStandbyThatIsNotWarmByTheDeadline() throws Exception {
        Process never = new ProcessBuilder("sh", "-c", "exec sleep 60").start();
        try {
            ServerChild standby = new ServerChild(never, CommitListener.NONE, failure -> { });
            Duration deadline = Duration.ofMillis(200);
            long began = System.nanoTime();

            Throwable given = assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> catchThrowable(() -> ServerProcess.awaitStandingBy(standby, deadline)),
                    "the wait for a standby that never gets warm ends at its deadline");

            assertThat(given).isInstanceOf(NetworkBackendException.class)
                    .hasMessageStartingWith("the standby server process " + never.pid() + " did not stand by within PT0.2S");
            assertThat(System.nanoTime() - began).as("waited until the deadline").isGreaterThanOrEqualTo(deadline.toNanos());
        } finally {
            never.destroyForcibly();
        }
    }

    /** One that says it is warm ends the wait then; one that exits first ends it with why. */
    @Test
    void shouldEndTheWaitForAStandbyWhenItIsWarmOrHasExited() throws Exception {
        Process warm = new ProcessBuilder("sh", "-c", "echo standing-by; exec sleep 60").start();
        Process gone = new ProcessBuilder("sh", "-c", "exit 3").start();
        try {
            ServerChild ready = new ServerChild(warm, CommitListener.NONE, failure -> { });
            ServerChild exited = new ServerChild(gone, CommitListener.NONE, failure -> { });

            assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> ServerProcess.awaitStandingBy(ready, Duration.ofSeconds(30)));
            Throwable given = assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> catchThrowable(() -> ServerProcess.awaitStandingBy(exited, Duration.ofSeconds(30))));
            assertThat(given).isInstanceOf(NetworkBackendException.class)
                    .hasMessageStartingWith("the server process " + gone.pid() + " ");
        } finally {
            warm.destroyForcibly();
        }
    }

    /**
     * A process that has exited before its reader threads start ends the wait with why, every time:
     * the stdout reader, at the end of the pipe at once, reads the stderr reader to say why, and
     * once in about ten runs it did so before the constructor had assigned that field, so the wait
     * never ended (a NullPointerException on the reader thread). Repeated, as the race was.
     */
    @Test
    void shouldEndTheWaitForAProcessThatExitedBeforeItsReadersStarted() {
        for (int attempt = 0; attempt < 200; attempt++) {
            ServerChild exited = new ServerChild(FakeProcess.exited(3), CommitListener.NONE, failure -> { });

            Throwable given = assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> catchThrowable(() -> ServerProcess.awaitStandingBy(exited, Duration.ofSeconds(30))),
                    "attempt " + attempt);
            assertThat(given).as("attempt %d", attempt).isInstanceOf(NetworkBackendException.class)
                    .hasMessageStartingWith("the server process " + FakeProcess.PID + " exited with code 3");
        }
    }

    /**
     * A process of no real pid that wrote nothing: one that runs and cannot be signalled (its kill
     * throws; {@link #running}), or one that exited with a code ({@link #exited}).
     */
    private static final class FakeProcess extends Process {
        static final long PID = 4_194_305; // above any Linux pid_max

        /** Its exit code; {@code null} while it runs. */
        private final Integer exitCode;

        private FakeProcess(Integer exitCode) {
            this.exitCode = exitCode;
        }

        static FakeProcess running() {
            return new FakeProcess(null);
        }

        static FakeProcess exited(int code) {
            return new FakeProcess(code);
        }

        @Override
        public long pid() {
            return PID;
        }

        @Override
        public boolean isAlive() {
            return exitCode == null;
        }

        @Override
        public ProcessHandle toHandle() {
            throw new UnsupportedOperationException("no signals for process " + PID);
        }

        @Override
        public CompletableFuture<Process> onExit() {
            return exitCode == null ? new CompletableFuture<>() : CompletableFuture.completedFuture(this);
        }

        @Override
        public OutputStream getOutputStream() {
            return OutputStream.nullOutputStream();
        }

        @Override
        public InputStream getInputStream() {
            return InputStream.nullInputStream();
        }

        @Override
        public InputStream getErrorStream() {
            return InputStream.nullInputStream();
        }

        @Override
        public int waitFor() {
            if (exitCode == null) {
                throw new UnsupportedOperationException("it never exits");
            }
            return exitCode;
        }

        @Override
        public int exitValue() {
            if (exitCode == null) {
                throw new IllegalThreadStateException("it runs");
            }
            return exitCode;
        }

        @Override
        public void destroy() {
            if (exitCode == null) {
                throw new UnsupportedOperationException("no signals for process " + PID);
            }
        }
    }
}
