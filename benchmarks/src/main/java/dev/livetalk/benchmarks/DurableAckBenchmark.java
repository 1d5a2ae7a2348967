package dev.livetalk.benchmarks;

import dev.livetalk.protocol.Ack;
import dev.livetalk.protocol.Decoded;
import dev.livetalk.protocol.EventCodec;
import dev.livetalk.protocol.Hello;
import dev.livetalk.protocol.Join;
import dev.livetalk.protocol.Joined;
import dev.livetalk.protocol.ProtocolVersion;
import dev.livetalk.protocol.Send;
import dev.livetalk.protocol.ServerEvent;
import dev.livetalk.protocol.UserToken;
import dev.livetalk.protocol.Welcome;
import dev.livetalk.server.ReferenceServer;
import dev.livetalk.server.ServerConfig;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.glassfish.tyrus.client.ClientManager;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Acknowledgement latency of the reference server with a durable history, end to end on
 * loopback: {@code C} Tyrus clients, each in its own room, send on an open-model schedule
 * (a fixed interval, together {@code R} messages/s); each ack's latency is measured from its
 * message's intended send time (so a stalled server is not hidden by a stalled sender).
 * Reports acks/s and ack latency p50, p99, max over the measured window, after a warm-up.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.livetalk.benchmarks.DurableAckBenchmark
 * [--rate R] [--clients C] [--seconds S] [--warmup S] [--runs N] [--memory]} (defaults 5,000
 * messages/s, 20 clients, 10 s measured after 3 s, 3 runs; {@code --memory}: the same with
 * the history in memory, for comparison). Every run bounded in count and time.
 *
 * <p>Threads: one virtual sender thread per client; Tyrus client threads record acks into
 * the one {@link Recorder} (made for concurrent writers); the main thread reads it.
 */
public final class DurableAckBenchmark {
    private static final String SECRET = "ack-bench";

    private DurableAckBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rate = 5_000;
        int clients = 20;
        int seconds = 10;
        int warmup = 3;
        int runs = 3;
        boolean memory = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rate" -> rate = Integer.parseInt(args[++i]);
                case "--clients" -> clients = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--memory" -> memory = true;
                default -> throw new IllegalArgumentException("unknown option (--rate --clients --seconds --warmup"
                        + " --runs --memory): " + args[i]);
            }
        }
        System.out.printf(Locale.ROOT, "history %s, %d clients, %d msgs/s offered, %d s after %d s warm-up%n",
                memory ? "in memory" : "durable (SQLite WAL, synchronous=FULL)", clients, rate, seconds, warmup);
        System.out.println("run    acks/s   p50 ms   p99 ms   max ms   sent  acked");
        for (int run = 1; run <= runs; run++) {
            Path dir = Files.createTempDirectory("durable-ack-bench-");
            try {
                runOnce(run, dir, memory, rate, clients, seconds, warmup);
            } finally {
                deleteTree(dir);
            }
        }
        System.exit(0);
    }

    private static void runOnce(int run, Path dir, boolean memory, int rate, int clients, int seconds, int warmup)
            throws Exception {
        ServerConfig config = ServerConfig.builder(SECRET).rateLimit(1_000_000, 1_000_000)
                .dataDir(memory ? null : dir).build();
        try (ReferenceServer server = ReferenceServer.start(config)) {
            Recorder recorder = new Recorder(3);
            AtomicLong acked = new AtomicLong();
            List<Client> connected = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                connected.add(Client.connect(server, "u" + c, recorder, acked));
            }
            long interval = 1_000_000_000L * clients / rate;
            long start = System.nanoTime() + 100_000_000L;
            long end = start + (warmup + seconds) * 1_000_000_000L;
            List<Thread> senders = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                Client client = connected.get(c);
                long offset = interval * c / clients;
                senders.add(Thread.ofVirtual().name("ack-bench-sender-" + c)
                        .start(() -> client.sendUntil(start + offset, interval, end)));
            }
            LockSupport.parkNanos(start + warmup * 1_000_000_000L - System.nanoTime());
            recorder.reset();
            long ackedBefore = acked.get();
            long t0 = System.nanoTime();
            for (Thread sender : senders) {
                sender.join(Math.max(1, (end - System.nanoTime()) / 1_000_000 + 30_000));
            }
            LockSupport.parkNanos(200_000_000L);
            Histogram latency = recorder.getIntervalHistogram();
            double elapsed = (System.nanoTime() - t0) / 1e9;
            long sent = connected.stream().mapToLong(Client::sent).sum();
            System.out.printf(Locale.ROOT, "%3d %9.0f %8.3f %8.3f %8.3f %6d %6d%n", run,
                    (acked.get() - ackedBefore) / elapsed, latency.getValueAtPercentile(50) / 1e6,
                    latency.getValueAtPercentile(99) / 1e6, latency.getMaxValue() / 1e6, sent, acked.get());
            for (Client client : connected) {
                client.close();
            }
        }
    }

    /** One connection: sends on its schedule, records each ack's latency from the intended send time. */
    private static final class Client extends Endpoint {
        private static final ClientManager MANAGER = ClientManager.createClient();
        private final EventCodec codec = new EventCodec();
        private final String room;
        private final Recorder recorder;
        private final AtomicLong acked;
        private final Map<String, Long> intended = new ConcurrentHashMap<>();
        private final BlockingQueue<ServerEvent> setup = new LinkedBlockingQueue<>();
        private volatile boolean settingUp = true;
        private volatile Session session;
        private volatile long sent;

        private Client(String room, Recorder recorder, AtomicLong acked) {
            this.room = room;
            this.recorder = recorder;
            this.acked = acked;
        }

        static Client connect(ReferenceServer server, String user, Recorder recorder, AtomicLong acked)
                throws Exception {
            Client client = new Client("room-" + user, recorder, acked);
            client.session = MANAGER.asyncConnectToServer(client, ClientEndpointConfig.Builder.create().build(),
                    server.uri()).get(10, TimeUnit.SECONDS);
            client.send(new Hello(user, UserToken.of(SECRET, user), ProtocolVersion.CURRENT, null, Map.of()));
            client.awaitFirst(Welcome.class);
            client.send(new Join(client.room));
            client.awaitFirst(Joined.class);
            return client;
        }

        @Override
        public void onOpen(Session opened, EndpointConfig config) {
            opened.addMessageHandler(String.class, this::onText);
        }

        private void onText(String text) {
            long now = System.nanoTime();
            if (!(codec.decodeServer(text) instanceof Decoded.Ok<ServerEvent> ok)) {
                throw new IllegalStateException("server sent a bad frame: " + text);
            }
            if (ok.event() instanceof Ack ack) {
                Long at = intended.remove(ack.clientMsgId());
                if (at != null) {
                    recorder.recordValue(Math.max(0, now - at));
                    acked.incrementAndGet();
                }
            } else if (settingUp) {
                setup.add(ok.event());
            }
        }

        private <T extends ServerEvent> void awaitFirst(Class<T> type) throws Exception {
            ServerEvent event = setup.poll(10, TimeUnit.SECONDS);
            if (!type.isInstance(event)) {
                throw new IllegalStateException("expected a " + type.getSimpleName() + " within 10 s: " + event);
            }
        }

        void sendUntil(long start, long interval, long end) {
            settingUp = false;
            for (long at = start; at < end; at += interval) {
                LockSupport.parkNanos(at - System.nanoTime());
                String id = "m" + sent;
                intended.put(id, at);
                try {
                    send(new Send(room, id, "a chat line of typical length, sent by the ack benchmark", null));
                } catch (IOException | RuntimeException e) {
                    System.err.println("sender of " + room + " stops: " + e);
                    return;
                }
                sent++;
            }
        }

        long sent() {
            return sent;
        }

        private void send(dev.livetalk.protocol.ClientEvent event) throws IOException {
            session.getBasicRemote().sendText(codec.encode(event));
        }

        void close() throws IOException {
            session.close();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
