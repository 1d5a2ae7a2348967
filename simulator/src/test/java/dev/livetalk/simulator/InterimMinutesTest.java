package dev.livetalk.simulator;

import dev.livetalk.metrics.results.ResultsDocument;
import dev.livetalk.metrics.results.ScenarioStop;
import dev.livetalk.metrics.trace.ClientTrace;
import dev.livetalk.metrics.trace.RoomLog;
import dev.livetalk.metrics.trace.RunTrace;
import dev.livetalk.run.MemoryGuard;
import dev.livetalk.run.RunPlan;
import dev.livetalk.run.RunProgress;
import dev.livetalk.run.RunSettings;
import dev.livetalk.run.ScenarioRunner;
import dev.livetalk.scenarios.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** The interim figures of a run two minutes long, and the heap guard ending one early, in the simulator. */
class InterimMinutesTest {
    /** Two minutes of run time: 5 s warm-up, 110 s load, 5 s quiesce; a 3 s outage in the first minute. */
    private static final Scenario TWO_MINUTES = Scenarios.parse("two-minutes", """
            name: two-minutes
            seed: 11
            duration: 110s
            warmup: 5s
            quiesce: 5s
            users: {count: 6, prefix: user}
            rooms: {count: 1, prefix: room}
            load:
              rate: 1
              arrival: poisson
            strategies: [reconcile]
            faults:
              - type: down
                name: outage
                at: 20s
                for: 3s
                target: all
            """);

    /** Keeps the minutes it is told. */
    private static class Minutes implements RunProgress {
        final List<MinuteFigures> told = new CopyOnWriteArrayList<>();

        @Override
        public void onStatus(Status status) {
        }

        @Override
        public void onMinute(MinuteFigures minute) {
            told.add(minute);
        }
    }

    @Test
    void aTwoMinuteRunTellsTwoMinutesThatAddUpToItsTrace() throws Exception {
        Minutes minutes = new Minutes();
        RunTrace trace = new ScenarioRunner(new SimBackend(SimSettings.DEFAULTS), RunSettings.DEFAULTS, minutes)
                .play(RunPlan.resolve(TWO_MINUTES, 11), "reconcile");

        assertThat(minutes.told).extracting(RunProgress.MinuteFigures::minute).containsExactly(1, 2);
        assertThat(minutes.told).allSatisfy(m -> {
            assertThat(m.scenario()).isEqualTo("two-minutes");
            assertThat(m.strategy()).isEqualTo("reconcile");
            assertThat(m.minutes()).isEqualTo(2);
            assertThat(m.lengthNanos()).isEqualTo(60_000_000_000L);
            assertThat(m.sent()).isBetween(200L, 500L); // 6 users at 1/s: about 360 a minute
            assertThat(m.echoP99Nanos()).isBetween(0L, 1_000_000L); // the local echo shows at once
            assertThat(m.peerFirstP99Nanos()).isPositive();
            assertThat(m.schedulingLagP99Nanos()).isBetween(0L, 1_000_000L); // virtual time: no lag
            assertThat(m.heapUsedBytes()).isPositive();
            assertThat(m.pending()).isBetween(0L, 10L);
        });
        assertThat(minutes.told.get(0).peerFirstP99Nanos()).as("the outage delays the first minute's deliveries")
                .isGreaterThan(minutes.told.get(1).peerFirstP99Nanos());
        long sent = trace.clients().stream().mapToLong(c -> c.sends().size()).sum();
        long committed = trace.serverLog().values().stream().mapToLong(log -> log.messages().size()).sum();
        assertThat(minutes.told.stream().mapToLong(RunProgress.MinuteFigures::sent).sum()).isEqualTo(sent);
        assertThat(minutes.told.stream().mapToLong(RunProgress.MinuteFigures::committed).sum()).isEqualTo(committed);
        assertThat(minutes.told.get(1).pending()).as("quiet at the end: every send acknowledged").isZero();
    }

    @Test
    void aTrippedHeapGuardEndsTheRunAfterTheMinuteAndMeasuresWhatItHas(@TempDir Path folder) throws Exception {
        AtomicReference<Consumer<MemoryGuard.HeapUse>> collection = new AtomicReference<>();
        MemoryGuard guard = new MemoryGuard((share, exceeded) -> {
            collection.set(exceeded);
            return () -> { };
        }, MemoryGuard.DEFAULT_SHARE);
        Minutes minutes = new Minutes() {
            @Override
            public void onMinute(MinuteFigures minute) {
                super.onMinute(minute);
                collection.get().accept(new MemoryGuard.HeapUse(11L << 30, 12L << 30)); // the heap is nearly full
            }
        };
        ResultsDocument results = new ScenarioRunner(new SimBackend(SimSettings.DEFAULTS), RunSettings.DEFAULTS,
                minutes, false).guardedBy(guard).run(TWO_MINUTES, List.of("reconcile", "event-only"), 11, folder);

        assertThat(minutes.told).extracting(RunProgress.MinuteFigures::minute).containsExactly(1);
        assertThat(results.stopped().cause()).isEqualTo(ScenarioStop.Cause.HEAP_EXHAUSTED);
        assertThat(results.stopped().figuresKept()).as("measured as far as it went, or not at all").isFalse();
        assertThat(results.stopped().strategy()).isEqualTo("reconcile");
        assertThat(results.stopped().reason()).isEqualTo("heap used 92% of max 12.0 GB after minute 1;"
                + " a longer soak needs more heap (LIVETALK_JAVA_OPTS=-Xmx...) or fewer clients");
        assertThat(results.strategies()).extracting(r -> r.strategy()).as("measured as far as it went; no later strategy")
                .containsExactly("reconcile");
        assertThat(folder.resolve("reconcile.hlog")).exists();
    }

    /**
     * A run that runs out of heap past the guard (measuring a long run, or a burst the guard's
     * notification came too late for) ends as a heap stop with its reason, not as a crash: the
     * report and its exit code follow.
     */
    @Test
    void shouldStopAScenarioThatRanOutOfHeapAsAHeapStop(@TempDir Path folder) throws Exception {
        SimBackend outOfHeap = new SimBackend(SimSettings.DEFAULTS.withSelfCheck(false), java.time.Duration.ofSeconds(30),
                at -> {
                    throw new OutOfMemoryError("Java heap space");
                });
        ResultsDocument results = new ScenarioRunner(outOfHeap, RunSettings.DEFAULTS, RunProgress.NONE, false)
                .run(TWO_MINUTES, List.of("reconcile", "event-only"), 11, folder);

        assertThat(results.stopped().cause()).isEqualTo(ScenarioStop.Cause.HEAP_EXHAUSTED);
        assertThat(results.stopped().figuresKept()).as("measured as far as it went, or not at all").isFalse();
        assertThat(results.stopped().strategy()).isEqualTo("reconcile");
        assertThat(results.stopped().reason()).as("naming the heap it ran out of, as the guard's stop does")
                .isEqualTo("the harness ran out of heap (Java heap space; max heap "
                        + MemoryGuard.bytes(Runtime.getRuntime().maxMemory()) + ") while measuring reconcile;"
                        + " a longer run needs more heap (LIVETALK_JAVA_OPTS=-Xmx...) or fewer clients");
        assertThat(results.strategies()).as("nothing measured; no later strategy").isEmpty();
    }

    /**
     * A strategy whose self-check's second play runs out of heap (it goes on beside the measurement,
     * when the heap is fullest) has its figures from the first play: they are kept, the same as a
     * run whose self-check agreed, its interval log written, and the scenario stops there as a heap
     * stop that says they are not confirmed by a replay.
     */
    @Test
    void shouldKeepTheFiguresOfAStrategyWhoseSelfCheckRanOutOfHeap(@TempDir Path folder) throws Exception {
        ResultsDocument whole = new ScenarioRunner(new SimBackend(SimSettings.DEFAULTS), RunSettings.DEFAULTS,
                RunProgress.NONE, false).run(TWO_MINUTES, List.of("reconcile"), 11, folder.resolve("whole"));
        java.util.concurrent.atomic.AtomicInteger stages = new java.util.concurrent.atomic.AtomicInteger();
        SimBackend secondPlayOutOfHeap = new SimBackend(SimSettings.DEFAULTS, System::nanoTime, stage -> {
            if (stages.incrementAndGet() == 2) { // the first play's stage opens first, the second's once it is recorded
                throw new OutOfMemoryError("Java heap space");
            }
        });

        ResultsDocument results = new ScenarioRunner(secondPlayOutOfHeap, RunSettings.DEFAULTS, RunProgress.NONE, false)
                .run(TWO_MINUTES, List.of("reconcile", "event-only"), 11, folder.resolve("stopped"));

        assertThat(stages).hasValue(2);
        assertThat(results.strategies()).as("the first play's figures, every one, and its log; no later strategy")
                .containsExactly(whole.strategies().get(0));
        assertThat(results.stopped().cause()).isEqualTo(ScenarioStop.Cause.HEAP_EXHAUSTED);
        assertThat(results.stopped().figuresKept()).as("the stop came once the figures were complete").isTrue();
        assertThat(results.stopped().strategy()).isEqualTo("reconcile");
        assertThat(results.stopped().reason()).isEqualTo("the harness ran out of heap (Java heap space) in the"
                + " self-check's second play of reconcile: its figures are kept, not confirmed by a replay;"
                + " a longer soak needs more heap (LIVETALK_JAVA_OPTS=-Xmx...) or fewer clients");
        assertThat(folder.resolve("stopped/reconcile.hlog")).hasSameBinaryContentAs(folder.resolve("whole/reconcile.hlog"));
    }

    /**
     * A strategy whose interval log runs out of heap while it is written has its figures already:
     * they are kept (results.json has them, the same as a run that wrote its log, without the log),
     * the half-written log is removed, and the scenario stops there as a heap stop naming the log.
     */
    @Test
    void shouldKeepTheFiguresOfAStrategyWhoseIntervalLogRanOutOfHeap(@TempDir Path folder) throws Exception {
        SimBackend backend = new SimBackend(SimSettings.DEFAULTS.withSelfCheck(false));
        ResultsDocument whole = new ScenarioRunner(backend, RunSettings.DEFAULTS, RunProgress.NONE, false)
                .run(TWO_MINUTES, List.of("reconcile"), 11, folder.resolve("whole"));

        ResultsDocument results = new ScenarioRunner(backend, RunSettings.DEFAULTS, RunProgress.NONE, false)
                .writingIntervalLogsWith((file, strategy, report, startMillis) -> {
                    java.nio.file.Files.writeString(file, "#[Histogram log format version 1.3]\n"); // a first line
                    throw new OutOfMemoryError("Java heap space");
                })
                .run(TWO_MINUTES, List.of("reconcile", "event-only"), 11, folder.resolve("stopped"));

        assertThat(whole.strategies()).singleElement().satisfies(r -> assertThat(r.hlogs())
                .containsExactly("reconcile.hlog"));
        assertThat(results.strategies()).as("the measured figures, every one; no later strategy")
                .containsExactly(whole.strategies().get(0).withHlogs(List.of()));
        assertThat(results.stopped().cause()).isEqualTo(ScenarioStop.Cause.HEAP_EXHAUSTED);
        assertThat(results.stopped().figuresKept()).as("the stop came once the figures were complete").isTrue();
        assertThat(results.stopped().strategy()).isEqualTo("reconcile");
        assertThat(results.stopped().reason()).isEqualTo("the harness ran out of heap (Java heap space) writing"
                + " reconcile.hlog, the interval log of reconcile: its figures are kept, the log is not written;"
                + " a longer soak needs more heap (LIVETALK_JAVA_OPTS=-Xmx...) or fewer clients");
        assertThat(folder.resolve("stopped/reconcile.hlog")).as("no half log").doesNotExist();
    }

    /**
     * A strategy whose ledger runs out of heap while it is finished (the merges of its spill files)
     * has its figures already: they are kept (results.json has them, the same as a run that wrote
     * its ledger), the unfinished ledger is removed with its folder (audit and explain find none),
     * the interval log is still written (the merges' buffers are let go by then), and the scenario
     * stops there as a heap stop naming the ledger.
     */
    @Test
    void shouldKeepTheFiguresOfAStrategyWhoseLedgerRanOutOfHeap(@TempDir Path folder) throws Exception {
        SimBackend backend = new SimBackend(SimSettings.DEFAULTS.withSelfCheck(false));
        ResultsDocument whole = new ScenarioRunner(backend, RunSettings.DEFAULTS, RunProgress.NONE, true)
                .run(TWO_MINUTES, List.of("reconcile"), 11, folder.resolve("whole"));
        java.util.concurrent.atomic.AtomicBoolean begun = new java.util.concurrent.atomic.AtomicBoolean();

        ResultsDocument results = new ScenarioRunner(backend, RunSettings.DEFAULTS, RunProgress.NONE, true)
                .finishingLedgersWith(ledger -> {
                    begun.set(dev.livetalk.metrics.ledger.LedgerFiles.isLedger(folder.resolve("stopped/ledger/reconcile")));
                    throw new OutOfMemoryError("Java heap space");
                })
                .run(TWO_MINUTES, List.of("reconcile", "event-only"), 11, folder.resolve("stopped"));

        assertThat(dev.livetalk.metrics.ledger.LedgerFiles.isLedger(folder.resolve("whole/ledger/reconcile"))).isTrue();
        assertThat(begun).as("its messages were written as measured").isTrue();
        assertThat(results.strategies()).as("the measured figures, every one, and its interval log; no later strategy")
                .containsExactly(whole.strategies().get(0));
        assertThat(results.stopped().cause()).isEqualTo(ScenarioStop.Cause.HEAP_EXHAUSTED);
        assertThat(results.stopped().figuresKept()).as("the stop came once the figures were complete").isTrue();
        assertThat(results.stopped().strategy()).isEqualTo("reconcile");
        assertThat(results.stopped().reason()).isEqualTo("the harness ran out of heap (Java heap space) writing"
                + " ledger/reconcile/, the ledger of reconcile: its figures are kept, the ledger is not written;"
                + " a longer soak needs more heap (LIVETALK_JAVA_OPTS=-Xmx...) or fewer clients");
        assertThat(folder.resolve("stopped/ledger/reconcile")).as("no half ledger, no empty folder").doesNotExist();
        assertThat(folder.resolve("stopped/reconcile.hlog")).hasSameBinaryContentAs(folder.resolve("whole/reconcile.hlog"));
    }

    /** A ledger and then an interval log that both run out of heap: the stop names both, the figures are kept. */
    @Test
    void shouldNameTheLedgerAndTheIntervalLogWhenBothRanOutOfHeap(@TempDir Path folder) throws Exception {
        SimBackend backend = new SimBackend(SimSettings.DEFAULTS.withSelfCheck(false));
        ResultsDocument whole = new ScenarioRunner(backend, RunSettings.DEFAULTS, RunProgress.NONE, false)
                .run(TWO_MINUTES, List.of("reconcile"), 11, folder.resolve("whole"));

        ResultsDocument results = new ScenarioRunner(backend, RunSettings.DEFAULTS, RunProgress.NONE, true)
                .finishingLedgersWith(ledger -> {
                    throw new OutOfMemoryError("Java heap space");
                })
                .writingIntervalLogsWith((file, strategy, report, startMillis) -> {
                    throw new OutOfMemoryError("Java heap space");
                })
                .run(TWO_MINUTES, List.of("reconcile"), 11, folder.resolve("stopped"));

        assertThat(results.strategies()).containsExactly(whole.strategies().get(0).withHlogs(List.of()));
        assertThat(results.stopped().figuresKept()).isTrue();
        assertThat(results.stopped().reason()).isEqualTo("the harness ran out of heap (Java heap space) writing"
                + " ledger/reconcile/, the ledger of reconcile: its figures are kept, the ledger is not written;"
                + " the harness ran out of heap (Java heap space) writing reconcile.hlog, the interval log of"
                + " reconcile: its figures are kept, the log is not written;"
                + " a longer soak needs more heap (LIVETALK_JAVA_OPTS=-Xmx...) or fewer clients");
        assertThat(folder.resolve("stopped/ledger/reconcile")).doesNotExist();
        assertThat(folder.resolve("stopped/reconcile.hlog")).doesNotExist();
    }
}
