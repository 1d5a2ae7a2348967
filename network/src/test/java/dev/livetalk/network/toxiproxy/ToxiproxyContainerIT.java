package dev.livetalk.network.toxiproxy;

import dev.livetalk.protocol.Direction;

import dev.livetalk.protocol.LinkRole;
import dev.livetalk.network.LinkId;
import dev.livetalk.network.NetworkBackendException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.livetalk.network.toxiproxy.ProxySockets.connect;
import static dev.livetalk.network.toxiproxy.ProxySockets.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Docker route for real: Testcontainers' {@code ToxiproxyContainer}
 * ({@code ghcr.io/shopify/toxiproxy:2.12.0}) in front of an {@link EchoServer} on this
 * machine's loopback, reached through the mapped ports and Testcontainers' host port
 * forwarding. Needs Docker, so it runs only with {@code -Pdocker}:
 *
 * <pre>
 * ./mvnw -Pdocker -pl network verify -Dit.test=ToxiproxyContainerIT
 * </pre>
 *
 * Without Docker it fails (never skips) and says how to get it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ToxiproxyContainerIT {
    private static final String NO_DOCKER = "ToxiproxyContainerIT (-Pdocker) needs a Docker that Testcontainers can"
            + " reach: install and start Docker (https://docs.docker.com/get-docker/) or point DOCKER_HOST to one"
            + " (https://java.testcontainers.org/supported_docker_environment/); without Docker, run the build"
            + " without -Pdocker";

    private ToxiproxyServer server;
    private EchoServer echo;

    @BeforeAll
    void startContainerAndEchoServer() throws IOException {
        assertThat(ToxiproxyDocker.isDockerAvailable()).as(NO_DOCKER).isTrue();
        server = ToxiproxyServer.startContainer(ToxiproxyLocator.IMAGE, "test");
        echo = new EchoServer();
    }

    @AfterAll
    void stopThem() throws IOException {
        if (echo != null) {
            echo.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void shouldChooseTheContainerWhenDockerRunsAndNoBinaryOrGoIsFound(@TempDir Path root) {
        ToxiproxyLocator locator = new ToxiproxyLocator(Optional.empty(), Map.of("PATH", ""), root,
                ToxiproxyDocker::isDockerAvailable);

        assertThat(locator.locate()).isEqualTo(new ToxiproxySource.Container(ToxiproxyLocator.IMAGE, "Docker"));
    }

    @Test
    void shouldReportTheReleaseItRunsAndDescribeTheContainer() {
        assertThat(server.version()).isEqualTo(ToxiproxyLocator.VERSION);
        assertThat(server.describe()).contains("(container ").contains(" of " + ToxiproxyLocator.IMAGE + ")");
        assertThat(server.process()).isEmpty();
    }

    @Test
    void shouldCarryBytesThroughTheMappedPortAndDelayThemByALatencyToxic() throws IOException {
        try (ToxiproxyNetwork network = new ToxiproxyNetwork(server, echo.address())) {
            LinkProxy proxy = network.open(new LinkId(0, LinkRole.MAIN));
            try (Socket socket = connect(proxy)) {
                assertThat(roundTrip(socket, "through the container")).isPositive();

                AppliedFault latency = network.apply(
                        new ToxicSpec.Latency(Duration.ofMillis(300), Duration.ZERO, Direction.DOWNSTREAM),
                        Set.of(proxy.link()));

                assertThat(roundTrip(socket, "slow")).isGreaterThanOrEqualTo(Duration.ofMillis(300));
                network.remove(latency);
                assertThat(roundTrip(socket, "after")).isPositive();
            }
        }
    }

    @Test
    void shouldCarryThirtyTwoLinksAtOnceAndRefuseTheThirtyThird() throws IOException {
        try (ToxiproxyNetwork network = new ToxiproxyNetwork(server, echo.address())) {
            LinkProxy last = null;
            for (int client = 0; client < 32; client++) {
                last = network.open(new LinkId(client, LinkRole.SEND));
            }

            assertThatThrownBy(() -> network.open(new LinkId(32, LinkRole.SEND)))
                    .isInstanceOf(NetworkBackendException.class)
                    .hasMessageStartingWith("the Docker route carries at most 32 client links at once");
            try (Socket socket = connect(last)) {
                assertThat(roundTrip(socket, "the 32nd link")).isPositive();
            }
            assertThatThrownBy(() -> server.requireCapacity(400, "scenario 200-clients"))
                    .isInstanceOf(NetworkBackendException.class)
                    .hasMessageContaining("scenario 200-clients needs 400");
        }
    }

    @Test
    void shouldStopAndRemoveTheContainerOnClose() throws IOException {
        ToxiproxyServer second = ToxiproxyServer.startContainer(ToxiproxyLocator.IMAGE, "test");
        URI api = second.apiUrl();
        try (VersionProbe probe = new VersionProbe()) {
            assertThat(probe.version(api)).isEqualTo(ToxiproxyLocator.VERSION);

            second.close();
            second.close(); // idempotent

            assertThatThrownBy(() -> probe.version(api)).isInstanceOf(IOException.class);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
