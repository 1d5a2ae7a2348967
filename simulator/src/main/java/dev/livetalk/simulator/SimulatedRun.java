package dev.livetalk.simulator;

import dev.livetalk.client.ClientSession;
import dev.livetalk.protocol.LinkRole;
import dev.livetalk.client.SessionConfig;
import dev.livetalk.client.strategy.Strategies;
import dev.livetalk.metrics.trace.RunTrace;
import dev.livetalk.metrics.trace.TraceRecorder;
import dev.livetalk.metrics.trace.TraceWindow;
import dev.livetalk.protocol.Message;
import dev.livetalk.run.LoadPlan;
import dev.livetalk.run.PlannedSend;
import dev.livetalk.run.RunFailure;
import dev.livetalk.run.RunSettings;
import dev.livetalk.run.RunSetup;
import dev.livetalk.scenarios.Backend;
import dev.livetalk.scenarios.Scenario;
import dev.livetalk.scenarios.fault.FaultSchedule;
import dev.livetalk.scenarios.fault.FaultWindow;
import dev.livetalk.server.ServerConfig;
import dev.livetalk.server.ServerCore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Plays a scenario for one strategy in virtual time: one {@link ServerCore}, one
 * {@link ClientSession} per user, the simulated network between them, the open-model load of
 * {@link LoadPlan} and the fault schedule, all on the calling thread and all randomness from
 * one {@link SplittableRandom} seeded with the run's seed. The trace it records has the same
 * shape as the Toxiproxy runner's (joins, sends with the same bodies, every transcript change,
 * read marks, receipts, commits, fault windows, final transcripts), on the virtual clock.
 *
 * <p>Sequence: every client connects at time 0; once all joined their rooms, the load begins
 * (warm-up, then duration with the faults, then quiesce) and the final transcripts are taken at
 * its end. One seed, one trace: playing it again gives the same trace, event for event.
 *
 * <p>Single-threaded: {@link #play()} runs on the caller's thread; an instance plays once.
 */
public final class SimulatedRun {
    /** Virtual time between two looks at the thread's interrupt status. */
    private static final long INTERRUPT_CHECK_EVERY = Duration.ofSeconds(1).toNanos();
    /** Keeps the network's random stream apart from the load's and the fault schedule's. */
    private static final long NETWORK_STREAM = 0x5349_4d5f_4e45_5457L;
    /** Message serverTime = this + virtual milliseconds: a fixed, plausible wall-clock origin. */
    private static final long SERVER_TIME_ORIGIN_MILLIS = 1_767_225_600_000L;

    private final Scenario scenario;
    private final String strategy;
    private final long seed;
    private final SimSettings settings;
    private final EventLoop loop = new EventLoop();
    private final NetworkStats stats = new NetworkStats();
    private TraceRecorder recorder;
    private boolean played;

    /**
     * A run of {@code scenario} with {@code strategy} and {@code seed} (which overrides the
     * file's); the scenario must be playable on {@link Backend#SIM} (validated with it).
     */
    public SimulatedRun(Scenario scenario, String strategy, long seed, SimSettings settings) {
        requirePlayable(scenario);
        this.scenario = scenario;
        this.strategy = strategy;
        this.seed = seed;
        this.settings = settings;
    }

    /** Plays the run; throws {@link RunFailure} when the harness failed (a client never joined, a bug). */
    public SimulationResult play() {
        if (played) {
            throw new IllegalStateException("a simulated run plays once: " + scenario.name() + " " + strategy);
        }
        played = true;
        long started = System.nanoTime();
        try {
            return playOnce(started);
        } catch (RunFailure e) {
            throw e;
        } catch (RuntimeException e) {
            RunFailure failure = new RunFailure(strategy + ": the simulation failed at virtual time "
                    + Duration.ofNanos(loop.now()) + " (seed " + seed + "): " + e);
            failure.initCause(e);
            throw failure;
        }
    }

    private SimulationResult playOnce(long started) {
        SplittableRandom random = new SplittableRandom(seed ^ NETWORK_STREAM);
        ServerCore server = new ServerCore(serverConfig(), "sim-" + Long.toHexString(seed), SERVER_TIME_ORIGIN_MILLIS);
        SimNetwork network = new SimNetwork(loop, random, settings, server, stats);
        Map<String, SimClient> clients = createClients(network);
        network.startTicking(settings.serverTick().toNanos());
        clients.values().forEach(c -> c.start(0));
        awaitJoined(clients);
        long loadStart = loop.now();
        long faultZero = loadStart + scenario.warmup().toNanos();
        recorder = new TraceRecorder(strategy, faultZero);
        clients.values().forEach(c -> c.recordInto(recorder));
        FaultSchedule schedule = FaultSchedule.resolve(scenario, seed);
        SimFaults.schedule(network, schedule.windows(), faultZero, slotsByUser(clients), scenario.clientShape());
        for (FaultWindow window : schedule.windows()) {
            recorder.onFaultWindow(TraceWindow.of(window, faultZero));
        }
        new SimLoad(loop, LoadPlan.resolve(scenario, seed).sends(), clients, loadStart).start();
        long end = loadStart + scenario.runLength().toNanos();
        scheduleReading(new ArrayList<>(clients.values()), loadStart, end);
        runInterruptibly(end);
        clients.values().forEach(SimClient::recordFinalTranscripts);
        return new SimulationResult(recorder.build(), stats, loop.executed(), end, System.nanoTime() - started);
    }

    /**
     * Runs the loop to {@code end} one virtual second at a time, stopping with a
     * {@link RunFailure} when the thread was interrupted (the same events run as in one go).
     */
    private void runInterruptibly(long end) {
        while (loop.now() < end) {
            loop.runUntil(Math.min(end, loop.now() + INTERRUPT_CHECK_EVERY));
            if (Thread.currentThread().isInterrupted()) {
                throw new RunFailure(strategy + ": the simulation was interrupted at virtual time "
                        + Duration.ofNanos(loop.now()));
            }
        }
    }

    private Map<String, SimClient> createClients(SimNetwork network) {
        Map<String, SimClient> clients = new LinkedHashMap<>();
        Strategies strategies = Strategies.load();
        List<String> users = scenario.users();
        for (int index = 0; index < users.size(); index++) {
            String user = users.get(index);
            SimClient client = new SimClient(String.format("c%03d", index), user, RunSetup.roomsOf(scenario, user));
            if (client.rooms().isEmpty()) {
                continue;
            }
            SessionConfig config = RunSetup.session(scenario, strategy, user, index, seed, settings.reconnectCap(),
                    RunSettings.DEFAULTS.deliveredEvery());
            client.attach(new ClientSession(config, strategies.create(config.strategy(), config.strategySettings()), client),
                    network, loop);
            clients.put(user, client);
        }
        return clients;
    }

    private void awaitJoined(Map<String, SimClient> clients) {
        boolean joined = loop.runUntil(() -> clients.values().stream().allMatch(SimClient::hasJoinedAll),
                settings.startupTimeout().toNanos());
        if (!joined) {
            long waiting = clients.values().stream().filter(c -> !c.hasJoinedAll()).count();
            throw new RunFailure(strategy + ": " + waiting + " of " + clients.size()
                    + " simulated clients had not joined their rooms after " + settings.startupTimeout()
                    + " of virtual time (seed " + seed + ")");
        }
    }

    private void scheduleReading(List<SimClient> clients, long loadStart, long end) {
        long every = settings.readEvery().toNanos();
        for (int i = 0; i < clients.size(); i++) {
            scheduleRead(clients.get(i), loadStart + every * i / Math.max(1, clients.size()), every, end);
        }
    }

    private void scheduleRead(SimClient client, long at, long every, long end) {
        if (at >= end) {
            return;
        }
        loop.at(at, now -> {
            client.readNow(now);
            scheduleRead(client, at + every, every, end);
        });
    }

    private ServerConfig serverConfig() {
        return RunSetup.server(scenario).commitListener(this::onCommitted).build();
    }

    private void onCommitted(Message message) {
        if (recorder == null) {
            throw new RunFailure(strategy + ": a message was committed before the load began: " + message.id());
        }
        recorder.onCommitted(message, loop.now());
    }

    private static Map<String, Map<LinkRole, LinkSlot>> slotsByUser(Map<String, SimClient> clients) {
        Map<String, Map<LinkRole, LinkSlot>> slots = new LinkedHashMap<>();
        clients.forEach((user, client) -> slots.put(user, client.slots()));
        return slots;
    }

    private static void requirePlayable(Scenario scenario) {
        for (var fault : scenario.faults()) {
            if (!fault.fault().kind().playableOn(Backend.SIM)) {
                throw new IllegalArgumentException("the simulator cannot play " + fault.fault().kind().yamlName()
                        + " (fault " + fault.name() + "); load the scenario with network sim to have it refused");
            }
        }
    }

    /** Hands the sends of a load plan to their clients at their intended times, one wake-up pending at a time. */
    private static final class SimLoad {
        private final EventLoop loop;
        private final List<PlannedSend> sends;
        private final Map<String, SimClient> clients;
        private final long loadStart;
        private int next;

        SimLoad(EventLoop loop, List<PlannedSend> sends, Map<String, SimClient> clients, long loadStart) {
            this.loop = loop;
            this.sends = sends;
            this.clients = clients;
            this.loadStart = loadStart;
        }

        void start() {
            if (next < sends.size()) {
                loop.at(loadStart + sends.get(next).at(), this::sendDue);
            }
        }

        private void sendDue(long now) {
            while (next < sends.size() && loadStart + sends.get(next).at() <= now) {
                PlannedSend planned = sends.get(next++);
                clients.get(planned.user()).send(planned.room(), planned.body(), planned.reply(),
                        loadStart + planned.at(), now);
            }
            start();
        }
    }
}
