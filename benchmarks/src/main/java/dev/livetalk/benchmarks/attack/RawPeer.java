package dev.livetalk.benchmarks.attack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A WebSocket peer on a plain socket with a small receive buffer, for attackers that never
 * read: it writes the upgrade and masked text frames and reads only the upgrade's answer.
 * Used by one thread.
 */
final class RawPeer implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;

    RawPeer(int port, Duration deadline) throws IOException {
        socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", port), (int) deadline.toMillis());
        socket.setSoTimeout((int) deadline.toMillis());
        out = socket.getOutputStream();
        out.write(("GET /livetalk/chat HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: bGl2ZXRhbGstcmF3LWtleQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        readHeaders(socket.getInputStream());
    }

    /** Sends one final, masked (with zeros) text frame. */
    void sendText(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] header;
        if (payload.length < 126) {
            header = new byte[] {(byte) 0x81, (byte) (0x80 | payload.length), 0, 0, 0, 0};
        } else if (payload.length < 65_536) {
            header = new byte[] {(byte) 0x81, (byte) (0x80 | 126), (byte) (payload.length >> 8), (byte) payload.length,
                0, 0, 0, 0};
        } else {
            throw new IllegalArgumentException("frame must be < 65536 bytes: " + payload.length);
        }
        out.write(header);
        out.write(payload);
        out.flush();
    }

    private static void readHeaders(InputStream in) throws IOException {
        StringBuilder headers = new StringBuilder();
        while (!headers.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed during the upgrade: " + headers);
            }
            headers.append((char) b);
        }
        if (!headers.toString().startsWith("HTTP/1.1 101")) {
            throw new IOException("upgrade refused: " + headers);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
