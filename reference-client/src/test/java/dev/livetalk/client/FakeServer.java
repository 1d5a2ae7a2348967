package dev.livetalk.client;

import dev.livetalk.protocol.Ack;
import dev.livetalk.protocol.ClientEvent;
import dev.livetalk.protocol.Hello;
import dev.livetalk.protocol.HistoryReply;
import dev.livetalk.protocol.HistoryRequest;
import dev.livetalk.protocol.Join;
import dev.livetalk.protocol.Joined;
import dev.livetalk.protocol.Message;
import dev.livetalk.protocol.Ping;
import dev.livetalk.protocol.Pong;
import dev.livetalk.protocol.Read;
import dev.livetalk.protocol.Receipt;
import dev.livetalk.protocol.ResumeStatus;
import dev.livetalk.protocol.Send;
import dev.livetalk.protocol.ServerEvent;
import dev.livetalk.protocol.Welcome;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tiny in-memory chat server for scripted session tests: per-room contiguous seqs, ids
 * {@code room:seq}, idempotent sends, resume, history, receipts, pings. Frames for a
 * connection wait in its inbox until the test client delivers them. Test thread only.
 */
final class FakeServer {
    /** One connection: its user, rooms and undelivered frames. */
    static final class Conn {
        final Deque<ServerEvent> inbox = new ArrayDeque<>();
        final Set<String> rooms = new LinkedHashSet<>();
        String user;
        boolean open = true;
        /** A stalled link: frames to and from it vanish. */
        boolean blackhole;
    }

    private final Map<String, List<Message>> logs = new HashMap<>();
    private final Map<String, Long> firstSeq = new HashMap<>();
    private final Map<String, Ack> dedupe = new HashMap<>();
    private final List<Conn> conns = new ArrayList<>();
    private String epoch = "e1";
    /** When false, sends are committed but no ack is answered (a lost ack). */
    boolean answerSends = true;
    /** When false, sends vanish: neither committed nor answered. */
    boolean commitSends = true;
    /** When true, history requests wait unanswered (a server too busy to answer) until {@link #answerHistory}. */
    boolean holdHistory;
    private final List<Map.Entry<Conn, HistoryRequest>> heldHistory = new ArrayList<>();
    /**
     * How many of the next history requests vanish unanswered (a server over its rate limit
     * drops the frame, answering a {@code rate-limited} error the client does not tie to it).
     */
    int dropHistory;
    /** The most messages in one history reply (the server's {@code maxHistoryReply}). */
    int maxHistoryReply = Integer.MAX_VALUE;

    Conn open() {
        Conn conn = new Conn();
        conns.add(conn);
        return conn;
    }

    void close(Conn conn) {
        conn.open = false;
        conn.inbox.clear();
        conns.remove(conn);
    }

    /** The server lost its history: a new epoch, every connection closed. */
    void restart(String newEpoch) {
        epoch = newEpoch;
        logs.clear();
        firstSeq.clear();
        dedupe.clear();
        new ArrayList<>(conns).forEach(this::close);
    }

    /** Drops every message of {@code room} below {@code seq} (bounded history). */
    void truncate(String room, long seq) {
        log(room).removeIf(m -> m.seq() < seq);
        firstSeq.put(room, seq);
    }

    List<Message> log(String room) {
        return logs.computeIfAbsent(room, r -> new ArrayList<>());
    }

    long head(String room) {
        List<Message> log = log(room);
        return log.isEmpty() ? firstSeq.getOrDefault(room, 1L) - 1 : log.get(log.size() - 1).seq();
    }

    /** Another user posts: committed and broadcast to every open member. */
    Message post(String room, String user, String body) {
        return commit(room, user, "p-" + user + "-" + (head(room) + 1), body, null);
    }

    /** Another user posts a reply. */
    Message reply(String room, String user, String body, String replyTo) {
        return commit(room, user, "p-" + user + "-" + (head(room) + 1), body, replyTo);
    }

    private Message commit(String room, String user, String clientMsgId, String body, String replyTo) {
        long seq = head(room) + 1;
        Message message = new Message(room, seq, room + ":" + seq, clientMsgId, user, body, replyTo, seq);
        log(room).add(message);
        for (Conn conn : conns) {
            if (conn.rooms.contains(room)) {
                deliver(conn, message);
            }
        }
        return message;
    }

    void receive(Conn conn, ClientEvent event) {
        if (!conn.open || conn.blackhole) {
            return;
        }
        switch (event) {
            case Hello hello -> hello(conn, hello);
            case Join join -> {
                conn.rooms.add(join.room());
                deliver(conn, new Joined(join.room(), head(join.room())));
            }
            case Send send -> send(conn, send);
            case HistoryRequest request -> {
                if (dropHistory > 0) {
                    dropHistory--;
                } else if (holdHistory) {
                    heldHistory.add(Map.entry(conn, request));
                } else {
                    deliver(conn, history(request));
                }
            }
            case Read read -> {
                for (Conn other : conns) {
                    if (other != conn && other.rooms.contains(read.room())) {
                        deliver(other, new Receipt(read.room(), conn.user, read.kind(), read.seq()));
                    }
                }
            }
            case Ping ping -> deliver(conn, new Pong(ping.t()));
            default -> {
            }
        }
    }

    private void hello(Conn conn, Hello hello) {
        conn.user = hello.user();
        Map<String, ResumeStatus> statuses = new LinkedHashMap<>();
        List<Message> replay = new ArrayList<>();
        hello.resume().forEach((room, seq) -> {
            conn.rooms.add(room);
            ResumeStatus status = !epoch.equals(hello.epoch()) || seq > head(room) ? ResumeStatus.EPOCH_CHANGED
                    : seq + 1 < firstSeq.getOrDefault(room, 1L) ? ResumeStatus.HISTORY_TRUNCATED
                    : ResumeStatus.RESUMED;
            statuses.put(room, status);
            if (status == ResumeStatus.RESUMED) {
                log(room).stream().filter(m -> m.seq() > seq).forEach(replay::add);
            }
        });
        Map<String, Long> heads = new LinkedHashMap<>();
        conn.rooms.forEach(room -> heads.put(room, head(room)));
        deliver(conn, new Welcome("s1", epoch, heads, statuses));
        replay.forEach(m -> deliver(conn, m));
    }

    private void send(Conn conn, Send send) {
        if (!commitSends) {
            return;
        }
        String key = conn.user + "\n" + send.clientMsgId();
        Ack earlier = dedupe.get(key);
        if (earlier != null) {
            if (answerSends) {
                deliver(conn, earlier);
            }
            return;
        }
        long seq = head(send.room()) + 1;
        Ack ack = new Ack(send.room(), send.clientMsgId(), seq, send.room() + ":" + seq);
        dedupe.put(key, ack);
        if (answerSends) {
            deliver(conn, ack);
        }
        commit(send.room(), conn.user, send.clientMsgId(), send.body(), send.replyTo());
    }

    /** Answers the history requests held so far, oldest first, from the history as it is now; stops holding. */
    void answerHistory() {
        holdHistory = false;
        heldHistory.forEach(held -> deliver(held.getKey(), history(held.getValue())));
        heldHistory.clear();
    }

    /** Answers the oldest history request held, from the history as it is now; holding goes on. */
    void answerOldestHistory() {
        Map.Entry<Conn, HistoryRequest> held = heldHistory.remove(0);
        deliver(held.getKey(), history(held.getValue()));
    }

    private HistoryReply history(HistoryRequest request) {
        long to = request.toSeq() != null ? request.toSeq() : request.fromSeq() + request.limit() - 1;
        List<Message> messages = log(request.room()).stream()
                .filter(m -> m.seq() >= request.fromSeq() && m.seq() <= to).limit(maxHistoryReply).toList();
        return new HistoryReply(request.room(), messages, head(request.room()),
                firstSeq.getOrDefault(request.room(), 1L));
    }

    private static void deliver(Conn conn, ServerEvent event) {
        if (conn.open && !conn.blackhole) {
            conn.inbox.add(event);
        }
    }
}
