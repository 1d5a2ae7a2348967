package dev.livetalk.server;

import dev.livetalk.protocol.Hello;
import dev.livetalk.protocol.Message;
import dev.livetalk.protocol.ResumeStatus;
import dev.livetalk.protocol.Welcome;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer to one good hello: joins its resume rooms, sends the welcome with a status per
 * room, then each resumed room's missed messages. A room's replay is made only while the
 * hello's replays together stay within {@code maxResumeReplay} messages and
 * {@code maxResumeReplayBytes} estimated bytes; a room beyond that is answered
 * {@code history-truncated} and the client pages through {@code history} instead. One per
 * hello; touched only by the thread that calls {@link ServerCore}.
 */
final class Resume {
    private final Rooms rooms;
    private final ServerConfig config;
    private final String epoch;
    private long replayed;
    private long replayedBytes;

    Resume(Rooms rooms, ServerConfig config, String epoch) {
        this.rooms = rooms;
        this.config = config;
        this.epoch = epoch;
    }

    void answer(Connection connection, Hello hello, CallOutputs out) {
        Map<String, ResumeStatus> statuses = new LinkedHashMap<>();
        List<Message> replay = new ArrayList<>();
        hello.resume().forEach((name, seq) -> {
            Room room = rooms.room(name);
            ResumeStatus status = room == null ? ResumeStatus.FORBIDDEN
                    : statusOf(connection, room, hello.epoch(), seq);
            if (status == ResumeStatus.RESUMED) {
                List<Message> missed = missed(room, seq);
                if (missed == null) {
                    status = ResumeStatus.HISTORY_TRUNCATED;
                } else {
                    replay.addAll(missed);
                }
            }
            statuses.put(name, status);
            if (status != ResumeStatus.FORBIDDEN) {
                rooms.addMember(connection, room);
            }
        });
        Map<String, Long> heads = new LinkedHashMap<>();
        for (String name : connection.rooms()) {
            heads.put(name, rooms.find(name).log().headSeq());
        }
        out.deliver(connection.id(), new Welcome("s" + connection.id().value(), epoch, heads, statuses));
        for (Message message : replay) {
            out.deliver(connection.id(), message);
        }
    }

    /**
     * The status of one resume position. Without the hello's epoch a position above 0 cannot
     * be told from one of another epoch, so it is answered {@code epoch-changed}.
     */
    private ResumeStatus statusOf(Connection connection, Room room, String clientEpoch, long seq) {
        if (!room.admits(connection.user())) {
            return ResumeStatus.FORBIDDEN;
        }
        if (clientEpoch == null ? seq > 0 : !clientEpoch.equals(epoch)) {
            return ResumeStatus.EPOCH_CHANGED;
        }
        if (seq > room.log().headSeq()) {
            return ResumeStatus.EPOCH_CHANGED;
        }
        if (seq + 1 < room.log().firstSeq()) {
            return ResumeStatus.HISTORY_TRUNCATED;
        }
        return ResumeStatus.RESUMED;
    }

    /** The messages after {@code seq}, or {@code null} when they would take the replay beyond its bounds. */
    private List<Message> missed(Room room, long seq) {
        long count = room.log().headSeq() - seq;
        if (replayed + count > config.maxResumeReplay()) {
            return null;
        }
        List<Message> missed = room.log().range(seq + 1, room.log().headSeq(), Integer.MAX_VALUE);
        long bytes = 0;
        for (Message message : missed) {
            bytes += Rooms.estimatedBytes(message);
        }
        if (replayedBytes + bytes > config.maxResumeReplayBytes()) {
            return null;
        }
        replayed += count;
        replayedBytes += bytes;
        return missed;
    }
}
