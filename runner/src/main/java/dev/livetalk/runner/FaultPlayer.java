package dev.livetalk.runner;

import dev.livetalk.network.toxiproxy.AppliedFault;
import dev.livetalk.network.toxiproxy.ToxiproxyNetwork;
import dev.livetalk.scenarios.ClientShape;
import dev.livetalk.scenarios.fault.FaultWindow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays a resolved fault schedule on the proxies: each window's toxics go on at its start
 * and come off at its end, on one thread named {@code livetalk-fault-player}, so that the
 * Toxiproxy API calls never hold up the clients. Records when each window really began and
 * ended.
 *
 * <p>Threads: {@link #start} and {@link #close} are called by the runner's thread; the
 * player thread applies and removes; {@link #played()} and {@link #activeCount()} may be
 * read from any thread.
 */
final class FaultPlayer implements AutoCloseable {
    private final ToxiproxyNetwork network;
    private final List<FaultWindow> windows;
    private final Map<String, Integer> clientIndex;
    private final ClientShape shape;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "livetalk-fault-player"));
    private final List<PlayedFault> played = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger active = new AtomicInteger();

    FaultPlayer(ToxiproxyNetwork network, List<FaultWindow> windows, Map<String, Integer> clientIndex,
                ClientShape shape) {
        this.network = network;
        this.windows = List.copyOf(windows);
        this.clientIndex = Map.copyOf(clientIndex);
        this.shape = shape;
    }

    /** Schedules every window; window times count from {@code zeroNanos} ({@link System#nanoTime()}). */
    void start(long zeroNanos) {
        for (FaultWindow window : windows) {
            long startAt = zeroNanos + window.start().toNanos();
            long endAt = zeroNanos + window.end().toNanos();
            List<FaultTranslation.Placement> placements = FaultTranslation.of(window, clientIndex, shape);
            thread.schedule(() -> play(window, placements, startAt, endAt), delay(startAt), TimeUnit.NANOSECONDS);
        }
    }

    /** Windows whose toxics are on now. */
    int activeCount() {
        return active.get();
    }

    /** What was played so far, in the order windows began. */
    List<PlayedFault> played() {
        synchronized (played) {
            return List.copyOf(played);
        }
    }

    private void play(FaultWindow window, List<FaultTranslation.Placement> placements, long startAt, long endAt) {
        long appliedAt = System.nanoTime();
        List<AppliedFault> applied = new ArrayList<>();
        try {
            for (FaultTranslation.Placement placement : placements) {
                applied.add(network.apply(placement.spec(), placement.links()));
            }
        } catch (RuntimeException e) {
            applied.forEach(network::remove);
            played.add(new PlayedFault(window, startAt, endAt, appliedAt, System.nanoTime(), e.toString()));
            return;
        }
        active.incrementAndGet();
        thread.schedule(() -> heal(window, applied, startAt, endAt, appliedAt), delay(endAt), TimeUnit.NANOSECONDS);
    }

    private void heal(FaultWindow window, List<AppliedFault> applied, long startAt, long endAt, long appliedAt) {
        String error = null;
        for (AppliedFault fault : applied) {
            try {
                network.remove(fault);
            } catch (RuntimeException e) {
                error = e.toString();
            }
        }
        active.decrementAndGet();
        played.add(new PlayedFault(window, startAt, endAt, appliedAt, System.nanoTime(), error));
    }

    private static long delay(long at) {
        return Math.max(0, at - System.nanoTime());
    }

    /** Cancels what has not begun and removes what is on. */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (AppliedFault fault : network.activeFaults()) {
            network.remove(fault);
        }
    }
}
