package dev.livetalk.runner;

import dev.livetalk.run.RunSetup;
import dev.livetalk.run.LoadPlan;
import dev.livetalk.run.RunFailure;
import dev.livetalk.run.RunProgress;
import dev.livetalk.run.PlayedFault;
import dev.livetalk.run.RunRecord;

import dev.livetalk.client.ClientSession;
import dev.livetalk.protocol.LinkRole;
import dev.livetalk.client.tyrus.ClientDriver;
import dev.livetalk.metrics.trace.TraceRecorder;
import dev.livetalk.metrics.trace.TraceWindow;
import dev.livetalk.protocol.LinkRole;
import dev.livetalk.network.LinkId;
import dev.livetalk.network.toxiproxy.ToxiproxyNetwork;
import dev.livetalk.network.toxiproxy.ToxiproxyServer;
import dev.livetalk.protocol.Message;
import dev.livetalk.scenarios.ClientShape;
import dev.livetalk.scenarios.Scenario;
import dev.livetalk.scenarios.fault.FaultSchedule;
import dev.livetalk.server.ReferenceServer;
import dev.livetalk.server.ServerConfig;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Plays a scenario for one strategy: a fresh reference server, one Toxiproxy proxy per client
 * link, every client connected and joined, then the open-model load through warm-up and
 * duration with the fault schedule on the proxies, then quiescence; records the trace on one
 * clock ({@link System#nanoTime()}).
 *
 * <p>Threads: {@link #play()} runs on the caller's thread, which waits; each client, its share
 * of the load and its reading run on the owner thread of its client driver (one per core); faults
 * on the fault player's {@code toxiproxy-control} thread, whose first failed change stops the run
 * at once ({@link FaultPlayer}); commits arrive on server threads; progress is reported by
 * {@code livetalk-progress}.
 */
public final class StrategyRun {
    private final Scenario scenario;
    private final String strategy;
    private final LoadPlan plan;
    private final FaultSchedule schedule;
    private final ToxiproxyServer toxiproxy;
    private final RunSettings settings;
    private final RunProgress progress;
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    /** Clients that have not yet joined all their rooms; {@link #allJoined} completes at zero. */
    private final AtomicInteger joining = new AtomicInteger();
    /** Completes when every client joined its rooms, or exceptionally with the first failure before. */
    private final CompletableFuture<Void> allJoined = new CompletableFuture<>();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger committed = new AtomicInteger();
    private final AtomicReference<TraceRecorder> recorder = new AtomicReference<>();

    public StrategyRun(Scenario scenario, String strategy, LoadPlan plan, FaultSchedule schedule,
                       ToxiproxyServer toxiproxy, RunSettings settings, RunProgress progress) {
        this.scenario = scenario;
        this.strategy = strategy;
        this.plan = plan;
        this.schedule = schedule;
        this.toxiproxy = toxiproxy;
        this.settings = settings;
        this.progress = progress;
    }

    /** Plays the run and returns its record; throws {@link RunFailure} when the harness failed. */
    public RunRecord play() throws IOException, InterruptedException {
        try (ReferenceServer server = ReferenceServer.start(serverConfig());
             ToxiproxyNetwork network = new ToxiproxyNetwork(toxiproxy,
                     new InetSocketAddress("127.0.0.1", server.port()), settings.toxiproxyDeadline());
             ClientDrivers drivers = new ClientDrivers(ClientDrivers.defaultCount(), settings.connectTimeout(),
                     this::onFailure)) {
            Map<String, Integer> clientIndex = new LinkedHashMap<>();
            List<Participant> participants = connect(network, drivers, clientIndex);
            awaitJoined(participants);
            long loadStart = System.nanoTime();
            long faultZero = loadStart + scenario.warmup().toNanos();
            TraceRecorder trace = new TraceRecorder(strategy, faultZero);
            recorder.set(trace);
            participants.forEach(p -> p.recordInto(trace));
            List<PlayedFault> played;
            FaultPlayer faults = new FaultPlayer(network, schedule.windows(), clientIndex, scenario.clientShape());
            try (faults) {
                faults.start(faultZero);
                runUntilQuiet(drivers, participants, loadStart, faults);
            }
            // read once the control thread has stopped: a change in progress at the run's end is in
            played = faults.played();
            for (PlayedFault fault : played) {
                trace.onFaultWindow(new TraceWindow(fault.window().fault(), fault.window().occurrence(),
                        fault.appliedAt(), fault.removedAt(), fault.window().clients(),
                        fault.window().serverSide()));
                if (fault.error() != null) {
                    failures.add(new RunFailure("fault " + fault.window().fault() + " failed: " + fault.error()));
                }
            }
            if (!failures.isEmpty()) {
                RunFailure failure = new RunFailure(strategy + ": the harness failed during the run: " + failures.get(0));
                failures.stream().skip(1).forEach(failure::addSuppressed);
                throw failure;
            }
            Map<String, Integer> welcomes = new LinkedHashMap<>();
            participants.forEach(p -> welcomes.put(p.user(), p.welcomes()));
            return new RunRecord(trace.build(), welcomes, played, drivers.transportErrors());
        }
    }

    private ServerConfig serverConfig() {
        return RunSetup.server(scenario).commitListener(this::onCommitted).build();
    }

    private void onCommitted(Message message) {
        committed.incrementAndGet();
        TraceRecorder trace = recorder.get();
        if (trace == null) {
            failures.add(new RunFailure("a message was committed before the load began: " + message.id()));
            return;
        }
        trace.onCommitted(message, System.nanoTime());
    }

    private List<Participant> connect(ToxiproxyNetwork network, ClientDrivers drivers,
                                      Map<String, Integer> clientIndex) {
        List<Participant> participants = new ArrayList<>();
        joining.set(scenario.users().size());
        if (scenario.users().isEmpty()) {
            allJoined.complete(null);
        }
        for (String user : scenario.users()) {
            int index = clientIndex.size();
            clientIndex.put(user, index);
            Participant participant = new Participant(clientId(index), user, RunSetup.roomsOf(scenario, user),
                    this::onClientJoined);
            ClientSession session = new ClientSession(RunSetup.session(scenario, strategy, user, index, plan.seed(),
                    settings.reconnectCap(), settings.deliveredEvery()), participant);
            participant.attach(drivers.of(index).add(session, uris(network, index), participant));
            participants.add(participant);
        }
        participants.forEach(p -> p.client().start());
        return participants;
    }

    private Map<LinkRole, URI> uris(ToxiproxyNetwork network, int client) {
        Map<LinkRole, URI> uris = new EnumMap<>(LinkRole.class);
        if (scenario.clientShape() == ClientShape.SINGLE) {
            uris.put(LinkRole.MAIN, uri(network, new LinkId(client, LinkRole.MAIN)));
        } else {
            uris.put(LinkRole.SEND, uri(network, new LinkId(client, LinkRole.SEND)));
            uris.put(LinkRole.RECEIVE, uri(network, new LinkId(client, LinkRole.RECEIVE)));
        }
        return uris;
    }

    private static URI uri(ToxiproxyNetwork network, LinkId link) {
        InetSocketAddress listen = network.open(link).listen();
        return URI.create("ws://" + listen.getHostString() + ":" + listen.getPort() + ReferenceServer.PATH);
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

    /** Waits until every client joined its rooms (told by the clients, no polling), a client failed, or the timeout. */
    private void awaitJoined(List<Participant> participants) throws InterruptedException {
        try {
            allJoined.get(settings.startupTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new RunFailure(strategy + ": a client failed while connecting: " + e.getCause());
        } catch (TimeoutException e) {
            long waiting = participants.stream().filter(p -> !p.hasJoinedAll()).count();
            throw new RunFailure(strategy + ": " + waiting + " of " + participants.size()
                    + " clients had not joined their rooms after " + settings.startupTimeout());
        }
    }

    private void runUntilQuiet(ClientDrivers drivers, List<Participant> participants, long loadStart,
                               FaultPlayer faults) throws InterruptedException {
        long end = loadStart + scenario.runLength().toNanos();
        CountDownLatch finished = new CountDownLatch(drivers.size());
        CompletableFuture<Void> allFinished = new CompletableFuture<>();
        for (int d = 0; d < drivers.size(); d++) {
            ClientDriver driver = drivers.get(d);
            Map<String, Participant> hosted = new LinkedHashMap<>();
            for (int i = d; i < participants.size(); i += drivers.size()) {
                hosted.put(participants.get(i).user(), participants.get(i));
            }
            LoadPlan share = new LoadPlan(plan.seed(),
                    plan.sends().stream().filter(send -> hosted.containsKey(send.user())).toList());
            driver.execute(() -> {
                new LoadPlayer(share, hosted, loadStart, driver, sent).start();
                scheduleReading(driver, List.copyOf(hosted.values()), loadStart, end);
                driver.schedule(end, now -> {
                    hosted.values().forEach(Participant::recordFinalTranscripts);
                    finished.countDown();
                    if (finished.getCount() == 0) {
                        allFinished.complete(null);
                    }
                });
            });
        }
        ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor(
                r -> new Thread(r, "livetalk-progress"));
        reporter.scheduleAtFixedRate(() -> progress.onStatus(new RunProgress.Status(scenario.name(), strategy,
                System.nanoTime() - loadStart, end - loadStart, faults.activeCount(), sent.get(), committed.get())),
                0, 1, TimeUnit.SECONDS);
        try {
            long slack = TimeUnit.SECONDS.toNanos(30);
            CompletableFuture.anyOf(allFinished, faults.failure()).get(end - System.nanoTime() + slack,
                    TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new RunFailure(strategy + ": the client drivers did not finish within 30 s of the run's end");
        } catch (ExecutionException e) {
            throw new IllegalStateException("neither future completes exceptionally", e);
        } finally {
            reporter.shutdownNow();
        }
        RunFailure failed = faults.failure().getNow(null);
        if (failed != null) {
            throw new RunFailure(strategy + ": stopped at " + millis(System.nanoTime() - loadStart) + " of "
                    + millis(end - loadStart) + ": " + failed.getMessage());
        }
    }

    private static String millis(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    private void scheduleReading(ClientDriver driver, List<Participant> participants, long loadStart, long end) {
        long every = settings.readEvery().toNanos();
        for (int i = 0; i < participants.size(); i++) {
            Participant participant = participants.get(i);
            long phase = every * i / Math.max(1, participants.size());
            scheduleRead(driver, participant, loadStart + phase, every, end);
        }
    }

    private static void scheduleRead(ClientDriver driver, Participant participant, long at, long every, long end) {
        if (at >= end) {
            return;
        }
        driver.schedule(at, now -> {
            participant.readNow(now);
            scheduleRead(driver, participant, at + every, every, end);
        });
    }

    static String clientId(int index) {
        return String.format("c%03d", index);
    }
}
