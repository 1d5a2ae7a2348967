package dev.livetalk.benchmarks;

import dev.livetalk.protocol.HistoryReply;
import dev.livetalk.protocol.HistoryRequest;
import dev.livetalk.protocol.Message;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers a session's history requests the way the server would, from a {@link RoomStream}:
 * the messages of the range asked for, the head set to the last seq asked (a lower bound of
 * the real head, which the session already knows from live traffic), nothing truncated.
 * A reply is built once per distinct request and then reused, so the strategy benchmarks
 * measure the strategies and not the making of replies.
 *
 * <p>Not thread-safe: used by the JMH benchmark thread only.
 */
final class RoomHistory {
    private final RoomStream room;
    private final Map<HistoryRequest, HistoryReply> replies = new HashMap<>();

    RoomHistory(RoomStream room) {
        this.room = room;
    }

    /** The reply to {@code request}; empty beyond the room's head. */
    HistoryReply answer(HistoryRequest request) {
        return replies.computeIfAbsent(request, this::reply);
    }

    private HistoryReply reply(HistoryRequest request) {
        if (!request.room().equals(RoomStream.ROOM)) {
            throw new IllegalArgumentException("history request must be for room " + RoomStream.ROOM + ": "
                    + request.room());
        }
        long to = request.toSeq() != null ? request.toSeq() : request.fromSeq() + request.limit() - 1;
        long last = Math.min(to, room.size());
        List<Message> messages = request.fromSeq() > last ? List.of()
                : Arrays.asList(room.inSeqOrder()).subList((int) request.fromSeq() - 1, (int) last);
        return new HistoryReply(RoomStream.ROOM, messages, Math.max(last, 0), 1);
    }
}
