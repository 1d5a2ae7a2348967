package dev.livetalk.server;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The core's state of one connection: who it is once the hello passed, which rooms it
 * joined, when it opened, its last activity, and how many frames the shell had admitted
 * (charged) before decoding them. Its user's limits are per user ({@link UserLimits}).
 * Sans-IO; touched only by the thread that calls {@link ServerCore}.
 */
final class Connection {
    private final ConnectionId id;
    private final long openedAt;
    private final Set<String> rooms = new LinkedHashSet<>();
    private String user;
    private UserLimits limits;
    private long lastSeen;
    private int admitted;

    Connection(ConnectionId id, long now) {
        this.id = id;
        this.openedAt = now;
        this.lastSeen = now;
    }

    ConnectionId id() {
        return id;
    }

    /** The authenticated user, or {@code null} before a good hello. */
    String user() {
        return user;
    }

    /**
     * The hello passed for {@code authenticated}, whose {@code limits} these are: they stay
     * the user's while this connection is open (it holds one of the user's connections, so
     * {@link Users#sweep} keeps them).
     */
    void authenticate(String authenticated, UserLimits limits) {
        this.user = authenticated;
        this.limits = limits;
    }

    /** The user's limits, once authenticated ({@link Users#of} would give the same). */
    UserLimits limits() {
        return limits;
    }

    boolean authenticated() {
        return user != null;
    }

    /** Joined rooms, in join order; live view. */
    Set<String> rooms() {
        return rooms;
    }

    long openedAt() {
        return openedAt;
    }

    long lastSeen() {
        return lastSeen;
    }

    void onActivity(long now) {
        lastSeen = Math.max(lastSeen, now);
    }

    /** A frame was admitted (and charged) before decoding; its {@code onFrame} is not charged again. */
    void onAdmitted() {
        admitted++;
    }

    /** Takes one admitted frame; false when none was admitted (a shell that does not call admit). */
    boolean takeAdmitted() {
        if (admitted == 0) {
            return false;
        }
        admitted--;
        return true;
    }
}
