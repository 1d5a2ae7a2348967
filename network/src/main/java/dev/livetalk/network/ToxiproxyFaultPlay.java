package dev.livetalk.network;

import dev.livetalk.network.toxiproxy.AppliedFault;
import dev.livetalk.network.toxiproxy.ToxiproxyNetwork;
import dev.livetalk.run.ClientLayout;
import dev.livetalk.run.FaultPlay;
import dev.livetalk.run.PlayedFault;
import dev.livetalk.run.RunFailure;
import dev.livetalk.scenarios.fault.FaultWindow;
import dev.livetalk.scenarios.fault.RestartFault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays a resolved fault schedule on the proxies: each window's toxics go on at its start
 * and come off at its end; a server fault's window acts on the server process instead
 * ({@link ServerFaults}: a restart's end is when the server listens again). Records when each
 * window really began and ended.
 *
 * <p>Threads: every Toxiproxy change is made on one thread named {@code toxiproxy-control},
 * which owns the applied faults; the run's threads never call Toxiproxy through this player,
 * so a slow or silent Toxiproxy holds up no client. Each change is bounded by the network's
 * API deadline; the first that fails (refused, or no answer within the deadline) completes
 * {@link #failure()} and the player plays nothing more. Server faults are played on a thread of
 * their own, {@code server-control} (a restart waits for the new server to listen, which must not
 * hold up the toxics), which owns the server process while the faults play; after a restart it
 * starts the server's next standby ({@link ServerProcess#standBy()}) {@link #STANDBY_SETTLE} later,
 * not while the clients reconnect, or sooner when the next restart is nearer than twice that.
 * {@link #start} and {@link #close} are
 * called by the runner's thread; {@link #played()}, {@link #active()} and {@link #failure()}
 * may be read from any thread.
 */
final class ToxiproxyFaultPlay implements FaultPlay {
    /**
     * How long after a restart the server's next standby is started: its warm-up takes a core for
     * a few seconds, which the reconnecting clients and the new server need more.
     */
    static final Duration STANDBY_SETTLE = Duration.ofSeconds(10);
    private final ToxiproxyNetwork network;
    private final List<FaultWindow> windows;
    private final ClientLayout layout;
    private final ServerProcess server;
    private final ScheduledThreadPoolExecutor serverThread = new ScheduledThreadPoolExecutor(1,
            r -> new Thread(r, "server-control"));
    private final ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1,
            r -> new Thread(r, "toxiproxy-control"));
    private final List<PlayedFault> played = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger active = new AtomicInteger();
    private final CompletableFuture<RunFailure> failure = new CompletableFuture<>();
    /** Faults on now, per window; touched only by the control thread (and by close after it ended). */
    private final List<AppliedFault> applied = new ArrayList<>();
    /** When the restart windows begin ({@link System#nanoTime()}), in order; set by {@link #start}. */
    private volatile long[] restartStarts = new long[0];

    /** @param server the server process to play server faults on, or {@code null} when the plan has none */
    ToxiproxyFaultPlay(ToxiproxyNetwork network, List<FaultWindow> windows, ClientLayout layout, ServerProcess server) {
        this.network = network;
        this.windows = List.copyOf(windows);
        this.layout = layout;
        this.server = server;
        // close() clears the queues and shuts down: a task one of them schedules in between must not run then
        serverThread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        if (server == null && ServerFaults.anyIn(windows)) {
            throw new IllegalArgumentException("server faults need the server as its own process");
        }
    }

    /** Schedules every window; window times count from {@code zeroNanos} ({@link System#nanoTime()}). */
    void start(long zeroNanos) {
        restartStarts = windows.stream().filter(window -> window.parameters() instanceof RestartFault)
                .mapToLong(window -> zeroNanos + window.start().toNanos()).sorted().toArray();
        for (FaultWindow window : windows) {
            long startAt = zeroNanos + window.start().toNanos();
            long endAt = zeroNanos + window.end().toNanos();
            if (window.kind().onServer()) {
                serverThread.schedule(() -> playOnServer(window, startAt, endAt), delay(startAt), TimeUnit.NANOSECONDS);
                continue;
            }
            List<FaultTranslation.Placement> placements = FaultTranslation.of(window, layout);
            thread.schedule(() -> play(window, placements, startAt, endAt), delay(startAt), TimeUnit.NANOSECONDS);
        }
    }

    /** Windows whose toxics are on now. */
    @Override
    public int active() {
        return active.get();
    }

    /** What was played so far, in the order windows ended. */
    @Override
    public List<PlayedFault> played() {
        synchronized (played) {
            return List.copyOf(played);
        }
    }

    /** Completes with the first fault change that failed; the run stops then. */
    @Override
    public CompletableFuture<RunFailure> failure() {
        return failure;
    }

    private void play(FaultWindow window, List<FaultTranslation.Placement> placements, long startAt, long endAt) {
        if (failure.isDone()) {
            return;
        }
        long appliedAt = System.nanoTime();
        List<AppliedFault> faults = new ArrayList<>();
        try {
            for (FaultTranslation.Placement placement : placements) {
                AppliedFault fault = network.apply(placement.spec(), placement.links());
                faults.add(fault);
                applied.add(fault);
            }
        } catch (RuntimeException e) {
            played.add(new PlayedFault(window, startAt, endAt, appliedAt, System.nanoTime(), e.getMessage()));
            fail("fault " + window.fault() + " could not be applied: " + e.getMessage());
            return;
        }
        active.incrementAndGet();
        thread.schedule(() -> heal(window, faults, startAt, endAt, appliedAt), delay(endAt), TimeUnit.NANOSECONDS);
    }

    private void heal(FaultWindow window, List<AppliedFault> faults, long startAt, long endAt, long appliedAt) {
        String error = null;
        for (AppliedFault fault : faults) {
            applied.remove(fault);
            if (error != null) {
                continue; // Toxiproxy failed once: closing the network deletes the proxies and their toxics
            }
            try {
                network.remove(fault);
            } catch (RuntimeException e) {
                error = e.getMessage();
            }
        }
        active.decrementAndGet();
        played.add(new PlayedFault(window, startAt, endAt, appliedAt, System.nanoTime(), error));
        if (error != null) {
            fail("fault " + window.fault() + " could not be removed: " + error);
        }
    }

    private void playOnServer(FaultWindow window, long startAt, long endAt) {
        if (failure.isDone()) {
            return;
        }
        long appliedAt = System.nanoTime();
        try {
            ServerFaults.begin(server, window.parameters());
        } catch (RuntimeException e) {
            played.add(new PlayedFault(window, startAt, endAt, appliedAt, System.nanoTime(), e.getMessage()));
            fail("fault " + window.fault() + " could not be applied to the server: " + e.getMessage());
            return;
        }
        active.incrementAndGet();
        serverThread.schedule(() -> healServer(window, startAt, endAt, appliedAt), delay(endAt), TimeUnit.NANOSECONDS);
    }

    private void healServer(FaultWindow window, long startAt, long endAt, long appliedAt) {
        String error = null;
        try {
            ServerFaults.end(server, window.parameters());
        } catch (RuntimeException e) {
            error = e.getMessage();
        }
        long endedAt = System.nanoTime();
        active.decrementAndGet();
        played.add(new PlayedFault(window, startAt, endAt, appliedAt, endedAt, error));
        if (error != null) {
            fail("fault " + window.fault() + " could not be ended on the server: " + error);
        } else if (window.parameters() instanceof RestartFault) {
            serverThread.schedule(this::standBy, delay(standbyAt(endedAt)), TimeUnit.NANOSECONDS);
        }
    }

    /** When to start the next standby after a restart that ended at {@code endedAt}. */
    private long standbyAt(long endedAt) {
        long settle = STANDBY_SETTLE.toNanos();
        long at = endedAt + settle;
        for (long next : restartStarts) {
            if (next > endedAt) {
                at = Math.min(at, next - settle);
                break;
            }
        }
        return Math.max(endedAt, at);
    }

    private void standBy() {
        if (failure.isDone()) {
            return;
        }
        try {
            server.standBy();
        } catch (RuntimeException e) {
            fail("the server's standby for the next restart could not be started: " + e.getMessage());
        }
    }

    private void fail(String why) {
        if (failure.complete(new RunFailure(why))) {
            thread.shutdownNow(); // nothing more is played on a Toxiproxy that failed
            serverThread.shutdownNow();
        }
    }

    private static long delay(long at) {
        return Math.max(0, at - System.nanoTime());
    }

    /**
     * Cancels what has not begun and, unless a change failed, removes what is on; lets a change
     * in progress finish, waiting for it at most the network's deadline times the proxies it
     * touches (each call has the deadline) and a second more.
     *
     * @throws RunFailure when the control thread did not stop in that time, or a removal failed
     */
    @Override
    public void close() {
        thread.getQueue().clear(); // what has not begun is cancelled; a change in progress finishes
        thread.shutdown();
        serverThread.getQueue().clear(); // the server's state at the end does not matter: the stage closes it
        serverThread.shutdown();
        long wait = network.deadline().toMillis() * Math.max(1, layout.linkCount() * 2) + 1_000;
        long serverWait = ServerProcess.START_DEADLINE.plus(ServerProcess.STOP_DEADLINE).toMillis();
        try {
            if (!thread.awaitTermination(wait, TimeUnit.MILLISECONDS)) {
                throw new RunFailure("the toxiproxy-control thread did not stop within " + wait + " ms");
            }
            if (!serverThread.awaitTermination(serverWait, TimeUnit.MILLISECONDS)) {
                throw new RunFailure("the server-control thread did not stop within " + serverWait + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunFailure("interrupted while the toxiproxy-control thread stopped");
        }
        if (failure.isDone()) {
            return; // the network's close deletes the proxies, and their toxics with them
        }
        for (AppliedFault fault : List.copyOf(applied)) {
            applied.remove(fault);
            try {
                network.remove(fault);
            } catch (NetworkBackendException e) {
                throw new RunFailure("a fault on at the run's end could not be removed: " + e.getMessage());
            }
        }
    }
}
