package dev.livetalk.simulator;

import dev.livetalk.protocol.LinkRole;
import dev.livetalk.run.ClientLayout;
import dev.livetalk.run.FaultPlay;
import dev.livetalk.run.PlayedFault;
import dev.livetalk.run.RunFailure;
import dev.livetalk.scenarios.fault.DownFault;
import dev.livetalk.scenarios.fault.FaultWindow;
import dev.livetalk.scenarios.fault.LimitDataFault;
import dev.livetalk.scenarios.fault.ResetPeerFault;
import dev.livetalk.scenarios.fault.TimeoutFault;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Plays a resolved fault schedule on the simulated links at exact virtual times: each window
 * goes on the {@link LinkSlot}s of the links it targets ({@link ClientLayout#targets}) at its
 * start and comes off at its end. Frame-level faults act in {@link SimNetwork#send}; the
 * connection-level ones act here: down cuts the open connections at once, reset-peer and
 * timeout cut them after their timeout (and every connection opened while they act, that long
 * after it opened), timeout also cuts those still open at its end (as Toxiproxy's timeout toxic
 * closes its connections when it is removed), limit-data starts counting. A fault on the server process ({@code restart},
 * {@code pause}, {@code slow-commit}) goes on no link: it acts on the server
 * ({@link SimNetwork#beginOnServer}) from its start to its end. Nothing can fail to apply, so
 * {@link #failure()} never completes, and a window is played exactly as planned.
 *
 * <p>Single-threaded: the simulation thread, except {@link #active()} (any thread).
 */
final class SimFaults implements FaultPlay {
    private final SimNetwork network;
    private final List<ActiveFault> begun = new ArrayList<>();
    private final CompletableFuture<RunFailure> never = new CompletableFuture<>();
    private volatile int active;
    private boolean closed;
    private long closedAt = Long.MAX_VALUE;

    /**
     * Schedules every window of {@code windows}, whose times count from {@code zero} on the
     * virtual clock, on the links of {@code layout}'s clients ({@code clients}: by user).
     */
    SimFaults(SimNetwork network, List<FaultWindow> windows, long zero, ClientLayout layout,
              Function<String, SimClient> clients) {
        this.network = network;
        for (FaultWindow window : windows) {
            List<LinkSlot> slots = slots(layout.targets(window), clients);
            ActiveFault fault = new ActiveFault(window, zero + window.start().toNanos(), zero + window.end().toNanos());
            network.at(fault.start, now -> begin(fault, slots, now));
            network.at(fault.end, now -> end(fault, slots));
        }
    }

    @Override
    public int active() {
        return active;
    }

    @Override
    public CompletableFuture<RunFailure> failure() {
        return never;
    }

    /** The windows that began, in schedule order, at their planned virtual times (cut short by {@link #close()}). */
    @Override
    public List<PlayedFault> played() {
        List<PlayedFault> played = new ArrayList<>(begun.size());
        for (ActiveFault fault : begun) {
            played.add(new PlayedFault(fault.window, fault.start, fault.end, fault.start,
                    Math.min(fault.end, closedAt), null));
        }
        return played;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            closedAt = network.now();
        }
    }

    private void begin(ActiveFault fault, List<LinkSlot> slots, long now) {
        if (closed) {
            return;
        }
        begun.add(fault);
        active++;
        if (fault.window.kind().onServer()) {
            network.beginOnServer(fault);
            return;
        }
        for (LinkSlot slot : slots) {
            slot.faults.add(fault);
            SimConnection current = slot.current;
            if (current != null && (current.clientOpen || current.serverOpen)) {
                onOpened(network, fault, current, now);
            }
        }
    }

    private void end(ActiveFault fault, List<LinkSlot> slots) {
        if (closed) {
            return;
        }
        slots.forEach(slot -> slot.faults.remove(fault));
        if (fault.fault instanceof TimeoutFault) {
            // Toxiproxy's timeout toxic closes every connection it stood on when it is removed (its Cleanup
            // closes the stub): one opened during the window, its frames swallowed, does not live on silent
            for (LinkSlot slot : slots) {
                SimConnection current = slot.current;
                if (current != null && (current.clientOpen || current.serverOpen)) {
                    network.cut(current);
                }
            }
        }
        active--;
        if (fault.window.kind().onServer()) {
            network.endOnServer(fault);
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

    private static List<LinkSlot> slots(Map<ClientLayout.Client, List<LinkRole>> targets,
                                        Function<String, SimClient> clients) {
        List<LinkSlot> slots = new ArrayList<>();
        targets.forEach((client, roles) -> roles.forEach(role -> slots.add(clients.apply(client.user()).slot(role))));
        return List.copyOf(slots);
    }
}
