package dev.livetalk.simulator;

import dev.livetalk.client.strategy.PendingSend;
import dev.livetalk.client.strategy.ReconciliationStrategy;
import dev.livetalk.client.strategy.Strategies;
import dev.livetalk.client.strategy.StrategyContext;
import dev.livetalk.client.strategy.StrategyProvider;
import dev.livetalk.client.strategy.StrategySettings;
import dev.livetalk.client.strategy.builtin.EventOnlyStrategy;
import dev.livetalk.metrics.results.Calibration;
import dev.livetalk.metrics.results.Environment;
import dev.livetalk.metrics.results.ResultsDocument;
import dev.livetalk.metrics.results.ResultsJson;
import dev.livetalk.metrics.results.ScenarioStop;
import dev.livetalk.metrics.results.StrategyResult;
import dev.livetalk.run.Backend;
import dev.livetalk.run.RunFailure;
import dev.livetalk.run.RunPlan;
import dev.livetalk.run.RunProgress;
import dev.livetalk.run.RunSettings;
import dev.livetalk.run.ScenarioRunner;
import dev.livetalk.metrics.ledger.LedgerFiles;
import dev.livetalk.run.Stage;
import dev.livetalk.scenarios.LoaderOptions;
import dev.livetalk.scenarios.Scenario;
import dev.livetalk.scenarios.ScenarioLoader;
import dev.livetalk.protocol.Ack;
import dev.livetalk.protocol.Message;
import dev.livetalk.server.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one runner on the simulator: the same results document and files as on Toxiproxy, network sim, self-checked. */
class SimBackendTest {
    @TempDir
    Path folder;

    @Test
    void shouldWriteTheResultsDocumentOfTheOneRunnerWithNetworkSim() throws Exception {
        Scenario outage = Scenarios.outage();
        List<RunProgress.Status> statuses = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        RunProgress progress = new RunProgress() {
            @Override
            public void onStatus(Status status) {
                statuses.add(status);
            }

            @Override
            public void onNote(String line) {
                notes.add(line);
            }
        };
        SimBackend backend = new SimBackend(SimSettings.DEFAULTS, () -> 0L, stage -> { });

        ResultsDocument results = new ScenarioRunner(backend, RunSettings.DEFAULTS, progress)
                .run(outage, List.of("event-only", "reconcile"), 4, folder);

        assertThat(results.stopped()).isNull();
        assertThat(results.network()).isEqualTo("sim");
        assertThat(results.seed()).isEqualTo(4);
        assertThat(results.environment().toxiproxyVersion()).isNull();
        assertThat(results.environment().calibration()).isEqualTo(new Calibration.VirtualTime());
        assertThat(results.strategies()).extracting(StrategyResult::strategy).containsExactly("event-only", "reconcile");
        StrategyResult reconcile = results.strategy("reconcile");
        assertThat(reconcile.correctness().lost()).isZero();
        assertThat(reconcile.budgets()).isNotEmpty().allSatisfy(v -> assertThat(v.passed()).as(v.message()).isTrue());
        assertThat(results.strategy("event-only").correctness().lost()).isPositive();
        assertThat(folder.resolve("reconcile.hlog")).isNotEmptyFile();
        assertThat(folder.resolve("fault-schedule.json")).isNotEmptyFile();
        assertThat(statuses).extracting(RunProgress.Status::strategy).containsExactly("event-only", "reconcile");
        assertThat(notes).hasSize(4);
        assertThat(notes).filteredOn(note -> note.contains("simulated")).hasSize(2).allSatisfy(note -> assertThat(note)
                .matches("outage [a-z-]+: simulated 13\\.\\d s in 0\\.00 s \\([\\d,]+ deliveries, [\\d.]+ M/s\\); "
                        + "self-check replay [\\d.]+ s, same trace"));
        assertThat(notes).filteredOn(note -> note.contains("ledger")).hasSize(2).allSatisfy(note -> assertThat(note)
                .matches("outage [a-z-]+: ledger of [\\d,]+ \\(message, recipient\\) rows, [\\d,]+ kB \\(\\d+ B per row\\), "
                        + "built in [\\d.]+ s \\(room by room, as measured\\), written in [\\d.]+ s \\(after; [\\d,]+ kB spilled\\)"));
        assertThat(LedgerFiles.read(ScenarioRunner.ledgerFolder(folder, "reconcile")).pairs()).isPositive();
        ResultsJson.write(results, folder.resolve("results.json"));
        assertThat(ResultsJson.read(folder.resolve("results.json")).strategy("reconcile").correctness())
                .isEqualTo(reconcile.correctness());
    }

    @Test
    void shouldLeaveNoLedgerOfAnEarlierRunBesideTheResultsOfARunWithoutOne(@TempDir Path folder) throws Exception {
        Scenario outage = Scenarios.outage();
        new ScenarioRunner(new SimBackend(SimSettings.DEFAULTS), RunSettings.DEFAULTS, RunProgress.NONE)
                .run(outage, List.of("reconcile"), 4, folder);
        assertThat(ScenarioRunner.ledgerFolder(folder, "reconcile")).isDirectory();

        new ScenarioRunner(new SimBackend(SimSettings.DEFAULTS), RunSettings.DEFAULTS, RunProgress.NONE, false)
                .run(outage, List.of("reconcile"), 5, folder);

        assertThat(folder.resolve("ledger")).doesNotExist();
    }

    /**
     * The self-check's second play puts every frame through the codec, the first (measured) play
     * passes the records: the same results and interval log as a play through the codec.
     */
    @Test
    void shouldMeasureAPlayWithoutTheCodecCheckedByASecondPlayThroughIt() throws Exception {
        Scenario outage = Scenarios.outage();
        List<Boolean> coded = new ArrayList<>();
        SimBackend checked = new SimBackend(SimSettings.DEFAULTS, () -> 0L, stage -> coded.add(stage.coded()));
        SimBackend once = new SimBackend(SimSettings.DEFAULTS.withSelfCheck(false), () -> 0L,
                stage -> coded.add(stage.coded()));

        ResultsDocument twice = new ScenarioRunner(checked, RunSettings.DEFAULTS, RunProgress.NONE)
                .run(outage, List.of("reconcile", "event-only"), 6, folder.resolve("checked"));
        List<Boolean> checkedPlays = List.copyOf(coded);
        coded.clear();
        ResultsDocument single = new ScenarioRunner(once, RunSettings.DEFAULTS, RunProgress.NONE)
                .run(outage, List.of("reconcile", "event-only"), 6, folder.resolve("once"));

        // per strategy, the measured play opens first, then its check once it is recorded
        assertThat(checkedPlays).containsExactly(false, true, false, true);
        assertThat(coded).containsExactly(true, true);
        assertThat(twice.stopped()).isNull();
        assertThat(ResultsJson.toJson(twice)).isEqualTo(ResultsJson.toJson(single));
        for (String hlog : List.of("reconcile.hlog", "event-only.hlog")) {
            assertThat(Files.readAllBytes(folder.resolve("checked").resolve(hlog))).as(hlog)
                    .isEqualTo(Files.readAllBytes(folder.resolve("once").resolve(hlog)));
        }
    }

    @Test
    void shouldWriteTheSameFilesWhenReplayed() throws Exception {
        Scenario outage = Scenarios.outage();
        ScenarioRunner runner = new ScenarioRunner(new SimBackend(SimSettings.DEFAULTS.withSelfCheck(false)),
                RunSettings.DEFAULTS, RunProgress.NONE);

        runner.run(outage, List.of("reconcile"), 8, folder.resolve("one"));
        runner.run(outage, List.of("reconcile"), 8, folder.resolve("two"));

        assertThat(Files.readAllBytes(folder.resolve("one/reconcile.hlog")))
                .isEqualTo(Files.readAllBytes(folder.resolve("two/reconcile.hlog")));
    }

    @Test
    void shouldSayWhatItIsAndRefuseWhatItCannotPlay() throws Exception {
        SimBackend backend = new SimBackend(SimSettings.DEFAULTS);
        Scenario bandwidth = ScenarioLoader.parse("bw.yaml", """
                name: bw
                seed: 3
                duration: 4s
                users: [alice, bob]
                rooms: [{name: lobby, members: all}]
                load: {rate: 1}
                faults:
                  - {type: bandwidth, rate: 10, at: 1s, for: 1s}
                """, LoaderOptions.DEFAULTS);

        assertThat(backend.network()).isEqualTo("sim");
        assertThat(backend.checksReplay()).isTrue();
        assertThat(new SimBackend(SimSettings.DEFAULTS.withSelfCheck(false)).checksReplay()).isFalse();
        assertThat(backend.hlogStartMillis()).isEqualTo(1_767_225_600_000L);
        Environment environment = backend.environment();
        assertThat(environment.calibration()).isEqualTo(new Calibration.VirtualTime());
        backend.check(RunPlan.resolve(Scenarios.outage(), 1));
        assertThatThrownBy(() -> backend.check(RunPlan.resolve(bandwidth, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the simulator cannot play bandwidth (fault bandwidth#1); load the scenario with network sim "
                        + "to have it refused");
    }

    /** A simulator whose second play of a seed differs (it plays another seed): the self-check stops the scenario. */
    @Test
    void shouldStopTheScenarioAsAHarnessBugWhenTwoPlaysOfOneSeedDiffer() throws Exception {
        Backend drifting = new Drifting(new SimBackend(SimSettings.DEFAULTS));

        assertThat(harnessStopAtTheFirstStrategy(drifting).reason()).matches("harness bug: the sim backend is not deterministic, or the "
                + "protocol's codec changed or refused a frame \\(the second play put every frame through it, the first "
                + "passed the event records as they are; it refuses a frame beyond its limits, such as an object of more "
                + "than 1,024 fields\\), or the strategy tells events apart by identity: outage with reconcile and seed 4 "
                + "gave trace [0-9a-f]{64} then [0-9a-f]{64}");
    }

    /** The self-check's second play fails where the first played: the stop says it was the second. */
    @Test
    void shouldSayThatTheSelfChecksSecondPlayFailedWhereTheFirstDidNot() throws Exception {
        SimBackend simulator = new SimBackend(SimSettings.DEFAULTS);
        Backend failingSecond = new OnTheSimulator(simulator) {
            @Override
            public Backend checkedPlay() {
                return simulator.checkedPlay();
            }

            @Override
            public Stage open(RunPlan plan, String strategy, ServerConfig server, Consumer<Throwable> onFailure) {
                throw new IllegalStateException("the second stage cannot open");
            }
        };

        assertThat(harnessStopAtTheFirstStrategy(failingSecond).reason()).isEqualTo("the self-check's second play failed where the first did "
                + "not: java.lang.IllegalStateException: the second stage cannot open");
    }

    /**
     * A plugged-in jar built without a library its strategy uses: the class is missing only when
     * the strategy is made or a callback reaches it (NoClassDefFoundError, an Error). The scenario
     * stops as for any exception of a strategy, naming it, rather than the Error escaping the run.
     */
    @Test
    void shouldStopTheScenarioNamingTheStrategyWhoseClassIsMissing() throws Exception {
        Strategies strategies = Strategies.load()
                .with(missing("test-missing-at-create", true))
                .with(missing("test-missing-in-callback", false));
        ScenarioRunner runner = new ScenarioRunner(new SimBackend(SimSettings.DEFAULTS),
                RunSettings.DEFAULTS.withStrategies(strategies), RunProgress.NONE);

        ResultsDocument atCreate = runner.run(Scenarios.outage(), List.of("test-missing-at-create"), 4, folder);
        ResultsDocument inCallback = runner.run(Scenarios.outage(), List.of("test-missing-in-callback"), 4,
                folder.resolve("callback"));

        assertThat(atCreate.stopped().cause()).isEqualTo(ScenarioStop.Cause.HARNESS_FAILURE);
        assertThat(atCreate.stopped().strategy()).isEqualTo("test-missing-at-create");
        assertThat(atCreate.stopped().reason()).isEqualTo("java.lang.NoClassDefFoundError: com/example/Missing");
        assertThat(inCallback.stopped().strategy()).isEqualTo("test-missing-in-callback");
        assertThat(inCallback.stopped().reason()).matches("test-missing-in-callback: the simulation failed at virtual"
                + " time PT.*S \\(seed 4\\): java.lang.NoClassDefFoundError: com/example/Missing");
    }

    /**
     * A strategy's own Error, not only a missing class, thrown by a callback or by its provider's
     * create: a StackOverflowError of a runaway recursion, an AssertionError, an Error of its own
     * (a LinkageError such as ExceptionInInitializerError is the missing class's case). The scenario stops as for an exception of the strategy, naming it, and the
     * strategy played before it keeps its results (rather than the Error escaping the run).
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"StackOverflowError", "AssertionError", "Error"})
    void shouldStopTheScenarioNamingTheStrategyThatThrewAnError(String error) throws Exception {
        java.util.function.Supplier<Error> thrown = switch (error) {
            case "StackOverflowError" -> () -> new StackOverflowError("boom");
            case "AssertionError" -> () -> new AssertionError("boom");
            default -> () -> new Error("boom");
        };
        Strategies strategies = Strategies.load()
                .with(failing("test-error-at-create", true, thrown))
                .with(failing("test-error-in-callback", false, thrown));
        ScenarioRunner runner = new ScenarioRunner(new SimBackend(SimSettings.DEFAULTS),
                RunSettings.DEFAULTS.withStrategies(strategies), RunProgress.NONE);

        ResultsDocument atCreate = runner.run(Scenarios.outage(), List.of("event-only", "test-error-at-create"), 4,
                folder);
        ResultsDocument inCallback = runner.run(Scenarios.outage(), List.of("event-only", "test-error-in-callback"), 4,
                folder.resolve("callback"));

        assertThat(atCreate.strategies()).extracting(StrategyResult::strategy).containsExactly("event-only");
        assertThat(atCreate.stopped().cause()).isEqualTo(ScenarioStop.Cause.HARNESS_FAILURE);
        assertThat(atCreate.stopped().strategy()).isEqualTo("test-error-at-create");
        assertThat(atCreate.stopped().reason()).isEqualTo("java.lang." + error + ": boom");
        assertThat(inCallback.strategies()).extracting(StrategyResult::strategy).containsExactly("event-only");
        assertThat(inCallback.stopped().cause()).isEqualTo(ScenarioStop.Cause.HARNESS_FAILURE);
        assertThat(inCallback.stopped().strategy()).isEqualTo("test-error-in-callback");
        assertThat(inCallback.stopped().reason()).matches("test-error-in-callback: the simulation failed at virtual"
                + " time PT.*S \\(seed 4\\): java.lang." + error + ": boom");
    }

    /**
     * A ledger that cannot be written (the output's disk full) fails the harness, not the run's
     * bookkeeping: the scenario stops naming the file and the cause, the strategy played before
     * it keeps its results, and the run's folder gets its report (exit 1 at the command line),
     * where the IOException used to escape the run and be printed as a stack trace with nothing
     * written.
     */
    @Test
    void shouldStopTheScenarioNamingTheLedgerThatCouldNotBeWritten() throws Exception {
        ScenarioRunner runner = new ScenarioRunner(new SimBackend(SimSettings.DEFAULTS.withSelfCheck(false)),
                RunSettings.DEFAULTS, RunProgress.NONE, true)
                .finishingLedgersWith(ledger -> {
                    if (ledgerCalls.incrementAndGet() > 1) { // event-only's is written, reconcile's is not
                        throw new java.io.IOException("cannot write the ledger's table " + folder.resolve("x.gz")
                                + ": No space left on device (is the disk full?)");
                    }
                    return ledger.finish();
                });

        ResultsDocument results = runner.run(Scenarios.outage(), List.of("event-only", "reconcile"), 4, folder);

        assertThat(results.strategies()).extracting(StrategyResult::strategy).containsExactly("event-only");
        assertThat(results.stopped().cause()).isEqualTo(ScenarioStop.Cause.HARNESS_FAILURE);
        assertThat(results.stopped().strategy()).isEqualTo("reconcile");
        assertThat(results.stopped().reason()).isEqualTo("java.io.IOException: cannot write the ledger's table "
                + folder.resolve("x.gz") + ": No space left on device (is the disk full?)");
    }

    private final AtomicInteger ledgerCalls = new AtomicInteger();

    /** event-only under {@code name}, failing as a missing class would when made or on its first message. */
    private static StrategyProvider missing(String name, boolean atCreate) {
        return failing(name, atCreate, () -> new NoClassDefFoundError("com/example/Missing"));
    }

    /** event-only under {@code name}, throwing {@code thrown} when made or on its first message. */
    private static StrategyProvider failing(String name, boolean atCreate, java.util.function.Supplier<Error> thrown) {
        return new StrategyProvider() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return "test: a class of its jar is missing";
            }

            @Override
            public ReconciliationStrategy create(StrategySettings settings) {
                if (atCreate) {
                    throw thrown.get();
                }
                ReconciliationStrategy eventOnly = new EventOnlyStrategy(settings);
                return new ReconciliationStrategy() {
                    @Override
                    public String name() {
                        return name;
                    }

                    @Override
                    public void onSend(StrategyContext ctx, PendingSend send, long now) {
                        eventOnly.onSend(ctx, send, now);
                    }

                    @Override
                    public void onMessage(StrategyContext ctx, Message message, long now) {
                        throw thrown.get();
                    }

                    @Override
                    public void onAck(StrategyContext ctx, Ack ack, PendingSend send, long now) {
                        eventOnly.onAck(ctx, ack, send, now);
                    }

                    @Override
                    public void onSendTimeout(StrategyContext ctx, PendingSend send, long now) {
                        eventOnly.onSendTimeout(ctx, send, now);
                    }

                    @Override
                    public long deliveredUpTo(String room) {
                        return eventOnly.deliveredUpTo(room);
                    }
                };
            }
        };
    }

    @Test
    void shouldStopWithAHarnessFailureWhenTheThreadIsInterrupted() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> new SimulatedRun(Scenarios.outage(), "reconcile", 4, SimSettings.DEFAULTS).play())
                    .isInstanceOf(RunFailure.class)
                    .hasMessageMatching("reconcile: the simulation was interrupted at virtual time PT.*");
        } finally {
            Thread.interrupted();
        }
    }

    /**
     * Runs the outage sample with reconcile then event-only on {@code backend}, seed 4; the run
     * must stop with a harness failure at reconcile, before any result: that stop.
     */
    private ScenarioStop harnessStopAtTheFirstStrategy(Backend backend) throws Exception {
        ResultsDocument results = new ScenarioRunner(backend, RunSettings.DEFAULTS, RunProgress.NONE)
                .run(Scenarios.outage(), List.of("reconcile", "event-only"), 4, folder);

        assertThat(results.strategies()).isEmpty();
        assertThat(results.stopped().cause()).isEqualTo(ScenarioStop.Cause.HARNESS_FAILURE);
        assertThat(results.stopped().strategy()).isEqualTo("reconcile");
        return results.stopped();
    }

    /** A backend that checks replays and is the simulator but for the stages it opens and the play it checks. */
    private abstract static class OnTheSimulator implements Backend {
        final SimBackend simulator;

        OnTheSimulator(SimBackend simulator) {
            this.simulator = simulator;
        }

        @Override
        public String network() {
            return simulator.network();
        }

        @Override
        public Environment environment() {
            return simulator.environment();
        }

        @Override
        public void check(RunPlan plan) {
            simulator.check(plan);
        }

        @Override
        public long hlogStartMillis() {
            return simulator.hlogStartMillis();
        }

        @Override
        public boolean checksReplay() {
            return true;
        }

        @Override
        public String replayDiffers() {
            return simulator.replayDiffers();
        }
    }

    /** Delegates to the simulator, but every second stage it opens plays the plan of the next seed. */
    private static final class Drifting extends OnTheSimulator {
        private final AtomicInteger opened = new AtomicInteger();

        Drifting(SimBackend simulator) {
            super(simulator);
        }

        @Override
        public Stage open(RunPlan plan, String strategy, ServerConfig server, Consumer<Throwable> onFailure) {
            RunPlan played = opened.incrementAndGet() % 2 == 0 ? RunPlan.resolve(plan.scenario(), plan.seed() + 1) : plan;
            return simulator.open(played, strategy, server, onFailure);
        }
    }
}
