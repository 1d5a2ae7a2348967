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
    void shouldLetToxiproxyPickAFreeLoopbackPort() {
        assertThat(addressing.reserve(new LinkId(0, LinkRole.MAIN))).isEqualTo("127.0.0.1:0");
        assertThat(addressing.reserve(new LinkId(1, LinkRole.MAIN))).isEqualTo("127.0.0.1:0");
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
