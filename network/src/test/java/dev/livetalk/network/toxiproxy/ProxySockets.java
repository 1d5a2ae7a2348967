package dev.livetalk.network.toxiproxy;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A test client of a proxy in front of an {@link EchoServer}: connect where the proxy is reached, and time round trips. */
final class ProxySockets {
    private ProxySockets() {
    }

    /** Connects to where a client reaches {@code proxy}, with 5 s timeouts. */
    static Socket connect(LinkProxy proxy) throws IOException {
        Socket socket = new Socket();
        socket.connect(proxy.listen(), 5_000);
        socket.setSoTimeout(5_000);
        socket.setTcpNoDelay(true);
        return socket;
    }

    /** Sends {@code text}, reads the echo back, checks it, and returns how long it took. */
    static Duration roundTrip(Socket socket, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        long start = System.nanoTime();
        socket.getOutputStream().write(bytes);
        byte[] back = socket.getInputStream().readNBytes(bytes.length);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        assertThat(new String(back, StandardCharsets.UTF_8)).isEqualTo(text);
        return elapsed;
    }
}
