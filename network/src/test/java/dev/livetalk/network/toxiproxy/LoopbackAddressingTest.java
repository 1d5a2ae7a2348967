package dev.livetalk.network.toxiproxy;

import dev.livetalk.protocol.LinkRole;
import dev.livetalk.network.LinkId;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** A server on this machine needs no translation and has no limit. */
class LoopbackAddressingTest {
    private final LoopbackAddressing addressing = LoopbackAddressing.INSTANCE;

    @Test
    void shouldListenBelowTheRangeOfOutgoingPortsOnAPortNothingHolds() throws Exception {
        LoopbackAddressing below = new LoopbackAddressing(32_768);
        java.util.Set<Integer> ports = new java.util.HashSet<>();
        for (int i = 0; i < 300; i++) {
            String listen = below.reserve(new LinkId(i, LinkRole.MAIN));
            int port = ProxyAddressing.port(listen);
            assertThat(listen).startsWith("127.0.0.1:");
            assertThat(port).isBetween(LoopbackAddressing.FIRST_PORT, 32_767);
            assertThat(ports.add(port)).as("reserved once: " + port).isTrue();
        }
        // a port that something listens on is not handed out; a released one is again
        try (java.net.ServerSocket taken = listenInRange()) {
            LoopbackAddressing one = new LoopbackAddressing(LoopbackAddressing.FIRST_PORT + LoopbackAddressing.MIN_PORTS);
            java.util.Set<Integer> handed = new java.util.HashSet<>();
            for (int i = 0; i < LoopbackAddressing.MIN_PORTS; i++) {
                handed.add(ProxyAddressing.port(one.reserve(new LinkId(i, LinkRole.MAIN))));
            }
            assertThat(handed).doesNotContain(taken.getLocalPort());
            assertThat(handed).contains(0); // the last asked found every port held or taken: Toxiproxy picks
            int port = handed.stream().filter(p -> p != 0).findFirst().orElseThrow();
            one.release("127.0.0.1:" + port);
            assertThat(one.reserve(new LinkId(9_999, LinkRole.MAIN))).isEqualTo("127.0.0.1:" + port);
        }
    }

    /** Something listening on a port of the range the test's addressing hands out. */
    private static java.net.ServerSocket listenInRange() throws java.io.IOException {
        for (int port = LoopbackAddressing.FIRST_PORT; port < LoopbackAddressing.FIRST_PORT + 100; port++) {
            try {
                return new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress());
            } catch (java.io.IOException e) {
                // taken already: the next
            }
        }
        throw new java.io.IOException("no free port in the first 100 of the range");
    }

    @Test
    void shouldLetToxiproxyPickAPortWhereTheOutgoingRangeIsUnknownOrLeavesTooFewBelowIt() {
        assertThat(new LoopbackAddressing(-1).reserve(new LinkId(0, LinkRole.MAIN))).isEqualTo("127.0.0.1:0");
        assertThat(new LoopbackAddressing(LoopbackAddressing.FIRST_PORT + 10).reserve(new LinkId(0, LinkRole.MAIN)))
                .isEqualTo("127.0.0.1:0");
    }

    @Test
    void shouldReadTheLowestOutgoingPortOfTheSystemsRange(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path range = dir.resolve("ip_local_port_range");
        java.nio.file.Files.writeString(range, "32768\t60999\n");
        assertThat(LoopbackAddressing.EphemeralPorts.lowest(range)).isEqualTo(32_768);
        java.nio.file.Files.writeString(range, "not a range");
        assertThat(LoopbackAddressing.EphemeralPorts.lowest(range)).isEqualTo(-1);
        assertThat(LoopbackAddressing.EphemeralPorts.lowest(dir.resolve("missing"))).isEqualTo(-1);
    }

    @Test
    void shouldReachAProxyWhereToxiproxySaysItListens() {
        assertThat(addressing.reachable("127.0.0.1:41234")).isEqualTo(new InetSocketAddress("127.0.0.1", 41234));
    }

    @Test
    void shouldDialTheUpstreamAsItIs() {
        assertThat(addressing.upstream(new InetSocketAddress("127.0.0.1", 8080))).isEqualTo("127.0.0.1:8080");
    }

    @Test
    void shouldFitAnyNumberOfLinks() {
        ToxiproxyServer server = new ToxiproxyServer(URI.create("http://127.0.0.1:8474"), "2.12.0", "test", null,
                addressing);

        assertThatCode(() -> server.requireCapacity(400, "scenario 200-clients")).doesNotThrowAnyException();
    }
}
