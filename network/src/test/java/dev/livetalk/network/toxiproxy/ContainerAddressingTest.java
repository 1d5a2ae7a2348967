package dev.livetalk.network.toxiproxy;

import dev.livetalk.protocol.LinkRole;
import dev.livetalk.network.LinkId;
import dev.livetalk.network.NetworkBackendException;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The container route's addressing with a fake Docker host (127.0.0.2), a fake port mapping
 * (inside port + 40000) and a fake host port forwarding that records its calls: no Docker.
 */
class ContainerAddressingTest {
    private static final LinkId FIRST = new LinkId(0, LinkRole.MAIN);
    private static final String USE_A_BINARY = "use a Toxiproxy binary instead, which has no such limit"
            + " (export TOXIPROXY_SERVER=/path/to/toxiproxy-server, or put `go` on PATH and the harness installs one)";

    private final List<Integer> forwarded = new ArrayList<>();
    private final ContainerAddressing addressing =
            ContainerAddressing.toxiproxyContainer("127.0.0.2", port -> port + 40000, forwarded::add);

    @Test
    void shouldListenOnTheExposedPortsInOrderOnAllInterfaces() {
        assertThat(addressing.reserve(FIRST)).isEqualTo("0.0.0.0:8666");
        assertThat(addressing.reserve(new LinkId(1, LinkRole.MAIN))).isEqualTo("0.0.0.0:8667");
        assertThat(addressing.capacity()).isEqualTo(32);
    }

    @Test
    void shouldReuseAReleasedPortFirst() {
        addressing.reserve(FIRST);
        String second = addressing.reserve(new LinkId(1, LinkRole.MAIN));
        addressing.reserve(new LinkId(2, LinkRole.MAIN));

        addressing.release(second);

        assertThat(addressing.reserve(new LinkId(3, LinkRole.MAIN))).isEqualTo("0.0.0.0:8667");
    }

    @Test
    void shouldRefuseTheThirtyThirdLinkAtOnceNamingTheLimitAndTheWayOut() {
        IntStream.range(0, 32).forEach(client -> addressing.reserve(new LinkId(client, LinkRole.SEND)));

        assertThatThrownBy(() -> addressing.reserve(new LinkId(32, LinkRole.SEND)))
                .isInstanceOf(NetworkBackendException.class)
                .hasMessage("the Docker route carries at most 32 client links at once (one proxy per link, and the"
                        + " Toxiproxy container exposes 32 proxy ports, 8666..8697); link c032-send would be link 33"
                        + " at once; " + USE_A_BINARY);
    }

    @Test
    void shouldRefuseAScenarioWithMoreLinksThanPortsBeforeItStarts() {
        assertThatCode(() -> addressing.requireCapacity(32, "scenario split-16")).doesNotThrowAnyException();

        assertThatThrownBy(() -> addressing.requireCapacity(400, "scenario 200-clients"))
                .isInstanceOf(NetworkBackendException.class)
                .hasMessage("the Docker route carries at most 32 client links at once (one proxy per link, and the"
                        + " Toxiproxy container exposes 32 proxy ports, 8666..8697); scenario 200-clients needs 400; "
                        + USE_A_BINARY);
    }

    @Test
    void shouldRejectANegativeNumberOfLinks() {
        assertThatThrownBy(() -> addressing.requireCapacity(-1, "scenario x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the number of links of scenario x must be >= 0: -1");
    }

    @Test
    void shouldReachAProxyThroughTheMappedPortOfTheDockerHost() {
        addressing.reserve(FIRST);
        addressing.reserve(new LinkId(1, LinkRole.MAIN));

        // Toxiproxy reports a proxy on 0.0.0.0 as Go prints it: [::]:PORT
        assertThat(addressing.reachable("[::]:8667")).isEqualTo(new InetSocketAddress("127.0.0.2", 48667));
        assertThat(addressing.reachable("0.0.0.0:8666")).isEqualTo(new InetSocketAddress("127.0.0.2", 48666));
    }

    @Test
    void shouldRefuseToReachAPortThatWasNotReserved() {
        assertThatThrownBy(() -> addressing.reachable("[::]:8670"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Toxiproxy listens on [::]:8670, which is no reserved port of the container");
    }

    @Test
    void shouldDialTheUpstreamThroughTheHostAliasAfterForwardingItsPort() {
        String target = addressing.upstream(new InetSocketAddress("127.0.0.1", 41234));

        assertThat(target).isEqualTo("host.testcontainers.internal:41234");
        assertThat(forwarded).containsExactly(41234);
    }

    @Test
    void shouldRefuseReleasingAPortTwice() {
        String listen = addressing.reserve(FIRST);
        addressing.release(listen);

        assertThatThrownBy(() -> addressing.release(listen))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("port 8666 is not reserved (released twice?): 0.0.0.0:8666");
    }

    @Test
    void shouldRejectAListenAddressWithoutPort() {
        assertThatThrownBy(() -> addressing.release("0.0.0.0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a listen address must end in :PORT: 0.0.0.0");
    }

    @Test
    void shouldLetAServerInAContainerRefuseALargeScenario() {
        ToxiproxyServer server = new ToxiproxyServer(URI.create("http://127.0.0.2:48474"), "2.12.0",
                "ghcr.io/shopify/toxiproxy:2.12.0", null, addressing);

        assertThatThrownBy(() -> server.requireCapacity(400, "scenario 200-clients"))
                .isInstanceOf(NetworkBackendException.class)
                .hasMessageContaining("scenario 200-clients needs 400");
    }
}
