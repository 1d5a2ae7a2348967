package dev.livetalk.server;

import dev.livetalk.protocol.ReceiptKind;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One room: its log, the connections that joined it, and each user's delivered and read
 * markers. Sans-IO; touched only by the thread that calls {@link ServerCore}.
 */
final class Room {
    private final String name;
    private final Set<String> allowed;
    private final RoomLog log;
    private final Set<ConnectionId> members = new LinkedHashSet<>();
    private final Map<String, Map<ReceiptKind, Long>> markers = new HashMap<>();

    /** A room; {@code allowed} is its allow-list, or {@code null} for a public room. */
    Room(String name, Set<String> allowed, int historyLimit) {
        this.name = name;
        this.allowed = allowed;
        this.log = new RoomLog(historyLimit);
    }

    String name() {
        return name;
    }

    RoomLog log() {
        return log;
    }

    /** Whether {@code user} may join. */
    boolean admits(String user) {
        return allowed == null || allowed.contains(user);
    }

    /** The member connections, in join order; live view. */
    Set<ConnectionId> members() {
        return members;
    }

    /**
     * Moves {@code user}'s marker of {@code kind} to {@code seq} if that is forward.
     *
     * @return whether the marker moved
     */
    boolean advance(String user, ReceiptKind kind, long seq) {
        Map<ReceiptKind, Long> userMarkers = markers.computeIfAbsent(user, u -> new EnumMap<>(ReceiptKind.class));
        long current = userMarkers.getOrDefault(kind, 0L);
        if (seq <= current) {
            return false;
        }
        userMarkers.put(kind, seq);
        return true;
    }

    /** {@code user}'s marker of {@code kind}, 0 for none. */
    long marker(String user, ReceiptKind kind) {
        Map<ReceiptKind, Long> userMarkers = markers.get(user);
        return userMarkers == null ? 0 : userMarkers.getOrDefault(kind, 0L);
    }
}
