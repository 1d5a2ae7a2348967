package dev.livetalk.run;

import dev.livetalk.client.ClientSession;
import dev.livetalk.client.strategy.Strategies;
import dev.livetalk.metrics.trace.InterimTap;
import dev.livetalk.metrics.trace.RoomSlices;
import dev.livetalk.metrics.trace.TraceRecorder;
import dev.livetalk.metrics.trace.TraceWindow;
import dev.livetalk.protocol.Message;
import dev.livetalk.scenarios.Scenario;
import dev.livetalk.server.CommitListener;
import dev.livetalk.client.SessionConfig;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Plays one strategy of a plan on a backend, the same way on every backend: a fresh server and
 * one client per user of the layout, every client connected and joined; then the open-model
 * load through warm-up and duration with the fault schedule, each user reading every
 * {@code readEvery}; then quiescence, and the final transcripts at the run's end. Records the
 * trace on the stage's clock.
 *
 * <p>Threads: {@link #play()} runs on the caller's thread, which waits (or, in the simulator,
 * runs the simulation); each lane's share of the load, its users' reading and their final
 * transcripts run on that lane ({@link Host#lane()}); commits are recorded on the server's
 * threads. An instance plays once.
 */
public final class StrategyPlay {
    /** How long after the run's end the lanes may take to finish before the harness gives up. */
    private static final Duration FINISH_SLACK = Duration.ofSeconds(30);
    /** The interim figures' period, on the stage's clock. */
    static final long MINUTE = Duration.ofMinutes(1).toNanos();

    private final Backend backend;
    private final RunPlan plan;
    private final String strategy;
    private final RunSettings settings;
    private final RunProgress progress;
    private final MemoryGuard guard;
    private final CompletableFuture<MemoryGuard.HeapUse> heapFull = new CompletableFuture<>();
    /** Set when the heap guard ended the run early: why, for the results; read after {@link #play()}. */
    private volatile String stoppedEarly;
    /** Interim minutes told so far; written by the minute action. */
    private volatile int minutesTold;
    /** Set once the run is cut short: the lanes send no more. */
    private volatile boolean cut;
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final AtomicInteger joining = new AtomicInteger();
    private final CompletableFuture<Void> allJoined = new CompletableFuture<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong committed = new AtomicLong();
    private final AtomicReference<TraceRecorder> recorder = new AtomicReference<>();
    /** The stage while the run plays; {@code null} before and once it is closed ({@link #summary} is kept). */
    private final AtomicReference<Stage> stage = new AtomicReference<>();
    /** What the stage said about itself when it closed. */
    private volatile String summary;
    private boolean played;
    /** The epoch of the server's latest start before the recording began; guarded by {@code this}. */
    private String startedBeforeLoad;

    public StrategyPlay(Backend backend, RunPlan plan, String strategy, RunSettings settings, RunProgress progress) {
        this(backend, plan, strategy, settings, progress, MemoryGuard.NONE);
    }

    /**
     * A play that ends early, measured as far as it went, when {@code guard} trips (the heap is
     * nearly full): {@link #stoppedEarly()} then says why.
     */
    public StrategyPlay(Backend backend, RunPlan plan, String strategy, RunSettings settings, RunProgress progress,
                        MemoryGuard guard) {
        this.guard = guard;
        this.backend = backend;
        this.plan = plan;
        this.strategy = strategy;
        this.settings = settings;
        this.progress = progress;
    }

    /**
     * Plays the run and returns its record, the trace read back once the clients and the server
     * are closed; throws {@link RunFailure} when the harness failed.
     */
    public RunRecord play() throws IOException, InterruptedException {
        return finishing((record, trace) -> record.withTrace(trace.build()));
    }

    /**
     * Plays the run and returns only its trace's digest ({@link TraceRecorder#digest()}), without
     * reading the trace back: what a determinism self-check needs of its second play.
     */
    public String playDigest() throws IOException, InterruptedException {
        return finishing((record, trace) -> record.digest());
    }

    /**
     * Plays the run, then hands {@code measure} its record (without the trace) and the trace one
     * room at a time, each room read from disk when asked for ({@link TraceRecorder#slices()}), so
     * that no more than one room's trace is in memory; the trace on disk is deleted afterwards.
     */
    public <T> T play(RoomMeasure<T> measure) throws IOException, InterruptedException {
        return finishing((record, trace) -> measure.apply(record, trace.slices()));
    }

    /** What is done with a played run's record and its trace, one room at a time. */
    @FunctionalInterface
    public interface RoomMeasure<T> {
        T apply(RunRecord record, RoomSlices slices) throws IOException, InterruptedException;
    }

    /** Done with a played run while its trace is still on disk. */
    @FunctionalInterface
    private interface Finish<T> {
        T apply(RunRecord record, TraceRecorder trace) throws IOException, InterruptedException;
    }

    private <T> T finishing(Finish<T> finish) throws IOException, InterruptedException {
        if (played) {
            throw new IllegalStateException("a strategy play runs once: " + plan.scenario().name() + " " + strategy);
        }
        played = true;
        try {
            // played in a frame of its own: once it returns, nothing of this method's reaches the clients, the
            // server or the stage (a local of a running method stays a root), and the measurement does not hold
            // a whole played run's clients and server beside the trace
            RunRecord record = playRecorded();
            return finish.apply(record, recorder.get());
        } finally {
            TraceRecorder trace = recorder.get();
            if (trace != null) {
                trace.close();
            }
        }
    }

    /** Plays the run into a new trace ({@link #recorder}) and closes the clients, the server and the stage. */
    private RunRecord playRecorded() throws IOException, InterruptedException {
        Scenario scenario = plan.scenario();
        var server = RunSetup.server(scenario).commitListener(new CommitListener() {
            @Override
            public void onCommit(Message message) {
                onCommitted(null, message);
            }

            @Override
            public void onCommit(String epoch, Message message) {
                onCommitted(epoch, message);
            }

            @Override
            public void onStart(String epoch) {
                onServerStarted(epoch);
            }

            @Override
            public void onRequest(String type) {
                TraceRecorder trace = recorder.get();
                Stage current = stage.get();
                if (trace != null && current != null) { // requests while clients connect are not recorded
                    trace.onServerRequest(type, current.now());
                }
            }
        }).build();
        Played played;
        Stage opened = backend.open(plan, strategy, server, this::onFailure);
        try (opened) {
            stage.set(opened);
            Map<String, Hosted> clients = connect(opened);
            awaitJoined(opened, clients);
            long loadStart = opened.now();
            long faultZero = loadStart + scenario.warmup().toNanos();
            // the interim figures cost CPU on every delivery: only where someone listens (not a self-check replay)
            InterimTap tap = progress == RunProgress.NONE ? null : new InterimTap();
            TraceRecorder trace = new TraceRecorder(strategy, faultZero, tap); // record() hands it to the recorder
            played = record(opened, clients, loadStart, faultZero, trace, tap);
        } finally {
            // the stage holds every client and the server: what is kept of it is what it said of itself
            summary = opened.summary();
            stage.set(null);
        }
        // the clients and the server are closed and their memory free: the trace is read now
        return new RunRecord(null, played.welcomes(), played.faults(), played.transportErrors(),
                recorder.get().digest());
    }

    /** What the harness saw of a run besides its trace. */
    private record Played(Map<String, Integer> welcomes, List<PlayedFault> faults, long transportErrors) {
    }

    /** Plays the load and the faults into {@code trace} and seals it once the run is quiet. */
    private Played record(Stage opened, Map<String, Hosted> clients, long loadStart, long faultZero,
                          TraceRecorder trace, InterimTap tap) throws InterruptedException {
        synchronized (this) {
            if (startedBeforeLoad != null) {
                trace.onServerStarted(startedBeforeLoad, loadStart);
            }
            recorder.set(trace);
        }
        clients.values().forEach(c -> c.user.recordInto(trace));
        FaultPlay play = opened.playFaults(plan.faults().windows(), faultZero);
        Runnable stopListening = guard.onTrip(heapFull::complete);
        try (play) {
            runUntilQuiet(opened, clients, loadStart, play, tap);
        } finally {
            stopListening.run();
        }
        // read once the faults are closed: a change in progress at the run's end is in
        List<PlayedFault> faults = play.played();
        for (PlayedFault fault : faults) {
            trace.onFaultWindow(new TraceWindow(fault.window().fault(), fault.window().occurrence(),
                    fault.appliedAt(), fault.removedAt(), fault.window().clients(), fault.window().serverSide(),
                    fault.window().kind().yamlName()));
            if (fault.error() != null) {
                failures.add(new RunFailure("fault " + fault.window().fault() + " failed: " + fault.error()));
            }
        }
        if (!failures.isEmpty()) {
            rethrowOutOfMemory();
            RunFailure failure = new RunFailure(strategy + ": the harness failed during the run: " + failures.get(0));
            failures.stream().skip(1).forEach(failure::addSuppressed);
            throw failure;
        }
        Map<String, Integer> welcomes = new LinkedHashMap<>();
        clients.forEach((user, c) -> welcomes.put(user, c.user.welcomes()));
        trace.seal(); // what the clients and the server do while the harness closes them is not part of the run
        return new Played(welcomes, faults, opened.transportErrors());
    }

    /**
     * Why the run ended before its end, once played: {@code "heap used 92% of max 12 GB after
     * minute 17"}; empty when it ran to its end.
     */
    public java.util.Optional<String> stoppedEarly() {
        return java.util.Optional.ofNullable(stoppedEarly);
    }

    /** What the stage said about itself, once played (for progress), or {@code null}. */
    public String summary() {
        Stage current = stage.get();
        return current == null ? summary : current.summary();
    }

    /** A client of the run: the simulated user and its host. */
    private record Hosted(SimulatedUser user, Host host) {
    }

    private Map<String, Hosted> connect(Stage opened) {
        Scenario scenario = plan.scenario();
        Strategies strategies = settings.strategies();
        Map<String, Hosted> clients = new LinkedHashMap<>();
        List<ClientLayout.Client> layout = plan.layout().clients();
        joining.set(layout.size());
        if (layout.isEmpty()) {
            allJoined.complete(null);
        }
        for (ClientLayout.Client client : layout) {
            SimulatedUser user = new SimulatedUser(client, this::onClientJoined);
            SessionConfig config = RunSetup.session(scenario, client, strategy, plan.seed(), settings);
            ClientSession session = new ClientSession(config,
                    strategies.create(config.strategy(), config.strategySettings()), user);
            clients.put(client.user(), new Hosted(user, opened.host(user, session)));
        }
        clients.values().forEach(c -> c.host.start());
        return clients;
    }

    private void awaitJoined(Stage opened, Map<String, Hosted> clients) throws InterruptedException {
        Duration timeout = settings.startupTimeout();
        boolean joined = opened.runUntil(allJoined, opened.now() + timeout.toNanos(), () -> { });
        if (allJoined.isCompletedExceptionally()) {
            rethrowOutOfMemory();
            throw new RunFailure(strategy + ": a client failed while connecting: " + failures.get(0));
        }
        if (!joined) {
            long waiting = clients.values().stream().filter(c -> !c.user.hasJoinedAll()).count();
            throw new RunFailure(strategy + ": " + waiting + " of " + clients.size()
                    + " clients had not joined their rooms after " + timeout + " (seed " + plan.seed() + ")");
        }
    }

    private void runUntilQuiet(Stage opened, Map<String, Hosted> clients, long loadStart, FaultPlay faults,
                               InterimTap tap) throws InterruptedException {
        Scenario scenario = plan.scenario();
        long end = loadStart + scenario.runLength().toNanos();
        Map<Integer, List<Hosted>> lanes = new TreeMap<>();
        clients.values().forEach(c -> lanes.computeIfAbsent(c.host.lane(), lane -> new ArrayList<>()).add(c));
        // every lane's final transcripts, and the last interim minute where the run has minutes
        boolean minutes = tap != null && !lanes.isEmpty() && end - loadStart >= MINUTE;
        AtomicInteger unfinished = new AtomicInteger(lanes.size() + (minutes ? 1 : 0));
        CompletableFuture<Void> allFinished = new CompletableFuture<>();
        Runnable finishedOne = () -> {
            if (unfinished.decrementAndGet() == 0) {
                allFinished.complete(null);
            }
        };
        if (lanes.isEmpty()) {
            allFinished.complete(null);
        }
        List<Map<String, Hosted>> hostedByLane = new ArrayList<>();
        for (List<Hosted> lane : lanes.values()) {
            Map<String, Hosted> hosted = new LinkedHashMap<>();
            lane.forEach(c -> hosted.put(c.user.user(), c));
            hostedByLane.add(hosted);
            new LanePlayer(plan.load().stream().filter(s -> hosted.containsKey(s.user())).iterator(),
                    hosted, loadStart, lane.get(0).host).start();
        }
        scheduleReading(new ArrayList<>(clients.values()), loadStart, end);
        for (Map<String, Hosted> hosted : hostedByLane) {
            hosted.values().iterator().next().host.at(end, now -> {
                if (cut) {
                    return; // the final transcripts were taken when the run was cut short
                }
                hosted.values().forEach(c -> c.host.act(c.user::recordFinalTranscripts));
                finishedOne.run();
            });
        }
        if (minutes) {
            scheduleMinute(hostedByLane.get(0).values().iterator().next().host, tap, loadStart, end, 1, finishedOne);
        }
        CompletableFuture<Object> finishedOrFailed = CompletableFuture.anyOf(allFinished, faults.failure(), heapFull);
        Runnable status = () -> progress.onStatus(new RunProgress.Status(scenario.name(), strategy,
                opened.now() - loadStart, end - loadStart, faults.active(), sent.get(), committed.get()));
        boolean done = opened.runUntil(finishedOrFailed, end + FINISH_SLACK.toNanos(), status);
        if (heapFull.isDone() && !allFinished.isDone() && faults.failure().getNow(null) == null) {
            done = cutShort(opened, hostedByLane, heapFull.join(), status);
        }
        long stoppedAt = cut ? opened.now() : end;
        RunFailure failed = faults.failure().getNow(null);
        if (failed != null) {
            throw new RunFailure(strategy + ": stopped at " + seconds(opened.now() - loadStart) + " of "
                    + seconds(end - loadStart) + ": " + failed.getMessage());
        }
        if (!done) {
            rethrowOutOfMemory();
            throw new RunFailure(strategy + ": the clients did not finish within " + FINISH_SLACK.toSeconds()
                    + " s of the run's end" + (failures.isEmpty() ? "" : "; first failure: " + failures.get(0)));
        }
        progress.onStatus(new RunProgress.Status(scenario.name(), strategy, stoppedAt - loadStart, end - loadStart,
                0, sent.get(), committed.get()));
    }

    /**
     * Ends the run now because the heap is nearly full: the lanes stop sending and take their
     * final transcripts now, so that the run is measured as far as it went.
     */
    private boolean cutShort(Stage opened, List<Map<String, Hosted>> hostedByLane, MemoryGuard.HeapUse heap,
                             Runnable status) throws InterruptedException {
        cut = true;
        int minute = minutesTold;
        stoppedEarly = heap.sentence() + (minute == 0 ? " in the first minute" : " after minute " + minute);
        progress.onNote(plan.scenario().name() + " " + strategy + ": stopping early: " + stoppedEarly);
        long now = opened.now();
        AtomicInteger unfinished = new AtomicInteger(hostedByLane.size());
        CompletableFuture<Void> recorded = new CompletableFuture<>();
        for (Map<String, Hosted> hosted : hostedByLane) {
            hosted.values().iterator().next().host.at(now, at -> {
                hosted.values().forEach(c -> c.host.act(c.user::recordFinalTranscripts));
                if (unfinished.decrementAndGet() == 0) {
                    recorded.complete(null);
                }
            });
        }
        return opened.runUntil(recorded, now + FINISH_SLACK.toNanos(), status);
    }

    /**
     * Tells the interim figures of minute {@code minute} at its end (or at the run's end, for a
     * shorter last minute) on {@code lane}, then schedules the next; runs {@code last} after the
     * last (the run finishes once it is told).
     */
    private void scheduleMinute(Host lane, InterimTap tap, long loadStart, long end, int minute, Runnable last) {
        long length = end - loadStart;
        int minutes = (int) ((length + MINUTE - 1) / MINUTE);
        if (minute > minutes) {
            last.run();
            return;
        }
        long at = Math.min(end, loadStart + minute * MINUTE);
        lane.at(at, now -> {
            if (cut) {
                return;
            }
            InterimTap.Interval figures = tap.interval(now);
            minutesTold = minute;
            progress.onMinute(new RunProgress.MinuteFigures(plan.scenario().name(), strategy, minute, minutes,
                    at - (loadStart + (minute - 1) * MINUTE), figures.sent(), figures.committed(), figures.pending(),
                    figures.echoP99Nanos(), figures.peerFirstP99Nanos(), figures.schedulingLagP99Nanos(),
                    HarnessMemory.heapUsed(), HarnessMemory.rss()));
            scheduleMinute(lane, tap, loadStart, end, minute + 1, last);
        });
    }

    /** Each user reads every {@code readEvery}, the users' phases spread evenly over one period. */
    private void scheduleReading(List<Hosted> clients, long loadStart, long end) {
        long every = settings.readEvery().toNanos();
        for (int i = 0; i < clients.size(); i++) {
            scheduleRead(clients.get(i), loadStart + every * i / Math.max(1, clients.size()), every, end);
        }
    }

    private static void scheduleRead(Hosted client, long at, long every, long end) {
        if (at >= end) {
            return;
        }
        client.host.at(at, now -> {
            client.host.act(session -> client.user.readNow(session, now));
            scheduleRead(client, at + every, every, end);
        });
    }

    private void onCommitted(String epoch, Message message) {
        committed.incrementAndGet();
        TraceRecorder trace = recorder.get();
        Stage current = stage.get();
        if (trace == null) {
            failures.add(new RunFailure("a message was committed before the load began: " + message.id()));
            return;
        }
        if (current == null) {
            return; // the stage is closed: the trace was sealed before
        }
        trace.onCommitted(epoch, message, current.now());
    }

    /** A server start before the recording began is kept and recorded when it begins (the latest only). */
    private synchronized void onServerStarted(String epoch) {
        TraceRecorder trace = recorder.get();
        Stage current = stage.get();
        if (trace == null || current == null) {
            startedBeforeLoad = epoch;
            return;
        }
        trace.onServerStarted(epoch, current.now());
    }

    /**
     * Throws the first {@link OutOfMemoryError} a client's thread told of (a real network's driver
     * thread ran out of heap): the run stops there as a heap stop, as where the play's own thread
     * runs out, rather than as a failure of the harness that hides it.
     */
    private void rethrowOutOfMemory() {
        for (Throwable failure : failures) {
            if (failure instanceof OutOfMemoryError outOfMemory) {
                throw outOfMemory;
            }
        }
    }

    private void onFailure(Throwable failure) {
        failures.add(failure);
        allJoined.completeExceptionally(failure);
    }

    private void onClientJoined() {
        if (joining.decrementAndGet() == 0) {
            allJoined.complete(null);
        }
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    /**
     * Hands one lane's sends to their users at their intended times, on the lane, one wake-up
     * pending at a time; the difference between intended and actual send time is the
     * harness's own scheduling lag, recorded with each send.
     */
    private final class LanePlayer {
        /** The lane's sends, made as they are due (an hour's plan is millions of sends). */
        private final java.util.Iterator<PlannedSend> sends;
        private final Map<String, Hosted> clients;
        private final long loadStart;
        private final Host lane;
        private PlannedSend next;

        LanePlayer(java.util.Iterator<PlannedSend> sends, Map<String, Hosted> clients, long loadStart, Host lane) {
            this.sends = sends;
            this.clients = clients;
            this.loadStart = loadStart;
            this.lane = lane;
            this.next = sends.hasNext() ? sends.next() : null;
        }

        void start() {
            if (next != null) {
                lane.at(loadStart + next.at(), this::sendDue);
            }
        }

        private void sendDue(long now) {
            while (!cut && next != null && loadStart + next.at() <= now) {
                PlannedSend planned = next;
                next = sends.hasNext() ? sends.next() : null;
                Hosted client = clients.get(planned.user());
                client.host.act(session -> client.user.send(session, planned, loadStart + planned.at(), now));
                sent.incrementAndGet();
            }
            if (!cut) {
                start();
            }
        }
    }
}
