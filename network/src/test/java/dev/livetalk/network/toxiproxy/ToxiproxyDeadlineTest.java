package dev.livetalk.network.toxiproxy;

import dev.livetalk.protocol.LinkRole;
import dev.livetalk.network.LinkId;
import dev.livetalk.network.NetworkBackendException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A Toxiproxy API that accepts connections and never replies (a stand-in on the loopback):
 * every call of the network fails after the API deadline, with a message naming the call and
 * the deadline, and the network's views never wait behind a call in progress.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ToxiproxyDeadlineTest {
    private static final Duration DEADLINE = Duration.ofMillis(300);
    private ServerSocket silent;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private ToxiproxyNetwork network;

    @BeforeEach
    void startSilentApi() throws IOException {
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accepting = new Thread(() -> {
            while (!silent.isClosed()) {
                try {
                    Socket socket = silent.accept();
                    accepted.add(socket);
                    drain(socket);
                } catch (IOException e) {
                    return;
                }
            }
        }, "silent-api-accept");
        accepting.setDaemon(true);
        accepting.start();
        ToxiproxyServer server = new ToxiproxyServer(URI.create("http://127.0.0.1:" + silent.getLocalPort()),
                ToxiproxyLocator.VERSION, "test", null, LoopbackAddressing.INSTANCE);
        network = new ToxiproxyNetwork(server, new InetSocketAddress("127.0.0.1", 9), DEADLINE);
    }

    /** Reads and drops what a connection sends, so the request is fully sent and never answered. */
    private static void drain(Socket socket) {
        Thread reading = new Thread(() -> {
            try (InputStream in = socket.getInputStream()) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException e) {
                // closed by the test
            }
        }, "silent-api-read");
        reading.setDaemon(true);
        reading.start();
    }

    @AfterEach
    void stopSilentApi() throws IOException {
        silent.close();
        for (Socket socket : accepted) {
            socket.close();
        }
    }

    @Test
    void shouldFailACallThatIsNeverAnsweredAfterTheDeadlineNamingItAndTheDeadline() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> network.open(new LinkId(0, LinkRole.MAIN)))
                .isInstanceOf(NetworkBackendException.class)
                .hasMessageContaining("cannot create proxy c000-main")
                .hasMessageContaining("did not answer")
                .hasMessageContaining("within 300 ms (the API deadline)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(DEADLINE);
        assertThat(network.proxies()).isEmpty();
        assertThat(network.deadline()).isEqualTo(DEADLINE);
    }

    @Test
    void shouldAnswerItsViewsWhileAnotherThreadWaitsOnToxiproxy() throws Exception {
        ToxiproxyNetwork patient = new ToxiproxyNetwork(new ToxiproxyServer(
                URI.create("http://127.0.0.1:" + silent.getLocalPort()), ToxiproxyLocator.VERSION, "test", null,
                LoopbackAddressing.INSTANCE), new InetSocketAddress("127.0.0.1", 9), Duration.ofSeconds(5));
        Thread opening = new Thread(() -> {
            try {
                patient.open(new LinkId(1, LinkRole.MAIN));
            } catch (NetworkBackendException expected) {
                // the deadline passed
            }
        }, "opening");
        opening.start();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (accepted.isEmpty() && System.nanoTime() < until) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5)); // poll with a deadline until the call arrives
        }
        assertThat(accepted).as("the call reached the stand-in").isNotEmpty();
        assertThat(opening.isAlive()).as("still waiting on Toxiproxy").isTrue();
        assertThat(patient.activeFaults()).isEmpty(); // no lock held across the call blocks this
        assertThat(patient.proxies()).isEmpty();
        assertThat(patient.proxy(new LinkId(1, LinkRole.MAIN))).isEmpty();
        assertThat(opening.isAlive()).as("the views answered while the call still waited").isTrue();
        opening.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(opening.isAlive()).isFalse();
    }
}
