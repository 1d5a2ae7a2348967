package dev.livetalk.network.toxiproxy;

import dev.livetalk.protocol.Direction;

import dev.livetalk.protocol.LinkRole;
import dev.livetalk.network.LinkId;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.Toxic;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import eu.rekawek.toxiproxy.model.toxic.Bandwidth;
import eu.rekawek.toxiproxy.model.toxic.Latency;
import eu.rekawek.toxiproxy.model.toxic.Slicer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static dev.livetalk.network.toxiproxy.ProxySockets.connect;
import static dev.livetalk.network.toxiproxy.ProxySockets.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Faults really happen, against the real Toxiproxy found or installed by {@link ToxiproxyLauncher}
 * (a test fails with the how-to message when there is none; it never skips), with a TCP echo
 * server behind the proxies.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ToxiproxyNetworkIT {
    private static final LinkId FIRST = new LinkId(0, LinkRole.MAIN);
    private static final LinkId SECOND = new LinkId(1, LinkRole.RECEIVE);

    private ToxiproxyServer server;
    private EchoServer echo;
    private ToxiproxyNetwork network;
    private LinkProxy proxy;

    @BeforeAll
    void startToxiproxyAndEchoServer() throws IOException {
        server = LocalToxiproxy.launch();
        echo = new EchoServer();
    }

    @AfterAll
    void stopThem() throws IOException {
        echo.close();
        server.close();
    }

    @BeforeEach
    void openProxy() {
        network = new ToxiproxyNetwork(server, echo.address());
        proxy = network.open(FIRST);
    }

    @AfterEach
    void closeNetwork() {
        network.close();
    }

    @Test
    void shouldDelayRoundTripByAtLeastTheLatency() throws IOException {
        try (Socket socket = connect(proxy)) {
            assertThat(roundTrip(socket, "warm-up")).isPositive();

            AppliedFault latency = network.apply(
                    new ToxicSpec.Latency(Duration.ofMillis(200), Duration.ZERO, Direction.DOWNSTREAM), Set.of(FIRST));

            assertThat(roundTrip(socket, "slow")).isGreaterThanOrEqualTo(Duration.ofMillis(200));
            network.remove(latency);
            assertThat(roundTrip(socket, "after")).isPositive();
        }
    }

    @Test
    void shouldResetTheConnectionWithResetPeer() throws IOException {
        network.apply(new ToxicSpec.ResetPeer(Duration.ZERO, Direction.UPSTREAM), Set.of(FIRST));

        try (Socket socket = connect(proxy)) {
            socket.getOutputStream().write("doomed".getBytes(StandardCharsets.UTF_8));

            assertThatThrownBy(() -> socket.getInputStream().read())
                    .isInstanceOf(SocketException.class)
                    .hasMessageContaining("reset");
        }
    }

    @Test
    void shouldCloseAndRefuseConnectionsWhileDownAndAcceptThemAfter() throws IOException {
        try (Socket before = connect(proxy)) {
            assertThat(roundTrip(before, "up")).isPositive();

            AppliedFault down = network.apply(new ToxicSpec.Down(), List.of(FIRST));

            assertThat(readEndOrReset(before)).isTrue();
            assertThatThrownBy(() -> connect(proxy).close()).isInstanceOf(ConnectException.class);
            network.remove(down);
        }
        try (Socket after = connect(proxy)) {
            assertThat(roundTrip(after, "back")).isPositive();
        }
    }

    @Test
    void shouldStayDownUntilTheLastOverlappingDownIsRemoved() throws IOException {
        AppliedFault first = network.apply(new ToxicSpec.Down(), Set.of(FIRST));
        AppliedFault second = network.apply(new ToxicSpec.Down(), Set.of(FIRST));

        network.remove(first);
        assertThatThrownBy(() -> connect(proxy).close()).isInstanceOf(ConnectException.class);
        network.remove(second);

        try (Socket after = connect(proxy)) {
            assertThat(roundTrip(after, "back")).isPositive();
        }
    }

    @Test
    void shouldHoldBytesDuringStallWithoutClosingAndDeliverThemWhenRemoved() throws IOException {
        try (Socket socket = connect(proxy)) {
            AppliedFault stall = network.apply(new ToxicSpec.Stall(), Set.of(FIRST));
            socket.getOutputStream().write("held".getBytes(StandardCharsets.UTF_8));
            socket.setSoTimeout(500);

            assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);

            network.remove(stall);
            socket.setSoTimeout(5_000);
            assertThat(new String(socket.getInputStream().readNBytes(4), StandardCharsets.UTF_8)).isEqualTo("held");
        }
    }

    @Test
    void shouldCloseTheConnectionOnceLimitDataHasPassed() throws IOException {
        network.apply(new ToxicSpec.LimitData(5, Direction.DOWNSTREAM), Set.of(FIRST));

        try (Socket socket = connect(proxy)) {
            socket.getOutputStream().write("helloworld".getBytes(StandardCharsets.UTF_8));

            assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
        }
    }

    @Test
    void shouldCloseTheConnectionAfterTheTimeoutWithoutPassingData() throws IOException {
        network.apply(new ToxicSpec.Timeout(Duration.ofMillis(150), Direction.UPSTREAM), Set.of(FIRST));

        try (Socket socket = connect(proxy)) {
            long start = System.nanoTime();
            socket.getOutputStream().write("lost".getBytes(StandardCharsets.UTF_8));

            assertThat(readEndOrReset(socket)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        }
    }

    @Test
    void shouldPutAFaultOnlyOnTheTargetedLinks() throws IOException {
        LinkProxy other = network.open(SECOND);
        network.apply(new ToxicSpec.Down(), Set.of(FIRST));

        try (Socket socket = connect(other)) {
            assertThat(roundTrip(socket, "unaffected")).isPositive();
        }
        assertThatThrownBy(() -> connect(proxy).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void shouldOpenTwoHundredProxiesAndFaultThemAllAtOnce() throws IOException {
        long start = System.nanoTime();
        List<LinkId> links = IntStream.range(0, 200).mapToObj(i -> new LinkId(i, LinkRole.SEND)).toList();
        links.forEach(network::open);
        long opened = System.nanoTime();
        AppliedFault down = network.apply(new ToxicSpec.Down(), links);
        long applied = System.nanoTime();
        network.remove(down);
        long removed = System.nanoTime();
        System.out.printf("200 proxies: opened in %d ms, down applied in %d ms, removed in %d ms%n",
                (opened - start) / 1_000_000, (applied - opened) / 1_000_000, (removed - applied) / 1_000_000);

        assertThat(new ToxiproxyClient(server.host(), server.port()).getProxies()).hasSize(201);
        try (Socket socket = connect(network.proxy(links.get(199)).orElseThrow())) {
            assertThat(roundTrip(socket, "last")).isPositive();
        }
    }

    static Stream<ToxicSpec> everyToxic() {
        return Stream.of(
                new ToxicSpec.Latency(Duration.ofMillis(100), Duration.ofMillis(30), Direction.DOWNSTREAM),
                new ToxicSpec.Bandwidth(64, Direction.UPSTREAM),
                new ToxicSpec.SlowClose(Duration.ofMillis(500), Direction.DOWNSTREAM),
                new ToxicSpec.Timeout(Duration.ofSeconds(2), Direction.UPSTREAM),
                new ToxicSpec.ResetPeer(Duration.ofMillis(250), Direction.DOWNSTREAM),
                new ToxicSpec.Slicer(64, 16, Duration.ofMillis(3), Direction.DOWNSTREAM),
                new ToxicSpec.LimitData(4096, Direction.UPSTREAM),
                new ToxicSpec.Stall());
    }

    @ParameterizedTest
    @MethodSource("everyToxic")
    void shouldCreateEachToxicInToxiproxyAndRemoveIt(ToxicSpec spec) throws IOException {
        ToxiproxyClient client = new ToxiproxyClient(server.host(), server.port());

        AppliedFault fault = network.apply(spec, Set.of(FIRST));

        List<? extends Toxic> toxics = client.getProxy(proxy.name()).toxics().getAll();
        assertThat(toxics).isNotEmpty().allSatisfy(toxic -> {
            assertThat(toxic.getName()).startsWith("f" + fault.id() + "-" + spec.kind() + "-");
            assertThat(toxic.getToxicity()).isEqualTo(1.0f);
        });
        assertParameters(spec, toxics);

        network.remove(fault);
        List<? extends Toxic> left = client.getProxy(proxy.name()).toxics().getAll();
        if (spec instanceof ToxicSpec.Stall) {
            // released, not deleted: Toxiproxy deletes a toxic flushing to gone clients with its lock held
            assertThat(left).hasSize(2).allSatisfy(toxic -> {
                assertThat(toxic).isInstanceOfSatisfying(Bandwidth.class, b -> assertThat(b.getRate()).isZero());
                assertThat(toxic.getToxicity()).isZero();
            });
        } else {
            assertThat(left).isEmpty();
        }
    }

    private static void assertParameters(ToxicSpec spec, List<? extends Toxic> toxics) {
        switch (spec) {
            case ToxicSpec.Latency l -> assertThat(toxics).singleElement().isInstanceOfSatisfying(Latency.class, t -> {
                assertThat(t.getLatency()).isEqualTo(100);
                assertThat(t.getJitter()).isEqualTo(30);
                assertThat(t.getStream()).isEqualTo(ToxicDirection.DOWNSTREAM);
            });
            case ToxicSpec.Slicer s -> assertThat(toxics).singleElement().isInstanceOfSatisfying(Slicer.class, t -> {
                assertThat(t.getAverageSize()).isEqualTo(64);
                assertThat(t.getSizeVariation()).isEqualTo(16);
                assertThat(t.getDelay()).isEqualTo(3_000); // microseconds
            });
            case ToxicSpec.Stall stall -> assertThat(toxics).extracting(Toxic::getStream)
                    .containsExactlyInAnyOrder(ToxicDirection.UPSTREAM, ToxicDirection.DOWNSTREAM);
            default -> assertThat(toxics).singleElement().extracting(Toxic::getStream).isNotNull();
        }
    }

    @Test
    void shouldRefuseAFaultOnALinkWithoutProxy() {
        assertThatThrownBy(() -> network.apply(new ToxicSpec.Down(), Set.of(SECOND)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no proxy is open for link c001-receive: Down[]");
    }

    @Test
    void shouldRefuseAnUpstreamOffTheLoopbackInterface() {
        assertThatThrownBy(() -> new ToxiproxyNetwork(server, new InetSocketAddress("192.0.2.1", 80)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("upstream must be a resolved loopback address (127.0.0.1): ");
    }

    @Test
    void shouldRefuseRemovingAFaultTwice() {
        AppliedFault fault = network.apply(new ToxicSpec.Bandwidth(10, Direction.UPSTREAM), Set.of(FIRST));
        network.remove(fault);

        assertThatThrownBy(() -> network.remove(fault))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is not active on this network");
    }

    /** True when the peer ended the connection: end of stream or a reset (not a read timeout). */
    private static boolean readEndOrReset(Socket socket) {
        Throwable thrown = catchThrowable(() -> assertThat(socket.getInputStream().read()).isEqualTo(-1));
        return thrown == null || (thrown instanceof SocketException && !(thrown instanceof SocketTimeoutException));
    }
}
