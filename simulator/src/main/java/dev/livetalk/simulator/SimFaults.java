package dev.livetalk.simulator;

import dev.livetalk.protocol.LinkRole;
import dev.livetalk.scenarios.ClientShape;
import dev.livetalk.scenarios.fault.DownFault;
import dev.livetalk.scenarios.fault.FaultWindow;
import dev.livetalk.scenarios.fault.LimitDataFault;
import dev.livetalk.scenarios.fault.LinkSelector;
import dev.livetalk.scenarios.fault.ResetPeerFault;
import dev.livetalk.scenarios.fault.TimeoutFault;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Plays a resolved fault schedule on the simulated links at exact virtual times: each window
 * goes on the {@link LinkSlot}s it targets at its start and comes off at its end. Frame-level
 * faults act in {@link SimNetwork#send}; the connection-level ones act here: down cuts the
 * open connections at once, reset-peer and timeout cut them after their timeout (and every
 * connection opened while they act, that long after it opened), limit-data starts counting.
 * A server-side window acts on every slot: the server's end of the network is all of them.
 *
 * <p>Single-threaded: the simulation thread.
 */
final class SimFaults {
    private SimFaults() {
    }

    /**
     * Schedules every window of {@code windows}, whose times count from {@code zero} on the
     * virtual clock, on the slots of {@code clients} (user to slots by role).
     */
    static void schedule(SimNetwork network, List<FaultWindow> windows, long zero,
                         Map<String, Map<LinkRole, LinkSlot>> clients, ClientShape shape) {
        for (FaultWindow window : windows) {
            List<LinkSlot> slots = targets(window, clients, shape);
            ActiveFault fault = new ActiveFault(window, zero + window.start().toNanos(), zero + window.end().toNanos());
            network.at(fault.start, now -> begin(network, fault, slots, now));
            network.at(fault.end, now -> slots.forEach(slot -> slot.faults.remove(fault)));
        }
    }

    private static void begin(SimNetwork network, ActiveFault fault, List<LinkSlot> slots, long now) {
        for (LinkSlot slot : slots) {
            slot.faults.add(fault);
            SimConnection current = slot.current;
            if (current != null && (current.clientOpen || current.serverOpen)) {
                onOpened(network, fault, current, now);
            }
        }
    }

    /**
     * What {@code fault} does to {@code connection}, open while it acts (from the fault's start,
     * or from the connection's opening during the window).
     */
    static void onOpened(SimNetwork network, ActiveFault fault, SimConnection connection, long now) {
        switch (fault.fault) {
            case DownFault down -> network.cut(connection);
            case ResetPeerFault reset -> cutLater(network, fault, connection, now + reset.timeout().toNanos());
            case TimeoutFault timeout -> {
                if (!timeout.timeout().isZero()) {
                    cutLater(network, fault, connection, now + timeout.timeout().toNanos());
                }
            }
            case LimitDataFault limit -> connection.resetCounts();
            default -> {
                // frame-level faults act in SimNetwork.send
            }
        }
    }

    private static void cutLater(SimNetwork network, ActiveFault fault, SimConnection connection, long at) {
        network.at(at, now -> {
            if (connection.slot.faults.contains(fault)) {
                network.cut(connection);
            }
        });
    }

    private static List<LinkSlot> targets(FaultWindow window, Map<String, Map<LinkRole, LinkSlot>> clients,
                                          ClientShape shape) {
        Iterable<String> users = window.serverSide() ? clients.keySet() : window.clients();
        LinkSelector link = window.serverSide() ? LinkSelector.BOTH : window.link();
        List<LinkSlot> slots = new ArrayList<>();
        for (String user : users) {
            Map<LinkRole, LinkSlot> byRole = clients.get(user);
            if (byRole == null) {
                throw new IllegalArgumentException("fault " + window.fault() + " targets an unknown client: " + user);
            }
            for (LinkRole role : link.roles(shape)) {
                slots.add(byRole.get(role));
            }
        }
        return List.copyOf(slots);
    }
}
