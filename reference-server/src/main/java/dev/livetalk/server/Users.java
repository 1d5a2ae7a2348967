package dev.livetalk.server;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The {@link UserLimits} of every user that holds a connection or still has limits to keep.
 * Sans-IO; touched only by the thread that calls {@link ServerCore}.
 */
final class Users {
    private final ServerConfig config;
    private final Map<String, UserLimits> byUser = new HashMap<>();

    Users(ServerConfig config) {
        this.config = config;
    }

    /** The limits of {@code user}, fresh ones for a user not seen (or forgotten). */
    UserLimits of(String user, long now) {
        return byUser.computeIfAbsent(user, u -> new UserLimits(config, now));
    }

    /** Connections {@code user} holds. */
    int connections(String user) {
        UserLimits limits = byUser.get(user);
        return limits == null ? 0 : limits.connections();
    }

    /** Forgets users whose limits say nothing any more; called on ticks. */
    void sweep(long now) {
        for (Iterator<UserLimits> it = byUser.values().iterator(); it.hasNext(); ) {
            if (it.next().isForgettable(now)) {
                it.remove();
            }
        }
    }

    /** Users whose limits are kept. */
    int size() {
        return byUser.size();
    }
}
