package dev.livetalk.benchmarks.attack;

import dev.livetalk.server.ReferenceServer;
import dev.livetalk.server.ServerConfig;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

/**
 * The server under attack, in its own JVM so its heap is its own: starts a
 * {@link ReferenceServer} on a free loopback port with the rate limit given as
 * {@code RATE BURST}, prints {@code listening PORT EPOCH}, then answers each stdin line
 * {@code heap} with {@code heap BYTES}: the heap in use right after a full collection (the
 * live heap). Exits on stdin EOF. Runs on its main thread only.
 */
public final class AttackServerProcess {
    private AttackServerProcess() {
    }

    public static void main(String[] args) throws Exception {
        ServerConfig config = ServerConfig.builder(AttackBenchmark.SECRET)
                .rateLimit(Double.parseDouble(args[0]), Integer.parseInt(args[1])).build();
        try (ReferenceServer server = ReferenceServer.start(config);
             BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            System.out.println("listening " + server.port() + " " + server.epoch());
            System.out.flush();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.equals("heap")) {
                    System.gc();
                    System.out.println("heap " + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                    System.out.flush();
                }
            }
        }
    }
}
