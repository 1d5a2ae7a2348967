package dev.livetalk.benchmarks.attack;

import dev.livetalk.protocol.EventCodec;
import dev.livetalk.protocol.Hello;
import dev.livetalk.protocol.HistoryRequest;
import dev.livetalk.protocol.Join;
import dev.livetalk.protocol.ProtocolVersion;
import dev.livetalk.protocol.Send;
import dev.livetalk.protocol.UserToken;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The attacks of the issue that load the server, each bounded in count. {@link #launch} opens
 * the attack's connections and sends its load; the connections it returns stay open until the
 * heap has been measured. Called by the benchmark's main thread.
 */
enum Attack {
    /** No attack: the bystander alone, the reference row. */
    NONE(100, 200),
    /** One client that never reads asks 200 times for 1,000 messages of 1,000 characters (1 MiB replies). */
    HISTORY_HOARDER(100_000, 100_000),
    /** Five clients that never read each say one hello resuming 4 rooms of 10,000 messages from the start. */
    RESUME_FLOOD(100_000, 100_000),
    /** 300 TCP connections that never finish the WebSocket upgrade (half send part of a request). */
    HALF_OPEN(100, 200),
    /** 100 connections each send a 64 KB frame of 6,600 distinct keys before their hello. */
    MANY_KEYS(100, 200),
    /** One user on 20 connections, each sending 200 messages as fast as it can. */
    ONE_USER_FLOOD(100, 200),
    /** One user joins 5,000 rooms. */
    MANY_ROOMS(100_000, 100_000);

    private static final EventCodec CODEC = new EventCodec();
    private static final Duration DEADLINE = ChatPeer.DEADLINE;

    private final double rate;
    private final int burst;

    Attack(double rate, int burst) {
        this.rate = rate;
        this.burst = burst;
    }

    /** The server's rate limit for this attack: seeding needs a high one. */
    double rate() {
        return rate;
    }

    int burst() {
        return burst;
    }

    /** Commits what the attack needs before the bystander starts. */
    void seed(ServerUnderAttack server) throws Exception {
        switch (this) {
            case HISTORY_HOARDER -> seedRoom(server, "archive", 1_000, 1_000);
            case RESUME_FLOOD -> {
                for (int room = 0; room < 4; room++) {
                    seedRoom(server, "big-" + room, 10_000, 300);
                }
            }
            default -> {
            }
        }
    }

    /** Sends the attack's load; returns what it keeps open. */
    List<AutoCloseable> launch(ServerUnderAttack server) throws Exception {
        List<AutoCloseable> held = new ArrayList<>();
        switch (this) {
            case NONE -> {
            }
            case HISTORY_HOARDER -> {
                RawPeer hoarder = rawHello(server, held, hello("hoarder", null, Map.of()));
                hoarder.sendText(CODEC.encode(new Join("archive")));
                for (int i = 0; i < 200; i++) {
                    hoarder.sendText(CODEC.encode(HistoryRequest.range("archive", 1, 1_000)));
                }
            }
            case RESUME_FLOOD -> {
                Map<String, Long> fromStart = new LinkedHashMap<>();
                for (int room = 0; room < 4; room++) {
                    fromStart.put("big-" + room, 0L);
                }
                for (int i = 0; i < 5; i++) {
                    rawHello(server, held, hello("resumer-" + i, server.epoch(), fromStart));
                }
            }
            case HALF_OPEN -> halfOpen(server, held);
            case MANY_KEYS -> {
                String keys = manyKeys();
                for (int i = 0; i < 100; i++) {
                    RawPeer peer = new RawPeer(server.port(), DEADLINE);
                    held.add(peer);
                    send(peer, keys);
                }
            }
            case ONE_USER_FLOOD -> oneUserFlood(server, held);
            case MANY_ROOMS -> {
                ChatPeer builder = ChatPeer.hello(server.uri(), "builder");
                held.add(builder);
                for (int i = 0; i < 5_000; i++) {
                    builder.send(new Join("room-" + i));
                }
            }
        }
        return held;
    }

    private static void halfOpen(ServerUnderAttack server, List<AutoCloseable> held) throws IOException {
        for (int i = 0; i < 300; i++) {
            Socket socket = new Socket("127.0.0.1", server.port());
            held.add(socket);
            if (i % 2 == 0) {
                OutputStream out = socket.getOutputStream();
                out.write("GET /livetalk/chat HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        }
    }

    private static void oneUserFlood(ServerUnderAttack server, List<AutoCloseable> held) throws Exception {
        List<ChatPeer> peers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ChatPeer peer = ChatPeer.hello(server.uri(), "flooder");
            held.add(peer);
            try {
                peer.send(new Join("flood"));
                peers.add(peer);
            } catch (IOException | IllegalStateException refused) {
                // a server with a per-user connection cap closed this one at its hello
            }
        }
        List<Thread> senders = new ArrayList<>();
        for (int i = 0; i < peers.size(); i++) {
            ChatPeer peer = peers.get(i);
            String prefix = "f" + i + "-";
            senders.add(Thread.ofVirtual().name("bench-flooder").start(() -> {
                try {
                    for (int n = 0; n < 200 && peer.isOpen(); n++) {
                        peer.send(new Send("flood", prefix + n, "flood " + n, null));
                    }
                } catch (IOException | IllegalStateException closed) {
                    // refused or closed by the server: the flood of this connection ends
                }
            }));
        }
        for (Thread sender : senders) {
            sender.join(DEADLINE);
        }
    }

    private static void seedRoom(ServerUnderAttack server, String room, int count, int bodyChars) throws Exception {
        try (ChatPeer seeder = ChatPeer.hello(server.uri(), "seeder-" + room)) {
            seeder.send(new Join(room));
            String body = "s".repeat(bodyChars);
            for (int i = 0; i < count; i++) {
                seeder.send(new Send(room, "seed-" + i, body, null));
            }
            for (int acks = 0; acks < count; acks++) {
                seeder.next(dev.livetalk.protocol.Ack.class);
            }
        }
    }

    private static RawPeer rawHello(ServerUnderAttack server, List<AutoCloseable> held, Hello hello) throws IOException {
        RawPeer peer = new RawPeer(server.port(), DEADLINE);
        held.add(peer);
        send(peer, CODEC.encode(hello));
        return peer;
    }

    private static void send(RawPeer peer, String text) {
        try {
            peer.sendText(text);
        } catch (IOException closed) {
            // the server closed the attacker: what the defences are for
        }
    }

    private static Hello hello(String user, String epoch, Map<String, Long> resume) {
        return new Hello(user, UserToken.of(AttackBenchmark.SECRET, user), ProtocolVersion.CURRENT, epoch, resume);
    }

    private static String manyKeys() {
        StringBuilder frame = new StringBuilder("{");
        for (int i = 0; i < 6_600; i++) {
            frame.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":0");
        }
        return frame.append('}').toString();
    }
}
