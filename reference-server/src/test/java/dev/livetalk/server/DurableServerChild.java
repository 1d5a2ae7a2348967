package dev.livetalk.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * A durable reference server as its own process, for {@link DurableKillIT}: arguments
 * {@code DATA_DIR SECRET}; prints {@code listening <port> <epoch>} once bound, runs until its
 * stdin ends (or until it is killed, which is the point). Rate limits are lifted so that the
 * test's senders are bounded by the commits alone.
 */
final class DurableServerChild {
    private DurableServerChild() {
    }

    public static void main(String[] args) throws IOException {
        ServerConfig config = ServerConfig.builder(args[1])
                .dataDir(Path.of(args[0]))
                .rateLimit(1_000_000, 1_000_000)
                .historyLimit(100_000)
                .build();
        try (ReferenceServer server = ReferenceServer.start(config)) {
            System.out.println("listening " + server.port() + " " + server.epoch());
            System.out.flush();
            InputStream in = System.in;
            while (in.read() >= 0) {
                // runs until stdin ends
            }
        }
    }
}
