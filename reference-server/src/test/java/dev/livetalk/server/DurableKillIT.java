package dev.livetalk.server;

import dev.livetalk.protocol.Ack;
import dev.livetalk.protocol.Join;
import dev.livetalk.protocol.Joined;
import dev.livetalk.protocol.Message;
import dev.livetalk.protocol.Send;
import dev.livetalk.protocol.ServerEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Kills a durable server process with SIGKILL at random (seeded) moments, 0-750 ms after the first ack, while clients send,
 * restarts it on the same data folder, and checks that every acknowledged message is in the
 * history: nothing acknowledged is lost, the epoch stays, a resend is answered with its
 * original ack. Three kills by default (bounded time in CI); {@code -Dlivetalk.kills=20} for the
 * full run, {@code -Dlivetalk.killSeed=N} to replay one. Each kill's moment is logged.
 */
class DurableKillIT {
    private static final String SECRET = "kill-secret";
    private static final int CLIENTS = 4;
    private static final int WINDOW = 16;
    private static final Duration START_DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;
    /**
     * Where the killed JVMs' sqlite-jdbc extracts its native library: by default java.io.tmpdir, where
     * a killed JVM leaves it (1.1 MB and a lock file each).
     */
    @TempDir
    Path sqliteDir;

    private Process child;

    @AfterEach
    void stopChild() throws InterruptedException {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldLoseNoAcknowledgedMessageWhenKilledAtRandomMoments() throws Exception {
        int kills = Integer.getInteger("livetalk.kills", 3);
        long seed = Long.getLong("livetalk.killSeed", 16L);
        Random random = new Random(seed);
        System.out.println("DurableKillIT: " + kills + " kills, seed " + seed);
        String epoch = null;
        long totalAcked = 0;
        for (int round = 1; round <= kills; round++) {
            Listening listening = startChild();
            if (epoch == null) {
                epoch = listening.epoch();
            }
            assertThat(listening.epoch()).as("epoch after kill %d", round - 1).isEqualTo(epoch);
            URI uri = URI.create("ws://127.0.0.1:" + listening.port() + ReferenceServer.PATH);
            long killAfterMillis = random.nextInt(750);
            List<Ack> acked = sendUntilKilled(uri, round, Duration.ofMillis(killAfterMillis));
            Set<String> stored = storedIds();
            List<Ack> lost = acked.stream().filter(ack -> !stored.contains(ack.room() + "|" + ack.seq() + "|"
                    + ack.id() + "|" + ack.clientMsgId())).toList();
            System.out.printf("DurableKillIT: kill %d at %d ms after the first ack: %d acked, %d stored, %d acked lost%n",
                    round, killAfterMillis, acked.size(), stored.size(), lost.size());
            assertThat(lost).as("acknowledged messages missing after kill %d (seed %d)", round, seed).isEmpty();
            totalAcked += acked.size();
            if (round == kills) {
                assertResendKeepsItsAck(acked.getLast(), epoch);
            }
        }
        System.out.println("DurableKillIT: " + kills + " of " + kills + " kills, " + totalAcked
                + " acked, 0 acked lost");
    }

    /** Starts the clients, kills the child after {@code killAfter} of sending; the acks received before. */
    private List<Ack> sendUntilKilled(URI uri, int round, Duration killAfter) throws Exception {
        List<Ack> acked = new ArrayList<>();
        List<TestClient> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            TestClient client = TestClient.login(uri, SECRET, "user" + c);
            client.send(new Join("room" + (c % 2)));
            client.next(Joined.class);
            clients.add(client);
        }
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch firstAck = new CountDownLatch(1);
        List<CompletableFuture<List<Ack>>> senders = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            TestClient client = clients.get(c);
            String prefix = "r" + round + "c" + c + "n";
            String room = "room" + (c % 2);
            CompletableFuture<List<Ack>> done = new CompletableFuture<>();
            Thread.ofVirtual().name("kill-sender-" + c).start(() -> {
                try {
                    done.complete(send(client, room, prefix, stop, firstAck));
                } catch (Throwable t) {
                    done.completeExceptionally(t);
                }
            });
            senders.add(done);
        }
        assertThat(firstAck.await(START_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).as("a first ack").isTrue();
        CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(killAfter.toMillis(), TimeUnit.MILLISECONDS))
                .get(START_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        child.destroyForcibly();
        assertThat(child.waitFor(START_DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        stop.set(true);
        for (CompletableFuture<List<Ack>> sender : senders) {
            acked.addAll(sender.get(START_DEADLINE.toMillis(), TimeUnit.MILLISECONDS));
        }
        for (TestClient client : clients) {
            client.close();
        }
        return acked;
    }

    /** Sends with up to {@link #WINDOW} unacknowledged messages until the connection dies or {@code stop}. */
    private static List<Ack> send(TestClient client, String room, String prefix, AtomicBoolean stop,
                                  CountDownLatch firstAck) throws Exception {
        List<Ack> acks = new ArrayList<>();
        int sent = 0;
        boolean open = true;
        while (open && !stop.get()) {
            try {
                while (sent - acks.size() < WINDOW) {
                    sent++;
                    client.send(new Send(room, prefix + sent, "message " + sent, null));
                }
            } catch (IOException | IllegalStateException e) {
                open = false;
            }
            for (ServerEvent event = client.poll(Duration.ofMillis(20)); event != null; event = client.poll(Duration.ZERO)) {
                if (event instanceof Ack ack) {
                    acks.add(ack);
                    firstAck.countDown();
                }
            }
            open &= client.isOpen();
        }
        for (ServerEvent event = client.poll(Duration.ZERO); event != null; event = client.poll(Duration.ZERO)) {
            if (event instanceof Ack ack) {
                acks.add(ack);
            }
        }
        return acks;
    }

    private void assertResendKeepsItsAck(Ack ack, String epoch) throws Exception {
        Listening listening = startChild();
        assertThat(listening.epoch()).isEqualTo(epoch);
        URI uri = URI.create("ws://127.0.0.1:" + listening.port() + ReferenceServer.PATH);
        String user = "user" + ack.clientMsgId().charAt(ack.clientMsgId().indexOf('c') + 1);
        try (TestClient client = TestClient.login(uri, SECRET, user)) {
            client.send(new Join(ack.room()));
            client.next(Joined.class);
            client.send(new Send(ack.room(), ack.clientMsgId(), "resent", null));
            ServerEvent event;
            do {
                event = client.next();
            } while (!(event instanceof Ack));
            assertThat(event).isEqualTo(ack);
        }
        child.getOutputStream().close();
        assertThat(child.waitFor(START_DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }

    /** Every stored message as {@code room|seq|id|clientMsgId}, read from the file itself. */
    private Set<String> storedIds() throws HistoryStoreException {
        Set<String> ids = new HashSet<>();
        try (SqliteHistoryStore store = SqliteHistoryStore.open(dataDir, null, () -> {
            throw new AssertionError("the history must exist after a kill");
        })) {
            for (List<Message> messages : store.recover(Integer.MAX_VALUE).rooms().values()) {
                messages.forEach(m -> ids.add(m.room() + "|" + m.seq() + "|" + m.id() + "|" + m.clientMsgId()));
            }
        }
        return ids;
    }

    record Listening(int port, String epoch) {
    }

    private Listening startChild() throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        child = new ProcessBuilder(java, "-Xmx256m", "-Dorg.sqlite.tmpdir=" + sqliteDir, "-cp", classPath,
                DurableServerChild.class.getName(),
                dataDir.toString(), SECRET)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        String first = line.get(START_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        if (first == null || !first.startsWith("listening ")) {
            fail("the child server did not start: " + first);
        }
        String[] parts = first.split(" ");
        return new Listening(Integer.parseInt(parts[1]), parts[2]);
    }
}
