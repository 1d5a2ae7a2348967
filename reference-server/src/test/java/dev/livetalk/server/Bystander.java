package dev.livetalk.server;

import dev.livetalk.protocol.Ack;
import dev.livetalk.protocol.ErrorEvent;
import dev.livetalk.protocol.Join;
import dev.livetalk.protocol.Joined;
import dev.livetalk.protocol.Message;
import dev.livetalk.protocol.Ping;
import dev.livetalk.protocol.Send;
import dev.livetalk.protocol.ServerEvent;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two well-behaved real Tyrus clients that keep chatting in their own room while an attack
 * runs: the talker sends a message every {@link #PACE} and waits for its ack (a round trip),
 * the listener receives them. {@link #stopAndVerify} asserts both stayed connected, the
 * listener saw every acknowledged message and the server's history holds them all.
 *
 * <p>Threads: the talker's loop runs on the virtual thread {@code it-bystander}, which alone
 * reads the talker and writes the listener's pings; the test thread starts it, then calls
 * {@link #stopAndVerify}, which joins the loop before it reads the listener.
 */
final class Bystander implements AutoCloseable {
    static final String ROOM = "bystanders";
    static final Duration PACE = Duration.ofMillis(20);
    private static final int MAX_SENDS = 3_000;

    private final ReferenceServer server;
    private final TestClient talker;
    private final TestClient listener;
    private final List<Ack> acked = new CopyOnWriteArrayList<>();
    private final List<Long> roundTripNanos = new CopyOnWriteArrayList<>();
    private final Thread loop;
    private volatile boolean stopping;
    private volatile Throwable failure;

    private Bystander(ReferenceServer server, String secret) throws Exception {
        this.server = server;
        this.talker = TestClient.login(server.uri(), secret, "bystander-talker");
        this.listener = TestClient.login(server.uri(), secret, "bystander-listener");
        for (TestClient client : List.of(talker, listener)) {
            client.send(new Join(ROOM));
            client.next(Joined.class);
        }
        this.loop = Thread.ofVirtual().name("it-bystander").start(this::chat);
    }

    static Bystander start(ReferenceServer server, String secret) throws Exception {
        return new Bystander(server, secret);
    }

    /** Messages acknowledged so far. */
    int acked() {
        return acked.size();
    }

    private void chat() {
        try {
            for (int i = 0; i < MAX_SENDS && !stopping; i++) {
                long sent = System.nanoTime();
                talker.send(new Send(ROOM, "by-" + i, "still chatting " + i, null));
                acked.add(awaitAck("by-" + i));
                roundTripNanos.add(System.nanoTime() - sent);
                if (i % 50 == 0) {
                    listener.send(new Ping(i)); // the listener never sends otherwise: keep it from idling out
                }
                LockSupport.parkNanos(PACE.toNanos()); // pacing, not waiting for anything
            }
        } catch (Throwable e) {
            failure = e;
        }
    }

    private Ack awaitAck(String clientMsgId) throws InterruptedException {
        while (true) {
            ServerEvent event = talker.next();
            if (event instanceof Ack ack && ack.clientMsgId().equals(clientMsgId)) {
                return ack;
            }
            assertThat(event).as("the bystander's send was refused").isNotInstanceOf(ErrorEvent.class);
        }
    }

    /** Stops chatting; asserts nothing acknowledged was lost and both clients stayed connected. */
    void stopAndVerify() throws Exception {
        stopping = true;
        assertThat(loop.join(TestClient.DEADLINE)).as("the bystander's loop ends").isTrue();
        assertThat(failure).as("the bystander kept chatting").isNull();
        assertThat(acked).as("the bystander got acks during the attack").isNotEmpty();
        assertThat(talker.isOpen()).as("the talker stayed connected").isTrue();
        assertThat(listener.isOpen()).as("the listener stayed connected").isTrue();
        Set<String> missing = new HashSet<>(acked.stream().map(Ack::id).toList());
        while (!missing.isEmpty()) {
            if (listener.next() instanceof Message message) {
                missing.remove(message.id());
            }
        }
        assertThat(server.history(ROOM)).extracting(Message::id)
                .containsAll(acked.stream().map(Ack::id).toList());
    }

    /** The 99th percentile of the talker's send-to-ack round trips, in milliseconds. */
    double roundTripP99Millis() {
        List<Long> sorted = new ArrayList<>(roundTripNanos);
        sorted.sort(null);
        return sorted.isEmpty() ? 0 : sorted.get((int) Math.ceil(0.99 * sorted.size()) - 1) / 1e6;
    }

    @Override
    public void close() throws IOException {
        stopping = true;
        try {
            loop.join(TestClient.DEADLINE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        talker.close();
        listener.close();
    }
}
