package dev.livetalk.server;

import dev.livetalk.protocol.Message;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a server keeps across a restart when its history is durable: its epoch and, per room,
 * the retained tail of the room's log (contiguous seqs, oldest first; the last one is the
 * room's head). A server started from it ({@link ServerCore#ServerCore(ServerConfig, ServerHistory, long)})
 * announces the same epoch, continues each room's seqs, and answers a resent client message
 * id of a recovered message with its original ack.
 *
 * <p>Immutable; any thread.
 *
 * @param epoch the history's epoch
 * @param rooms per room, its retained messages in seq order
 */
public record ServerHistory(String epoch, Map<String, List<Message>> rooms) {
    public ServerHistory {
        if (epoch == null || epoch.isEmpty() || epoch.length() > 64) {
            throw new IllegalArgumentException("epoch must be 1-64 characters long: " + epoch);
        }
        Map<String, List<Message>> copy = new LinkedHashMap<>();
        rooms.forEach((room, messages) -> {
            for (int i = 0; i < messages.size(); i++) {
                Message m = messages.get(i);
                if (!m.room().equals(room)) {
                    throw new IllegalArgumentException("message " + m.id() + " of room " + m.room()
                            + " is not in the history of room " + room);
                }
                if (i > 0 && m.seq() != messages.get(i - 1).seq() + 1) {
                    throw new IllegalArgumentException("room " + room + "'s history must be contiguous: seq "
                            + m.seq() + " follows " + messages.get(i - 1).seq());
                }
            }
            copy.put(room, List.copyOf(messages));
        });
        rooms = java.util.Collections.unmodifiableMap(copy);
    }

    /** An empty history of {@code epoch}: a server that starts with nothing. */
    public static ServerHistory empty(String epoch) {
        return new ServerHistory(epoch, Map.of());
    }

    /**
     * The message id the server gives the message {@code seq} of {@code room} in {@code epoch}:
     * {@code room:seq.tag}, the tag eight hex digits of the epoch's hash, so that ids stay
     * unique across epochs (a server that lost its history numbers from 1 again) while a
     * durable restart, keeping the epoch, continues them. At most 64 + 1 + 19 + 1 + 8 = 93
     * characters, within the protocol's 128.
     */
    public static String messageId(String epoch, String room, long seq) {
        return messageIdTagged(idTag(epoch), room, seq);
    }

    /**
     * The part of {@link #messageId} that depends on the epoch only, {@code .tag}: a server
     * works it out once for all its messages.
     */
    static String idTag(String epoch) {
        return "." + String.format("%08x", epoch.hashCode());
    }

    /** {@link #messageId} with the epoch's {@link #idTag} worked out already. */
    static String messageIdTagged(String tag, String room, long seq) {
        return room + ":" + seq + tag;
    }
}
