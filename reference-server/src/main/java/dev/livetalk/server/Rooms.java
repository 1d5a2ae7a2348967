package dev.livetalk.server;

import dev.livetalk.protocol.Ack;
import dev.livetalk.protocol.ErrorCode;
import dev.livetalk.protocol.ErrorEvent;
import dev.livetalk.protocol.HistoryReply;
import dev.livetalk.protocol.HistoryRequest;
import dev.livetalk.protocol.Joined;
import dev.livetalk.protocol.Message;
import dev.livetalk.protocol.Read;
import dev.livetalk.protocol.Receipt;
import dev.livetalk.protocol.Send;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rooms of a server and the requests about them: join, leave, send, history, read.
 * Each request method returns {@code null} when it succeeded (its outputs are in the
 * {@link CallOutputs}) or the error to answer with, which {@link ServerCore} counts as a
 * rejection. Sans-IO; touched only by the thread that calls the core.
 *
 * <p>Caps: at most {@code maxRooms} rooms (a join that would create one more is refused
 * with {@code too-many-rooms}), and at most {@code maxHistoryBytes} estimated bytes of
 * retained messages over all rooms: beyond it the oldest retained messages go, whichever
 * their room, in commit order, so those rooms' firstSeq moves up (resumes from before it get
 * {@code history-truncated}).
 */
final class Rooms {
    private final ServerConfig config;
    private final String epoch;
    /** The epoch's part of every message id ({@link ServerHistory#idTag}). */
    private final String idTag;
    private final long wallClockOffsetMillis;
    private final DedupeIndex dedupe;
    private final Map<String, Room> byName = new HashMap<>();
    /** Every retained message in commit order, with stale entries (messages already dropped) among them. */
    private final ArrayDeque<Retained> byAge = new ArrayDeque<>();
    private long retainedBytes;
    private long retainedCount;

    Rooms(ServerConfig config, String epoch, long wallClockOffsetMillis) {
        this.config = config;
        this.epoch = epoch;
        this.idTag = ServerHistory.idTag(epoch);
        this.wallClockOffsetMillis = wallClockOffsetMillis;
        this.dedupe = new DedupeIndex(config.dedupeWindow());
    }

    /**
     * The room called {@code name}, created when it does not exist yet; {@code null} when it
     * does not exist and the server holds {@code maxRooms} rooms.
     */
    Room room(String name) {
        Room room = byName.get(name);
        return room != null || byName.size() >= config.maxRooms() ? room : create(name);
    }

    private Room create(String name) {
        Room room = new Room(name, config.privateRooms().get(name), config.historyLimit());
        byName.put(name, room);
        return room;
    }

    /** Rooms that exist. */
    int count() {
        return byName.size();
    }

    /** Estimated bytes of every room's retained messages. */
    long retainedBytes() {
        return retainedBytes;
    }

    /**
     * Takes up a recovered history: each room's log starts from its tail, and every recovered
     * message's ack is remembered for its sender (in seq order per room), so a resend after the
     * restart is answered with the original ack.
     */
    void recover(ServerHistory history) {
        List<Message> all = new ArrayList<>();
        history.rooms().forEach((name, messages) -> {
            Room room = byName.containsKey(name) ? byName.get(name) : create(name);
            room.log().recover(messages);
            for (Message m : messages) {
                dedupe.remember(m.from(), new Ack(name, m.clientMsgId(), m.seq(), m.id()));
            }
            all.addAll(room.log().retained());
        });
        all.sort(Comparator.comparingLong(Message::serverTime));   // stable: each room's seq order kept
        for (Message m : all) {
            retain(byName.get(m.room()), m, null);
        }
    }

    /** Counts a message appended to {@code room} (and one its own limit dropped), then keeps within the memory cap. */
    private void retain(Room room, Message appended, Message dropped) {
        if (dropped != null) {
            retainedBytes -= estimatedBytes(dropped);
            retainedCount--;
        }
        long bytes = estimatedBytes(appended);
        byAge.addLast(new Retained(room, appended.seq()));
        retainedBytes += bytes;
        retainedCount++;
        while (retainedBytes > config.maxHistoryBytes() && !byAge.isEmpty()) {
            Retained oldest = byAge.pollFirst();
            while (oldest.room().log().firstSeq() <= oldest.seq()) {
                retainedBytes -= estimatedBytes(oldest.room().log().dropOldest());
                retainedCount--;
            }
        }
        if (byAge.size() > 2 * retainedCount + 1024) {   // drop stale entries; amortized O(1) per message
            byAge.removeIf(entry -> entry.room().log().firstSeq() > entry.seq());
        }
    }

    /** Every room's retained messages, rooms in no particular order. */
    Map<String, List<Message>> retained() {
        Map<String, List<Message>> all = new java.util.LinkedHashMap<>();
        byName.forEach((name, room) -> all.put(name, room.log().retained()));
        return all;
    }

    /** The room called {@code name}, or {@code null}. */
    Room find(String name) {
        return byName.get(name);
    }

    ErrorEvent join(Connection connection, String name, CallOutputs out) {
        Room room = room(name);
        if (room == null) {
            return new ErrorEvent(ErrorCode.TOO_MANY_ROOMS, "rooms must stay within " + config.maxRooms()
                    + " on this server: room \"" + name + "\" would be one more", "join");
        }
        if (!room.admits(connection.user())) {
            return forbidden(connection, name, "join");
        }
        addMember(connection, room);
        out.deliver(connection.id(), new Joined(name, room.log().headSeq()));
        return null;
    }

    /** Makes {@code connection} a member of {@code room} (which admits it). */
    void addMember(Connection connection, Room room) {
        room.members().add(connection.id());
        connection.rooms().add(room.name());
    }

    ErrorEvent leave(Connection connection, String name) {
        Room room = find(name);
        if (room == null || !connection.rooms().remove(name)) {
            return notMember(name, "leave", "leave");
        }
        room.members().remove(connection.id());
        return null;
    }

    /** Removes a closed connection from every room it joined. */
    void removeEverywhere(Connection connection) {
        for (String name : connection.rooms()) {
            byName.get(name).members().remove(connection.id());
        }
        connection.rooms().clear();
    }

    /** Commits a message, or answers a resend with the ack it already got. */
    ErrorEvent send(Connection connection, Send send, long now, CallOutputs out) {
        Room room = memberRoom(connection, send.room());
        if (room == null) {
            return notMember(send.room(), "send", send.clientMsgId());
        }
        Ack earlier = dedupe.find(connection.user(), send.clientMsgId());
        if (earlier != null && !earlier.room().equals(room.name())) {
            return new ErrorEvent(ErrorCode.CLIENT_MSG_ID_REUSED, "clientMsgId must be unique per user across rooms: \""
                    + send.clientMsgId() + "\" is message " + earlier.seq() + " of room \"" + earlier.room()
                    + "\", not a message of room \"" + room.name() + "\"", send.clientMsgId());
        }
        if (earlier != null) {
            out.deliver(connection.id(), earlier);
            return null;
        }
        long seq = room.log().nextSeq();
        Message message = new Message(room.name(), seq, ServerHistory.messageIdTagged(idTag, room.name(), seq),
                send.clientMsgId(),
                connection.user(), send.body(), send.replyTo(), wallClockOffsetMillis + now / 1_000_000);
        retain(room, message, room.log().append(message));
        config.commitListener().onCommit(epoch, message);
        Ack ack = new Ack(room.name(), send.clientMsgId(), seq, message.id());
        dedupe.remember(connection.user(), ack);
        out.expect(1 + room.members().size());
        out.deliver(connection.id(), ack);
        for (ConnectionId member : room.members()) {
            out.deliver(member, message);
        }
        return null;
    }

    /** Answers a history range, cut to what is retained and to the reply limit. */
    ErrorEvent history(Connection connection, HistoryRequest request, CallOutputs out) {
        Room room = memberRoom(connection, request.room());
        if (room == null) {
            return notMember(request.room(), "history", "history");
        }
        long from = request.fromSeq();
        long to = request.toSeq() != null ? request.toSeq()
                : from > Long.MAX_VALUE - request.limit() ? Long.MAX_VALUE : from + request.limit() - 1;
        RoomLog log = room.log();
        List<Message> messages = fitted(log.range(from, to, config.maxHistoryReply()));
        out.deliver(connection.id(), new HistoryReply(room.name(), messages, log.headSeq(), log.firstSeq()));
        return null;
    }

    /** Moves the user's marker forward (clamped to the head) and tells the other members. */
    ErrorEvent read(Connection connection, Read read, CallOutputs out) {
        Room room = memberRoom(connection, read.room());
        if (room == null) {
            return notMember(read.room(), "read", "read");
        }
        long seq = Math.min(read.seq(), room.log().headSeq());
        if (seq < 1 || !room.advance(connection.user(), read.kind(), seq)) {
            return null;
        }
        Receipt receipt = new Receipt(room.name(), connection.user(), read.kind(), seq);
        out.expect(room.members().size());
        for (ConnectionId member : room.members()) {
            if (!member.equals(connection.id())) {
                out.deliver(member, receipt);
            }
        }
        return null;
    }

    /** The leading messages whose estimated JSON size stays within the reply limit; at least one. */
    private List<Message> fitted(List<Message> messages) {
        long bytes = 0;
        for (int i = 0; i < messages.size(); i++) {
            bytes += estimatedBytes(messages.get(i));
            if (bytes > config.maxReplyBytes() && i > 0) {
                return messages.subList(0, i);
            }
        }
        return messages;
    }

    /** An upper bound of a message's encoded size: fixed fields plus its strings, worst-case escaped. */
    static long estimatedBytes(Message message) {
        return 256 + message.room().length() + message.id().length() + stringBytes(message.clientMsgId())
                + stringBytes(message.from()) + stringBytes(message.body()) + stringBytes(message.replyTo());
    }

    private static long stringBytes(String value) {
        if (value == null) {
            return 0;
        }
        long bytes = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            bytes += c < 0x20 ? 6 : c == '"' || c == '\\' ? 2 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        }
        return bytes;
    }

    /** One retained message in the commit-order queue of the memory cap. */
    private record Retained(Room room, long seq) {
    }

    private Room memberRoom(Connection connection, String name) {
        return connection.rooms().contains(name) ? byName.get(name) : null;
    }

    private ErrorEvent forbidden(Connection connection, String room, String ref) {
        return new ErrorEvent(ErrorCode.FORBIDDEN, "room \"" + room
                + "\" is private: user must be on its allow-list: \"" + connection.user() + "\"", ref);
    }

    private static ErrorEvent notMember(String room, String action, String ref) {
        return new ErrorEvent(ErrorCode.NOT_MEMBER,
                "room must be joined before " + action + ": \"" + room + "\"", ref);
    }
}
