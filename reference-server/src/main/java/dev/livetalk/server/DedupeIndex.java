package dev.livetalk.server;

import dev.livetalk.protocol.Ack;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The acks of each user's most recent client message ids, so a resend gets the same ack.
 * Bounded per user: the oldest ids fall out of the window. Sans-IO; touched only by the
 * thread that calls {@link ServerCore}.
 */
final class DedupeIndex {
    private final int window;
    private final Map<String, LinkedHashMap<String, Ack>> byUser = new HashMap<>();

    DedupeIndex(int window) {
        this.window = window;
    }

    /** The ack already given for ({@code user}, {@code clientMsgId}), or {@code null}. */
    Ack find(String user, String clientMsgId) {
        Map<String, Ack> acks = byUser.get(user);
        return acks == null ? null : acks.get(clientMsgId);
    }

    /** Remembers the ack given for ({@code user}, {@code ack.clientMsgId()}). */
    void remember(String user, Ack ack) {
        LinkedHashMap<String, Ack> acks = byUser.computeIfAbsent(user, u -> new LinkedHashMap<>());
        acks.put(ack.clientMsgId(), ack);
        if (acks.size() > window) {
            acks.pollFirstEntry();
        }
    }
}
