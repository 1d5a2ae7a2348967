package dev.livetalk.simulator;

import dev.livetalk.protocol.Direction;

import dev.livetalk.client.Link;
import dev.livetalk.protocol.LinkRole;
import dev.livetalk.scenarios.fault.DownFault;
import dev.livetalk.scenarios.fault.PartitionFault;
import dev.livetalk.scenarios.fault.StallFault;
import dev.livetalk.scenarios.fault.TimeoutFault;

import java.util.ArrayList;
import java.util.List;

/**
 * The network path of one connection role of one client (what a Toxiproxy proxy is in the
 * real runner): the faults acting on it and its current connection. Reconnects of that role
 * go through the same slot, so a fault window outlives the connections it kills.
 *
 * <p>Touched by the simulation thread only.
 */
final class LinkSlot {
    final SimClient client;
    final LinkRole role;
    final List<ActiveFault> faults = new ArrayList<>(2);
    SimConnection current;
    /** A connection attempt the client gave up on before it was accepted. */
    Link abandoned;

    LinkSlot(SimClient client, LinkRole role) {
        this.client = client;
        this.role = role;
    }

    /** A down fault is on: connections are cut and new ones refused. */
    boolean refusing() {
        for (ActiveFault fault : faults) {
            if (fault.fault instanceof DownFault) {
                return true;
            }
        }
        return false;
    }

    /** Frames (and closes) travelling {@code way} vanish: a partition, or a timeout toxic's silence. */
    boolean blackholed(Direction way) {
        for (ActiveFault fault : faults) {
            if ((fault.fault instanceof PartitionFault || fault.fault instanceof TimeoutFault) && fault.acts(way)) {
                return true;
            }
        }
        return false;
    }

    /**
     * When the timeout faults acting now close a connection opened at {@code now}: the earliest of
     * each one's timeout after {@code now} (none when 0) and its end (Toxiproxy's timeout toxic
     * closes its connections when it is removed); {@code Long.MAX_VALUE} when none acts.
     */
    long timeoutCloses(long now) {
        long closes = Long.MAX_VALUE;
        for (ActiveFault fault : faults) {
            if (fault.fault instanceof TimeoutFault timeout) {
                long at = timeout.timeout().isZero() ? fault.end : Math.min(fault.end, now + timeout.timeout().toNanos());
                closes = Math.min(closes, at);
            }
        }
        return closes;
    }

    /** The end of the latest stall acting now, or {@code Long.MIN_VALUE} when none is on. */
    long stalledUntil() {
        long until = Long.MIN_VALUE;
        for (ActiveFault fault : faults) {
            if (fault.fault instanceof StallFault) {
                until = Math.max(until, fault.end);
            }
        }
        return until;
    }

    @Override
    public String toString() {
        return client.linkName(role);
    }
}
