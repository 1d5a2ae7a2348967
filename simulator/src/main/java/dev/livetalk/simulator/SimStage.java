package dev.livetalk.simulator;

import dev.livetalk.client.ClientSession;
import dev.livetalk.client.Throwables;
import dev.livetalk.run.FaultPlay;
import dev.livetalk.run.Host;
import dev.livetalk.run.RunFailure;
import dev.livetalk.run.RunPlan;
import dev.livetalk.run.SimulatedUser;
import dev.livetalk.run.Stage;
import dev.livetalk.scenarios.fault.FaultWindow;
import dev.livetalk.server.ServerConfig;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * One strategy's run in the simulator: one server ({@link SimServer}: a {@code ServerCore} that
 * server faults restart, pause and slow down), the simulated network and the
 * hosted clients on an {@link EventLoop}, the clock of the run being its virtual time. All
 * randomness of the network comes from one {@link SplittableRandom} seeded with the run's
 * seed (the load, the fault schedule and the sessions have their own streams of it), so
 * nothing here depends on the machine: one seed, one trace. Time moves only in
 * {@link #runUntil}, which runs the loop on the calling thread.
 *
 * <p>Single-threaded: the thread that opened it; every action, every host's lane, runs there.
 */
final class SimStage implements Stage {
    /** Virtual time between two looks at the thread's interrupt status (and at the wall clock, for progress). */
    private static final long CHECK_EVERY = Duration.ofSeconds(1).toNanos();
    private static final long PROGRESS_EVERY = Duration.ofSeconds(1).toNanos();
    /** Keeps the network's random stream apart from the load's and the fault schedule's. */
    private static final long NETWORK_STREAM = 0x5349_4d5f_4e45_5457L;

    private final RunPlan plan;
    private final String strategy;
    private final LongSupplier wallClock;
    private final EventLoop loop = new EventLoop();
    private final NetworkStats stats = new NetworkStats();
    private final SimNetwork network;
    private final Map<String, SimClient> clients = new HashMap<>();
    private final long openedAt;
    private long closedAt = -1;
    private long lastProgress;
    private final long watchEvery;
    private final VirtualClockWatch watch;
    private long nextWatch;

    SimStage(RunPlan plan, String strategy, SimSettings settings, ServerConfig server, LongSupplier wallClock) {
        this(plan, strategy, settings, server, wallClock, Long.MAX_VALUE, null);
    }

    /** With {@code watch} told every {@code watchEvery} ns of virtual time (none when {@code null}). */
    SimStage(RunPlan plan, String strategy, SimSettings settings, ServerConfig server, LongSupplier wallClock,
             long watchEvery, VirtualClockWatch watch) {
        this.plan = plan;
        this.strategy = strategy;
        this.wallClock = wallClock;
        this.watchEvery = watchEvery;
        this.watch = watch;
        this.nextWatch = watchEvery;
        this.openedAt = wallClock.getAsLong();
        this.lastProgress = openedAt;
        long seed = plan.seed();
        network = new SimNetwork(loop, new SplittableRandom(seed ^ NETWORK_STREAM), settings, server,
                "sim-" + Long.toHexString(seed), stats);
        network.startTicking(settings.serverTick().toNanos());
    }

    @Override
    public long now() {
        return loop.now();
    }

    @Override
    public Host host(SimulatedUser user, ClientSession session) {
        SimClient client = new SimClient(user, session, network, loop);
        if (clients.putIfAbsent(user.user(), client) != null) {
            throw new IllegalArgumentException("a stage hosts one client per user: " + user.user() + " is hosted already");
        }
        return client;
    }

    /**
     * Runs the loop until {@code done} completes or nothing is due before {@code deadline}, one
     * virtual second at a time: between seconds it stops with an {@link InterruptedException}
     * (the thread's interrupt status cleared, as every blocking call does) when the thread was
     * interrupted, and calls {@code everySecond} when a second of wall time has
     * passed since it last did. An action that throws is a harness failure at its virtual time.
     */
    @Override
    public boolean runUntil(CompletableFuture<?> done, long deadline, Runnable everySecond)
            throws InterruptedException {
        try {
            while (!done.isDone()) {
                if (loop.now() >= deadline) {
                    return false;
                }
                loop.runUntil(done::isDone, Math.min(deadline, loop.now() + CHECK_EVERY));
                if (Thread.interrupted()) {
                    throw new InterruptedException(strategy + ": the simulation was interrupted at virtual time "
                            + Duration.ofNanos(loop.now()));
                }
                progress(everySecond);
                watch();
            }
            return true;
        } catch (RunFailure e) {
            throw e;
        } catch (RuntimeException | Error e) {
            // an Error too, of a strategy's making: a plugged-in jar without a class it uses (LinkageError), a
            // StackOverflowError, an AssertionError; an OutOfMemoryError goes on to the runner's heap stop
            if (!Throwables.recoverable(e)) {
                throw e;
            }
            RunFailure failure = new RunFailure(strategy + ": the simulation failed at virtual time "
                    + Duration.ofNanos(loop.now()) + " (seed " + plan.seed() + "): " + e);
            failure.initCause(e);
            throw failure;
        }
    }

    private void watch() {
        while (watch != null && loop.now() >= nextWatch) {
            long at = nextWatch;
            nextWatch += watchEvery;
            watch.onVirtualTime(at);
        }
    }

    private void progress(Runnable everySecond) {
        long wall = wallClock.getAsLong();
        if (wall - lastProgress >= PROGRESS_EVERY) {
            lastProgress = wall;
            everySecond.run();
        }
    }

    @Override
    public FaultPlay playFaults(List<FaultWindow> windows, long zero) {
        return new SimFaults(network, windows, zero, plan.layout(), this::client);
    }

    private SimClient client(String user) {
        SimClient client = clients.get(user);
        if (client == null) {
            throw new IllegalArgumentException("no client of " + user + " is hosted: faults play after every client is");
        }
        return client;
    }

    @Override
    public long transportErrors() {
        return stats.transportErrors();
    }

    /** {@code simulated 9.0 s in 0.02 s (922 deliveries, 0.05 M/s)}: virtual time, wall time, frames delivered. */
    @Override
    public String summary() {
        long wall = wallNanos();
        return String.format(Locale.ROOT, "simulated %.1f s in %.2f s (%,d deliveries, %.2f M/s)", loop.now() / 1e9,
                wall / 1e9, stats.deliveries(), stats.deliveries() * 1e3 / Math.max(1, wall));
    }

    @Override
    public void close() {
        if (closedAt < 0) {
            closedAt = wallClock.getAsLong();
            if (watch != null) {
                watch.onClosed(loop.now());
            }
        }
    }

    /** What the network did so far. */
    NetworkStats stats() {
        return stats;
    }

    /** Whether the frames go through the protocol's codec on their way. */
    boolean coded() {
        return network.coded();
    }

    /** Event-loop actions run so far. */
    long executed() {
        return loop.executed();
    }

    /** Wall time from opening to closing (or to now, while open). */
    long wallNanos() {
        return (closedAt < 0 ? wallClock.getAsLong() : closedAt) - openedAt;
    }
}
