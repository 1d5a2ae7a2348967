package dev.livetalk.client;

import dev.livetalk.protocol.LinkRole;

import java.util.HashSet;
import java.util.Set;

/**
 * One connection slot of a session: its phase, heartbeat times, reconnect time and the rooms
 * joined on the current connection.
 *
 * <p>Not thread-safe: owned by one session, on its owner thread.
 */
final class LinkState {
    /** Where the connection is in its life. */
    enum Phase {
        /** No connection; the next attempt is at {@code reconnectAt}. */
        DOWN,
        /** A {@code Connect} was asked for; waiting for {@code onConnected}. */
        CONNECTING,
        /** Connected, hello sent, waiting for the welcome. */
        HANDSHAKING,
        /** Welcomed: usable. */
        READY
    }

    /** What a link needs at a given time. */
    enum Action {
        /** Nothing is due. */
        NOTHING,
        /** The backoff passed: connect again. */
        RECONNECT,
        /** Send a heartbeat ping. */
        PING,
        /** Nothing heard for too long: the link is dead. */
        DEAD
    }

    final LinkRole role;
    final ReconnectBackoff backoff;
    final Set<String> joined = new HashSet<>();
    Link link;
    Phase phase = Phase.DOWN;
    long reconnectAt;
    /** When the current attempt began connecting, then when its handshake began. */
    long since;
    long lastHeard;
    long nextPingAt;
    boolean sendSideUp;

    LinkState(LinkRole role, ReconnectBackoff backoff) {
        this.role = role;
        this.backoff = backoff;
    }

    /** Starts a new connection attempt: a new generation. */
    Link connect(long now) {
        link = new Link(role, link == null ? 1 : link.generation() + 1);
        phase = Phase.CONNECTING;
        since = now;
        joined.clear();
        sendSideUp = false;
        return link;
    }

    /** Whether {@code other} is the current connection of this slot. */
    boolean isCurrent(Link other) {
        return link != null && link.equals(other) && phase != Phase.DOWN;
    }

    boolean isReady() {
        return phase == Phase.READY;
    }

    /** What is due at {@code now}; a ping due moves the next ping one interval on. */
    Action poll(long now, long heartbeat, long deadLinkTimeout) {
        return switch (phase) {
            case DOWN -> now >= reconnectAt ? Action.RECONNECT : Action.NOTHING;
            case CONNECTING -> now - since >= deadLinkTimeout ? Action.DEAD : Action.NOTHING;
            case HANDSHAKING, READY -> {
                if (now - lastHeard >= deadLinkTimeout
                        || phase == Phase.HANDSHAKING && now - since >= deadLinkTimeout) {
                    yield Action.DEAD;
                }
                if (now < nextPingAt) {
                    yield Action.NOTHING;
                }
                nextPingAt = now + heartbeat;
                yield Action.PING;
            }
        };
    }

    /** When the session must look at this link next. */
    long deadline(long deadLinkTimeout) {
        return switch (phase) {
            case DOWN -> reconnectAt;
            case CONNECTING -> since + deadLinkTimeout;
            case HANDSHAKING -> Math.min(nextPingAt, Math.min(lastHeard, since) + deadLinkTimeout);
            case READY -> Math.min(nextPingAt, lastHeard + deadLinkTimeout);
        };
    }
}
