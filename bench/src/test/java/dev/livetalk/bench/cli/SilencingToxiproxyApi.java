package dev.livetalk.bench.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for the Toxiproxy API on the loopback: it forwards every connection to a real
 * Toxiproxy's API until, once {@link #arm armed}, a request for toxics arrives; from then on it
 * still accepts connections and reads what they send, but forwards nothing and never replies
 * (a Toxiproxy that stopped answering from the start of fault application).
 *
 * <p>Threads: one accepting thread ({@code silencing-api-accept}) and two pumping threads per
 * connection; {@link #arm}, {@link #silencedAt} and {@link #close} from any thread.
 */
final class SilencingToxiproxyApi implements AutoCloseable {
    private final InetSocketAddress upstream;
    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicBoolean armed = new AtomicBoolean();
    private final AtomicLong silencedAt = new AtomicLong();
    private volatile boolean silent;

    SilencingToxiproxyApi(URI realApi) throws IOException {
        this.upstream = new InetSocketAddress(realApi.getHost(), realApi.getPort());
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accepting = new Thread(this::accept, "silencing-api-accept");
        accepting.setDaemon(true);
        accepting.start();
    }

    /** Where the stand-in answers (until it goes silent). */
    URI url() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** From now on the first request for toxics silences the API. */
    void arm() {
        armed.set(true);
    }

    /** When the API went silent ({@link System#nanoTime()}), or 0 while it answers. */
    long silencedAt() {
        return silencedAt.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                sockets.add(client);
                Socket real = new Socket();
                sockets.add(real);
                real.connect(upstream, 2_000);
                pump(client, real, true);
                pump(real, client, false);
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void pump(Socket from, Socket to, boolean requests) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (requests && armed.get() && !silent
                            && new String(buffer, 0, n, StandardCharsets.ISO_8859_1).contains("/toxics")) {
                        silent = true;
                        silencedAt.compareAndSet(0, System.nanoTime());
                    }
                    if (!silent) {
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // a side closed: the other side's pump ends with it
            }
        }, "silencing-api-pump");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
