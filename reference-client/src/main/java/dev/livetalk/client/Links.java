package dev.livetalk.client;

import dev.livetalk.protocol.LinkRole;

import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The connection slots of a session: one {@link LinkRole#MAIN}, or a {@link LinkRole#SEND}
 * and a {@link LinkRole#RECEIVE} one in split mode, each with its own backoff drawn from the
 * session's seeded random source.
 *
 * <p>Not thread-safe: owned by one session, on its owner thread.
 */
final class Links {
    private final Map<LinkRole, LinkState> byRole = new EnumMap<>(LinkRole.class);
    private final LinkState sender;
    private final LinkState receiver;
    private boolean started;

    Links(SessionConfig config, SplittableRandom random) {
        List<LinkRole> roles = config.split() ? List.of(LinkRole.SEND, LinkRole.RECEIVE) : List.of(LinkRole.MAIN);
        for (LinkRole role : roles) {
            byRole.put(role, new LinkState(role, new ReconnectBackoff(config.reconnectBase().toNanos(),
                    config.reconnectCap().toNanos(), random.split())));
        }
        sender = byRole.getOrDefault(LinkRole.MAIN, byRole.get(LinkRole.SEND));
        receiver = byRole.getOrDefault(LinkRole.MAIN, byRole.get(LinkRole.RECEIVE));
    }

    /** Asks for the first connection of every slot; only once. */
    void start(long now, List<SessionOutput> out, String user) {
        if (started) {
            throw new IllegalStateException("session of " + user + " already started");
        }
        started = true;
        byRole.values().forEach(state -> out.add(new SessionOutput.Connect(state.connect(now))));
    }

    Collection<LinkState> all() {
        return byRole.values();
    }

    /** The slot whose current connection is {@code link}, or {@code null} for a stale one. */
    LinkState current(Link link) {
        LinkState state = byRole.get(link.role());
        return state != null && state.isCurrent(link) ? state : null;
    }

    LinkState byRole(LinkRole role) {
        return byRole.get(role);
    }

    LinkState sender() {
        return sender;
    }

    LinkState receiver() {
        return receiver;
    }

    /** The earliest time any slot needs attention. */
    long deadline(long deadLinkTimeout) {
        long next = ClientSession.NO_DEADLINE;
        if (started) {
            for (LinkState state : byRole.values()) {
                next = Math.min(next, state.deadline(deadLinkTimeout));
            }
        }
        return next;
    }
}
