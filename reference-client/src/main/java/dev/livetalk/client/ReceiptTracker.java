package dev.livetalk.client;

import dev.livetalk.client.transcript.MessageStatus;
import dev.livetalk.client.transcript.Transcript;
import dev.livetalk.protocol.ReceiptKind;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns other members' delivered and read markers into the status of the user's own
 * messages: an own message is DELIVERED once any other member's delivered marker reaches its
 * seq, READ once any other member's read marker does.
 *
 * <p>Not thread-safe: owned by one session, on its owner thread.
 */
final class ReceiptTracker {
    private final Map<String, TreeMap<Long, String>> notDelivered = new HashMap<>();
    private final Map<String, TreeMap<Long, String>> notRead = new HashMap<>();
    private final Map<String, Long> deliveredMarker = new HashMap<>();
    private final Map<String, Long> readMarker = new HashMap<>();

    /** An own message was committed at {@code seq} with {@code id}. */
    void onOwnCommit(String room, long seq, String id, Transcript transcript) {
        if (seq <= readMarker.getOrDefault(room, 0L)) {
            transcript.advanceStatus(id, MessageStatus.READ);
            return;
        }
        notRead.computeIfAbsent(room, r -> new TreeMap<>()).put(seq, id);
        if (seq <= deliveredMarker.getOrDefault(room, 0L)) {
            transcript.advanceStatus(id, MessageStatus.DELIVERED);
        } else {
            notDelivered.computeIfAbsent(room, r -> new TreeMap<>()).put(seq, id);
        }
    }

    /** Another member's marker advanced. */
    void onReceipt(String room, ReceiptKind kind, long seq, Transcript transcript) {
        boolean read = kind == ReceiptKind.READ;
        (read ? readMarker : deliveredMarker).merge(room, seq, Math::max);
        if (read) {
            apply(notDelivered.get(room), seq, null, null);
            apply(notRead.get(room), seq, transcript, MessageStatus.READ);
        } else {
            apply(notDelivered.get(room), seq, transcript, MessageStatus.DELIVERED);
        }
    }

    private static void apply(TreeMap<Long, String> waiting, long seq, Transcript transcript, MessageStatus status) {
        if (waiting == null) {
            return;
        }
        Map<Long, String> reached = waiting.headMap(seq, true);
        if (transcript != null) {
            reached.values().removeIf(id -> transcript.find(id) != null && applied(transcript, id, status));
        } else {
            reached.clear();
        }
    }

    private static boolean applied(Transcript transcript, String id, MessageStatus status) {
        transcript.advanceStatus(id, status);
        return true;
    }
}
