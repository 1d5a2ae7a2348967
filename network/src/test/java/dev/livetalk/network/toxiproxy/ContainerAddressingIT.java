package dev.livetalk.network.toxiproxy;

import dev.livetalk.protocol.Direction;

import dev.livetalk.protocol.LinkRole;
import dev.livetalk.network.LinkId;
import dev.livetalk.network.NetworkBackendException;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static dev.livetalk.network.toxiproxy.ProxySockets.connect;
import static dev.livetalk.network.toxiproxy.ProxySockets.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The container route's addressing, end to end without Docker: the real Toxiproxy binary
 * plays the container. Its "exposed ports" are three free loopback ports, the "port mapping"
 * is the identity, and the upstream is dialled as {@code localhost} instead of
 * {@code host.testcontainers.internal}, with the "port forwarding" recorded. What Docker adds
 * (the mapping, the tunnel) is covered by {@link ToxiproxyContainerIT} under {@code -Pdocker}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContainerAddressingIT {
    private ToxiproxyServer binary;
    private EchoServer echo;
    private final List<Integer> forwarded = new ArrayList<>();
    private List<Integer> ports;
    private ToxiproxyServer container;
    private ToxiproxyNetwork network;

    @BeforeAll
    void startToxiproxyAndEchoServer() throws IOException {
        binary = LocalToxiproxy.launch();
        echo = new EchoServer();
        TreeSet<Integer> free = new TreeSet<>();
        while (free.size() < 3) {
            free.add(ToxiproxyProcess.freeLoopbackPort());
        }
        ports = List.copyOf(free);
    }

    @AfterAll
    void stopThem() throws IOException {
        echo.close();
        binary.close();
    }

    @BeforeEach
    void openNetwork() {
        ContainerAddressing addressing = new ContainerAddressing(ports, "127.0.0.1", "127.0.0.1", port -> port,
                "localhost", forwarded::add);
        container = new ToxiproxyServer(binary.apiUrl(), binary.version(), "a binary playing a container", null,
                addressing);
        network = new ToxiproxyNetwork(container, echo.address());
    }

    @AfterEach
    void closeNetwork() {
        network.close();
    }

    @Test
    void shouldListenOnTheReservedPortsAndDialTheUpstreamUnderTheHostAlias() throws IOException {
        LinkProxy first = network.open(new LinkId(0, LinkRole.MAIN));
        LinkProxy second = network.open(new LinkId(1, LinkRole.MAIN));

        assertThat(first.listen().getPort()).isEqualTo(ports.get(0));
        assertThat(second.listen().getPort()).isEqualTo(ports.get(1));
        assertThat(new ToxiproxyClient(binary.host(), binary.port()).getProxy("c000-main").getUpstream())
                .isEqualTo("localhost:" + echo.address().getPort());
        assertThat(forwarded).contains(echo.address().getPort());
        try (Socket socket = connect(second)) {
            assertThat(roundTrip(socket, "through the container's port")).isPositive();
        }
    }

    @Test
    void shouldRefuseALinkBeyondTheExposedPortsAndLeaveNoProxyBehind() throws IOException {
        for (int client = 0; client < 3; client++) {
            network.open(new LinkId(client, LinkRole.SEND));
        }

        assertThatThrownBy(() -> network.open(new LinkId(3, LinkRole.SEND)))
                .isInstanceOf(NetworkBackendException.class)
                .hasMessageStartingWith("the Docker route carries at most 3 client links at once")
                .hasMessageContaining("link c003-send would be link 4 at once");
        assertThat(new ToxiproxyClient(binary.host(), binary.port()).getProxyOrNull("c003-send")).isNull();
    }

    @Test
    void shouldReuseThePortOfAReleasedLink() throws IOException {
        LinkProxy first = network.open(new LinkId(0, LinkRole.RECEIVE));
        network.open(new LinkId(1, LinkRole.RECEIVE));
        network.open(new LinkId(2, LinkRole.RECEIVE));

        network.release(first.link());
        LinkProxy again = network.open(new LinkId(3, LinkRole.RECEIVE));

        assertThat(again.listen().getPort()).isEqualTo(first.listen().getPort());
        try (Socket socket = connect(again)) {
            assertThat(roundTrip(socket, "reused")).isPositive();
        }
    }

    @Test
    void shouldFreeEveryPortWhenTheNetworkCloses() throws IOException {
        for (int client = 0; client < 3; client++) {
            network.open(new LinkId(client, LinkRole.MAIN));
        }
        network.close();

        network = new ToxiproxyNetwork(container, echo.address());
        LinkProxy proxy = network.open(new LinkId(0, LinkRole.MAIN));
        network.apply(new ToxicSpec.Latency(Duration.ofMillis(100), Duration.ZERO, Direction.DOWNSTREAM),
                Set.of(proxy.link()));
        try (Socket socket = connect(proxy)) {
            assertThat(roundTrip(socket, "slow")).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        }
    }
}
