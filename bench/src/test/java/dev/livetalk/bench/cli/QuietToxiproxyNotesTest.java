package dev.livetalk.bench.cli;

import com.sun.net.httpserver.HttpServer;
import dev.livetalk.network.toxiproxy.ToxiproxyServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code run --quiet} hides the Toxiproxy launcher's note ("started Toxiproxy ... at ...",
 * "using Toxiproxy ... at ..."), which goes to standard error through java.util.logging; without
 * {@code --quiet} the note is still written. The launcher connects to a stand-in that answers
 * {@code GET /version} as Toxiproxy does (the real connect and its real log line), then fails the
 * run, so nothing plays.
 */
class QuietToxiproxyNotesTest {
    private static final String SCENARIO =
            "name: s\nseed: 1\nduration: 1s\nusers: [a, b]\nrooms:\n  - name: r\n    members: all\nload:\n  rate: 1\n";

    /** Held strongly: JUL holds loggers weakly, and the handler must stay on the one the notes pass. */
    private static final Logger LAUNCHER = Logger.getLogger("dev.livetalk.network.toxiproxy");

    @TempDir
    Path dir;

    private final List<String> notes = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Handler collect = new Handler() {
        @Override
        public void publish(LogRecord record) {
            notes.add(record.getLevel() + " " + record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final StringWriter err = new StringWriter();
    private HttpServer api;

    @BeforeEach
    void standIn() throws Exception {
        api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        api.createContext("/version", exchange -> {
            byte[] body = "{\"version\": \"2.12.0\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        api.start();
        LAUNCHER.addHandler(collect);
    }

    @AfterEach
    void stop() {
        LAUNCHER.removeHandler(collect);
        api.stop(0);
    }

    private int run(String... options) throws Exception {
        Path scenario = Files.writeString(dir.resolve("s.yaml"), SCENARIO);
        CommandLine commandLine = LivetalkCommand.commandLine();
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        commandLine.setErr(new PrintWriter(err, true));
        RunCommand run = commandLine.getSubcommands().get("run").getCommand();
        URI url = URI.create("http://127.0.0.1:" + api.getAddress().getPort());
        run.toxiproxyLauncher = given -> {
            ToxiproxyServer.connect(url, "the test's stand-in");
            throw new HarnessFailure("test launcher: stops the run once Toxiproxy answered", null);
        };
        List<String> args = new ArrayList<>(List.of("run", scenario.toString(), "--out", dir.resolve("out").toString(),
                "--no-calibration"));
        args.addAll(List.of(options));
        return commandLine.execute(args.toArray(String[]::new));
    }

    @Test
    void shouldHideTheToxiproxyNoteWhenQuiet() throws Exception {
        assertThat(run("--quiet")).as(err.toString()).isEqualTo(ExitCode.HARNESS_FAILURE.code());
        assertThat(notes).as("the launcher's notes with --quiet").isEmpty();
    }

    @Test
    void shouldWriteTheToxiproxyNoteWithoutQuiet() throws Exception {
        assertThat(run()).as(err.toString()).isEqualTo(ExitCode.HARNESS_FAILURE.code());
        assertThat(notes).as("the launcher's notes without --quiet: " + err).singleElement().asString()
                .startsWith("INFO using Toxiproxy 2.12.0 at http://127.0.0.1:");
    }

    /** A quiet run leaves the level as it was for the next command of the JVM: a run without it writes the note. */
    @Test
    void shouldWriteTheNoteAgainInARunWithoutQuietAfterAQuietOne() throws Exception {
        run("--quiet");
        assertThat(run()).as(err.toString()).isEqualTo(ExitCode.HARNESS_FAILURE.code());
        assertThat(notes).as(err.toString()).hasSize(1);
    }
}
