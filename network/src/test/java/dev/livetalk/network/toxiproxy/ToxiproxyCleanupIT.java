package dev.livetalk.network.toxiproxy;

import dev.livetalk.protocol.LinkRole;
import dev.livetalk.network.LinkId;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Nothing is left behind: no proxy, no open proxy port, no child process, also when the JVM is terminated or killed. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ToxiproxyCleanupIT {
    private EchoServer echo;

    @BeforeAll
    void startEchoServer() throws IOException {
        echo = new EchoServer();
    }

    @AfterAll
    void stopEchoServer() throws IOException {
        echo.close();
    }

    @Test
    void shouldLeaveNoProxyPortOrChildProcessAfterClose() throws IOException {
        ToxiproxyServer server = LocalToxiproxy.launch();
        ToxiproxyClient client = new ToxiproxyClient(server.host(), server.port());
        Optional<ProcessHandle> child = server.process();
        List<LinkProxy> opened;
        try (ToxiproxyNetwork network = new ToxiproxyNetwork(server, echo.address())) {
            for (int index = 0; index < 3; index++) {
                network.open(new LinkId(index, LinkRole.SEND));
                network.open(new LinkId(index, LinkRole.RECEIVE));
            }
            network.apply(new ToxicSpec.Down(), Set.of(new LinkId(0, LinkRole.SEND)));
            network.apply(new ToxicSpec.Stall(), Set.of(new LinkId(1, LinkRole.RECEIVE), new LinkId(2, LinkRole.RECEIVE)));
            opened = network.proxies();
            assertThat(client.getProxies()).hasSize(6);
        }

        assertThat(client.getProxies()).isEmpty();
        for (LinkProxy proxy : opened) {
            assertThatThrownBy(() -> new Socket(proxy.listen().getAddress(), proxy.listen().getPort()).close())
                    .as("port of %s", proxy).isInstanceOf(ConnectException.class);
        }
        server.close();
        child.ifPresent(handle -> assertThat(handle.isAlive()).as("toxiproxy pid %d", handle.pid()).isFalse());
    }

    @Test
    void shouldDeleteItsProxiesButLeaveAnExternalServerRunning() throws IOException {
        try (ToxiproxyServer owned = LocalToxiproxy.launch()) {
            ToxiproxyServer external = ToxiproxyServer.connect(owned.apiUrl(), "test");
            ToxiproxyClient client = new ToxiproxyClient(external.host(), external.port());
            try (ToxiproxyNetwork network = new ToxiproxyNetwork(external, echo.address())) {
                network.open(new LinkId(7, LinkRole.MAIN));
                assertThat(client.getProxies()).extracting(p -> p.getName()).containsExactly("c007-main");
            }
            external.close();

            assertThat(external.process()).isEmpty();
            assertThat(client.getProxies()).isEmpty();
            assertThat(client.version()).contains("version");
        }
    }

    @ParameterizedTest(name = "killed with SIGKILL: {0}")
    @ValueSource(booleans = {false, true})
    void shouldStopTheChildProcessWhenTheJvmIsTerminatedOrKilled(boolean sigkill) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(javaCommand(), "-cp", System.getProperty("java.class.path"),
                ToxiproxyChildMain.class.getName()).redirectErrorStream(true);
        builder.environment().remove(ToxiproxyLocator.URL_ENV); // the JVM under test must own a child server
        Process jvm = builder.start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
            long pid = CompletableFuture.supplyAsync(() -> readPid(lines)).get(120, TimeUnit.SECONDS);
            ProcessHandle toxiproxy = ProcessHandle.of(pid).orElseThrow();
            try {
                if (sigkill) {
                    jvm.destroyForcibly(); // a crash: no shutdown hook runs, the watchdog must notice
                } else {
                    jvm.destroy(); // SIGTERM, as a CI timeout would send: shutdown hooks run
                }

                assertThat(jvm.onExit().get(30, TimeUnit.SECONDS).isAlive()).isFalse();
                toxiproxy.onExit().get(10, TimeUnit.SECONDS);
                assertThat(toxiproxy.isAlive()).isFalse();
            } finally {
                // the hook failed: leave nothing behind (the handle checks the start time, so no reused pid is hit)
                if (toxiproxy.isAlive()) {
                    toxiproxy.destroyForcibly();
                }
            }
        } finally {
            jvm.destroyForcibly();
        }
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command()
                .orElseThrow(() -> new IllegalStateException("cannot tell which java runs this test"));
    }

    private static long readPid(BufferedReader lines) {
        try {
            StringBuilder seen = new StringBuilder();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith(ToxiproxyChildMain.READY)) {
                    return Long.parseLong(line.substring(ToxiproxyChildMain.READY.length()).strip());
                }
                seen.append(line).append('\n');
            }
            throw new IllegalStateException("the JVM under test ended before starting Toxiproxy:\n" + seen);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the JVM under test", e);
        }
    }
}
