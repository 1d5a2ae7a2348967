package dev.livetalk.server;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The core's state of one connection: who it is once the hello passed, which rooms it
 * joined, its rate limit, abuse count and last activity. Sans-IO; touched only by the
 * thread that calls {@link ServerCore}.
 */
final class Connection {
    private final ConnectionId id;
    private final TokenBucket bucket;
    private final AbuseWindow abuse;
    private final Set<String> rooms = new LinkedHashSet<>();
    private String user;
    private long lastSeen;

    Connection(ConnectionId id, TokenBucket bucket, AbuseWindow abuse, long now) {
        this.id = id;
        this.bucket = bucket;
        this.abuse = abuse;
        this.lastSeen = now;
    }

    ConnectionId id() {
        return id;
    }

    /** The authenticated user, or {@code null} before a good hello. */
    String user() {
        return user;
    }

    void authenticate(String authenticated) {
        this.user = authenticated;
    }

    boolean authenticated() {
        return user != null;
    }

    /** Joined rooms, in join order; live view. */
    Set<String> rooms() {
        return rooms;
    }

    TokenBucket bucket() {
        return bucket;
    }

    AbuseWindow abuse() {
        return abuse;
    }

    long lastSeen() {
        return lastSeen;
    }

    void onActivity(long now) {
        lastSeen = Math.max(lastSeen, now);
    }
}
