package dev.livetalk.simulator;

import dev.livetalk.protocol.Direction;

import dev.livetalk.client.Link;
import dev.livetalk.server.ConnectionId;

/**
 * One simulated connection: a {@link Link} of a client session on one side, a
 * {@link ConnectionId} of the server core on the other, and what is in flight between them.
 * Each end learns of a close on its own: a frame arriving at an end that is closed is lost.
 * Frames keep their order per direction (the arrival time of the last ordinary frame is the
 * earliest the next may arrive), except frames a reorder fault holds back.
 *
 * <p>Touched by the simulation thread only.
 */
final class SimConnection {
    final ConnectionId id;
    final Link link;
    final LinkSlot slot;
    boolean serverOpen = true;
    boolean clientOpen = true;
    long upTail;
    long downTail;
    long upBytes;
    long downBytes;

    SimConnection(ConnectionId id, Link link, LinkSlot slot) {
        this.id = id;
        this.link = link;
        this.slot = slot;
    }

    /** The earliest an ordinary frame sent now may arrive, and moves that mark to {@code at}. */
    long inOrder(Direction way, long at) {
        if (way == Direction.UPSTREAM) {
            upTail = Math.max(upTail, at);
            return upTail;
        }
        downTail = Math.max(downTail, at);
        return downTail;
    }

    /** Counts {@code bytes} towards a limit-data fault; returns the count so far. */
    long count(Direction way, long bytes) {
        if (way == Direction.UPSTREAM) {
            upBytes += bytes;
            return upBytes;
        }
        downBytes += bytes;
        return downBytes;
    }

    void resetCounts() {
        upBytes = 0;
        downBytes = 0;
    }
}
