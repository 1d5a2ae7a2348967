package dev.livetalk.benchmarks.attack;

import dev.livetalk.protocol.Ack;
import dev.livetalk.protocol.Join;
import dev.livetalk.protocol.Joined;
import dev.livetalk.protocol.Message;
import dev.livetalk.protocol.Ping;
import dev.livetalk.protocol.Send;
import dev.livetalk.protocol.ServerEvent;
import dev.livetalk.protocol.Welcome;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

/**
 * Two well-behaved clients chatting during an attack: the talker sends one message every
 * {@link #PACE} and times send to ack (open loop would hide nothing here: one message in
 * flight, 50 per second); the listener receives them. Threads: the talker's loop runs on the
 * virtual thread {@code bench-bystander}; {@link #stop} joins it before reading anything.
 */
final class Bystander implements AutoCloseable {
    static final String ROOM = "bystanders";
    private static final Duration PACE = Duration.ofMillis(20);
    private static final int MAX_SENDS = 5_000;

    private final ChatPeer talker;
    private final ChatPeer listener;
    private final List<Long> roundTripNanos = new CopyOnWriteArrayList<>();
    private final Set<String> acked = new HashSet<>();
    private final Thread loop;
    private volatile boolean stopping;
    private volatile Exception failure;

    /** What the bystander saw. */
    record Outcome(double p99Millis, double maxMillis, int roundTrips, boolean connected, int ackedNotSeen,
                   String failure) {
    }

    private Bystander(URI uri) throws Exception {
        talker = ChatPeer.hello(uri, "bystander-talker");
        listener = ChatPeer.hello(uri, "bystander-listener");
        for (ChatPeer peer : List.of(talker, listener)) {
            peer.next(Welcome.class);
            peer.send(new Join(ROOM));
            peer.next(Joined.class);
        }
        loop = Thread.ofVirtual().name("bench-bystander").start(this::chat);
    }

    static Bystander start(URI uri) throws Exception {
        return new Bystander(uri);
    }

    private void chat() {
        try {
            for (int i = 0; i < MAX_SENDS && !stopping; i++) {
                long sent = System.nanoTime();
                talker.send(new Send(ROOM, "by-" + i, "still chatting " + i, null));
                Ack ack = awaitAck("by-" + i);
                roundTripNanos.add(System.nanoTime() - sent);
                acked.add(ack.id());
                if (i % 50 == 0) {
                    listener.send(new Ping(i)); // keeps the silent listener from idling out
                }
                LockSupport.parkNanos(PACE.toNanos()); // pacing
            }
        } catch (Exception e) {
            failure = e;
        }
    }

    private Ack awaitAck(String clientMsgId) throws Exception {
        while (true) {
            ServerEvent event = talker.next();
            if (event instanceof Ack ack && ack.clientMsgId().equals(clientMsgId)) {
                return ack;
            }
            if (event instanceof dev.livetalk.protocol.ErrorEvent error) {
                throw new IOException("bystander refused: " + error);
            }
        }
    }

    /** Forgets the round trips so far (the warm-up's). */
    void startMeasuring() {
        roundTripNanos.clear();
    }

    /** Stops chatting and checks that the listener saw every acknowledged message. */
    Outcome stop() throws Exception {
        stopping = true;
        if (!loop.join(ChatPeer.DEADLINE)) {
            throw new IOException("the bystander's loop did not end within " + ChatPeer.DEADLINE);
        }
        boolean connected = talker.isOpen() && listener.isOpen();
        Set<String> missing = new HashSet<>(acked);
        try {
            while (!missing.isEmpty()) {
                if (listener.next() instanceof Message message) {
                    missing.remove(message.id());
                }
            }
        } catch (IOException e) {
            connected = false;
        }
        List<Long> sorted = new ArrayList<>(roundTripNanos);
        sorted.sort(null);
        double p99 = sorted.isEmpty() ? Double.NaN : sorted.get((int) Math.ceil(0.99 * sorted.size()) - 1) / 1e6;
        double max = sorted.isEmpty() ? Double.NaN : sorted.getLast() / 1e6;
        return new Outcome(p99, max, sorted.size(), connected, missing.size(),
                failure == null ? "" : failure.getMessage());
    }

    @Override
    public void close() throws IOException {
        stopping = true;
        talker.close();
        listener.close();
    }
}
