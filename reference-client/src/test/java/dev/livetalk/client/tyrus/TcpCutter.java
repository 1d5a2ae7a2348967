package dev.livetalk.client.tyrus;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP relay the test can cut: {@link #cut()} resets every relayed connection and
 * refuses new ones until {@link #heal()}. Deterministic where a reconnect backoff is not.
 *
 * <p>Threads: an acceptor virtual thread and two pump virtual threads per connection; the
 * test thread calls {@link #cut()}, {@link #heal()} and {@link #close()}.
 */
final class TcpCutter implements AutoCloseable {
    private final ServerSocket listener;
    private final InetSocketAddress upstream;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;

    TcpCutter(InetSocketAddress upstream) throws IOException {
        this.upstream = upstream;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("tcp-cutter-accept").start(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Resets every relayed connection; new ones are closed at once until healed. */
    void cut() {
        cut = true;
        for (Socket socket : sockets) {
            reset(socket);
        }
    }

    void heal() {
        cut = false;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (cut) {
                    reset(client);
                    continue;
                }
                Socket server = new Socket(upstream.getAddress(), upstream.getPort());
                sockets.add(client);
                sockets.add(server);
                Thread.ofVirtual().start(() -> pump(client, server));
                Thread.ofVirtual().start(() -> pump(server, client));
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    throw new IllegalStateException("tcp cutter failed to accept", e);
                }
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // A cut, the other pump or the peer ended the connection: reset both ends below.
            reset(from);
        } finally {
            reset(to);
            sockets.remove(from);
            sockets.remove(to);
        }
    }

    private static void reset(Socket socket) {
        if (socket.isClosed()) {
            return;
        }
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException e) {
            if (!socket.isClosed()) {
                throw new UncheckedIOException("cannot reset " + socket, e);
            }
            // Another thread closed it between the check and the reset: it is closed, as wanted.
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        cut();
    }
}
