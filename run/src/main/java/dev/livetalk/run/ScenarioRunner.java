package dev.livetalk.run;

import dev.livetalk.client.Throwables;
import dev.livetalk.metrics.Measurement;
import dev.livetalk.metrics.drift.Drift;
import dev.livetalk.metrics.gate.BudgetEvaluator;
import dev.livetalk.metrics.latency.HlogWriter;
import dev.livetalk.metrics.latency.LatencyReport;
import dev.livetalk.metrics.ledger.LedgerWriter;
import dev.livetalk.metrics.ledger.LedgerFiles;
import dev.livetalk.metrics.ledger.LedgerFolder;
import dev.livetalk.metrics.otlp.OtlpTraceFile;
import dev.livetalk.metrics.replay.LineFolds;
import dev.livetalk.metrics.results.BudgetVerdict;
import dev.livetalk.metrics.results.ResultsDocument;
import dev.livetalk.metrics.results.ScenarioStop;
import dev.livetalk.metrics.results.StrategyResult;
import dev.livetalk.metrics.trace.RoomSlices;
import dev.livetalk.metrics.trace.RunTrace;
import dev.livetalk.scenarios.Scenario;
import dev.livetalk.scenarios.fault.FaultScheduleJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs one scenario once per strategy on a backend, on the same resolved plan, and measures
 * each run: the one runner of every network. Writes the per-strategy interval logs
 * ({@code STRATEGY.hlog}), the ledger of every message's story ({@code ledger/STRATEGY/},
 * docs/LEDGER.md) and the resolved schedule ({@code fault-schedule.json}) into the
 * scenario's folder; the results document it returns names them. Given an
 * {@link OtlpTraceFile}, it appends each strategy's messages to it as traces (docs/OTLP.md),
 * from the same ledger. Where the backend gives one
 * trace per seed ({@link Backend#checksReplay()}), each strategy is played twice and the trace
 * hashes must be equal, or the harness is broken and the strategy fails with a
 * {@link RunFailure} naming both hashes; the second play runs on a thread of its own, beside
 * the first and its measurement, and nothing is written for the strategy before both agree.
 *
 * <p>A strategy whose run fails in the harness (a {@link RunFailure}, or an exception while
 * playing or measuring it) stops the scenario: the document then holds the strategies that
 * finished and {@link ResultsDocument#stopped()} says which one failed and why; no later
 * strategy is played. An interrupt of the calling thread stops it before the next strategy
 * ({@link InterruptedIOException}) or, inside one, as the backend notices. A strategy whose
 * self-check's second play runs out of heap, or whose ledger or interval log runs out of heap
 * while it is written (its figures are complete by then), is kept in the document without what
 * was not done (its figures unconfirmed by a replay; an unfinished ledger is removed; a ledger
 * that failed still leaves the heap for the log), and the scenario stops there as a heap stop
 * naming it ({@link ScenarioStop.Cause#HEAP_EXHAUSTED}); one that runs out of heap before its
 * figures are complete stops it so too, without its result.
 *
 * <p>Runs on the caller's thread, one strategy after the other (a self-check's second play on
 * a thread of its own, which the strategy waits for).
 */
public final class ScenarioRunner {
    private static final System.Logger LOG = System.getLogger(ScenarioRunner.class.getName());
    private final Backend backend;
    private final RunSettings settings;
    private final RunProgress progress;
    private final boolean writesLedger;
    private final OtlpTraceFile otlp;
    private final MemoryGuard guard;
    private final IntervalLogWriter intervalLogs;
    private final LedgerFinisher ledgers;

    /**
     * Writes a strategy's interval log ({@link HlogWriter#write(Path, String, LatencyReport, long)}
     * by default; a seam for the tests' heap that runs out while the log is written).
     */
    @FunctionalInterface
    public interface IntervalLogWriter {
        void write(Path file, String strategy, LatencyReport report, long startEpochMillis) throws IOException;
    }

    /**
     * Finishes a strategy's ledger ({@link LedgerWriter#finish()} by default: the merges of its spill
     * files; a seam for the tests' heap that runs out while the ledger is finished).
     */
    @FunctionalInterface
    public interface LedgerFinisher {
        LedgerWriter.Written finish(LedgerWriter ledger) throws IOException;
    }

    /** A runner that writes each strategy's ledger. */
    public ScenarioRunner(Backend backend, RunSettings settings, RunProgress progress) {
        this(backend, settings, progress, true);
    }

    /** A runner that writes each strategy's ledger when {@code writesLedger}. */
    public ScenarioRunner(Backend backend, RunSettings settings, RunProgress progress, boolean writesLedger) {
        this(backend, settings, progress, writesLedger, null);
    }

    /**
     * A runner that writes each strategy's ledger when {@code writesLedger} and appends its
     * messages as traces to {@code otlp} unless it is {@code null}.
     */
    public ScenarioRunner(Backend backend, RunSettings settings, RunProgress progress, boolean writesLedger,
                          OtlpTraceFile otlp) {
        this(backend, settings, progress, writesLedger, otlp, MemoryGuard.NONE, HlogWriter::write,
                LedgerWriter::finish);
    }

    private ScenarioRunner(Backend backend, RunSettings settings, RunProgress progress, boolean writesLedger,
                           OtlpTraceFile otlp, MemoryGuard guard, IntervalLogWriter intervalLogs,
                           LedgerFinisher ledgers) {
        this.guard = guard;
        this.intervalLogs = intervalLogs;
        this.ledgers = ledgers;
        this.backend = backend;
        this.settings = settings;
        this.progress = progress;
        this.writesLedger = writesLedger;
        this.otlp = otlp;
    }

    /**
     * This runner, whose strategy runs end early when {@code guard} trips (the heap is nearly
     * full): the strategy is measured as far as it went, and the scenario stops there
     * ({@link ScenarioStop.Cause#HEAP_EXHAUSTED}).
     */
    public ScenarioRunner guardedBy(MemoryGuard guard) {
        return new ScenarioRunner(backend, settings, progress, writesLedger, otlp, guard, intervalLogs, ledgers);
    }

    /** This runner, writing each strategy's interval log with {@code writer} (tests). */
    public ScenarioRunner writingIntervalLogsWith(IntervalLogWriter writer) {
        return new ScenarioRunner(backend, settings, progress, writesLedger, otlp, guard, writer, ledgers);
    }

    /** This runner, finishing each strategy's ledger with {@code finisher} (tests). */
    public ScenarioRunner finishingLedgersWith(LedgerFinisher finisher) {
        return new ScenarioRunner(backend, settings, progress, writesLedger, otlp, guard, intervalLogs, finisher);
    }

    /**
     * Plays {@code scenario} for each of {@code strategies} with {@code seed}, writing files
     * into {@code folder} (created if missing).
     */
    public ResultsDocument run(Scenario scenario, List<String> strategies, long seed, Path folder)
            throws IOException, InterruptedException {
        RunPlan plan = RunPlan.resolve(scenario, seed);
        backend.check(plan);
        Files.createDirectories(folder);
        deleteLedgers(folder);
        Files.writeString(folder.resolve("fault-schedule.json"), FaultScheduleJson.toJson(plan.faults()));
        List<StrategyResult> results = new ArrayList<>();
        ScenarioStop stopped = null;
        for (String strategy : strategies) {
            if (Thread.interrupted()) {
                throw new InterruptedIOException("interrupted before strategy " + strategy + " of " + scenario.name());
            }
            try {
                Measured measured = measure(plan, strategy, folder);
                results.add(measured.result());
                if (measured.heapStop() != null) {
                    stopped = new ScenarioStop(ScenarioStop.Cause.HEAP_EXHAUSTED, strategy,
                            measured.heapStop() + "; a longer soak needs more heap"
                                    + " (LIVETALK_JAVA_OPTS=-Xmx...) or fewer clients", measured.figuresKept());
                    break;
                }
            } catch (OutOfMemoryError e) {
                // the heap guard watches the play; measuring a long run can still run out: what the strategy
                // held is garbage once this is thrown, so the scenario's end is written as a heap stop
                // named with the heap it ran out of, as the guard's stop is: what to raise -Xmx from
                stopped = new ScenarioStop(ScenarioStop.Cause.HEAP_EXHAUSTED, strategy, "the harness ran"
                        + " out of heap (" + e.getMessage() + "; max heap " + MemoryGuard.bytes(Runtime.getRuntime()
                        .maxMemory()) + ") while measuring " + strategy + "; a longer run needs"
                        + " more heap (LIVETALK_JAVA_OPTS=-Xmx...) or fewer clients");
                LOG.log(System.Logger.Level.DEBUG, "strategy " + strategy + " ran out of heap", e);
                break;
            } catch (IOException e) {
                // a file of the run that could not be written or read (the ledger on a full disk, naming its file):
                // the harness failed, as when the trace cannot be written; what finished before is kept.
                // An interruption's stays what it is: the command line ends the run as interrupted.
                if (e instanceof java.io.InterruptedIOException || e instanceof java.nio.channels.ClosedByInterruptException
                        || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                stopped = new ScenarioStop(ScenarioStop.Cause.HARNESS_FAILURE, strategy, reason(e));
                LOG.log(System.Logger.Level.DEBUG, "strategy " + strategy + " could not write or read a file", e);
                break;
            } catch (RuntimeException | Error e) {
                // an Error too, of a strategy's making: a plugged-in jar without a class it uses (LinkageError), a
                // StackOverflowError, an AssertionError; not one that puts the JVM in doubt (Throwables)
                if (!Throwables.recoverable(e)) {
                    throw e;
                }
                stopped = new ScenarioStop(ScenarioStop.Cause.HARNESS_FAILURE, strategy, reason(e));
                LOG.log(System.Logger.Level.DEBUG, "strategy " + strategy + " stopped the run", e);
                break;
            }
        }
        ResultsDocument document = ResultsDocument.of(scenario.name(), seed, backend.network(),
                backend.environment(), plan.faults(), results);
        return stopped == null ? document : document.stoppedBy(stopped);
    }

    /** Plays one strategy of {@code plan} (twice where the backend checks replays) and returns its trace. */
    public RunTrace play(RunPlan plan, String strategy) throws IOException, InterruptedException {
        try (SelfCheck check = SelfCheck.start(this, plan, strategy)) {
            StrategyPlay first = new StrategyPlay(firstPlay(), plan, strategy, settings, progress);
            RunRecord record = first.play();
            check.finish(record, first.summary());
            return record.trace();
        }
    }

    /**
     * The self-check of one strategy where the backend checks replays: the second play runs on
     * a thread of its own from {@link #begin()}, which a measured run calls once the first play
     * is recorded, so that the second play goes on beside the first one's measurement (the
     * first play has the second core for its trace writer and the collector: a 1,000-client
     * minute played in 9.3-10.4 s alone against 17-25 s beside its replay, and measuring takes
     * about as long as the replay). The trace hashes are compared when both are done, and a
     * second play that fails fails the strategy as the first would. Where the backend does not
     * check replays, it only reports the first play.
     */
    private static final class SelfCheck implements AutoCloseable {
        private final ScenarioRunner runner;
        private final RunPlan plan;
        private final String strategy;
        /** When the strategy's plays began, then when the second play began. */
        private long started = System.nanoTime();
        private final java.util.concurrent.FutureTask<Replayed> replay;
        private boolean begun;

        /** The second play's trace hash and how long it took. */
        private record Replayed(String hash, long nanos) {
        }

        private SelfCheck(ScenarioRunner runner, RunPlan plan, String strategy) {
            this.runner = runner;
            this.plan = plan;
            this.strategy = strategy;
            if (!runner.backend.checksReplay()) {
                replay = null;
                return;
            }
            replay = new java.util.concurrent.FutureTask<>(() -> {
                String again = new StrategyPlay(runner.backend, plan, strategy, runner.settings, RunProgress.NONE)
                        .playDigest();
                return new Replayed(again, System.nanoTime() - started);
            });
        }

        /** A self-check whose second play starts with {@link #begin()}. */
        static SelfCheck prepare(ScenarioRunner runner, RunPlan plan, String strategy) {
            return new SelfCheck(runner, plan, strategy);
        }

        /** A self-check whose second play starts now, beside the first. */
        static SelfCheck start(ScenarioRunner runner, RunPlan plan, String strategy) {
            SelfCheck check = new SelfCheck(runner, plan, strategy);
            check.begin();
            return check;
        }

        /** Starts the second play on a thread of its own (once; nothing where the backend checks no replays). */
        void begin() {
            if (replay == null || begun) {
                return;
            }
            begun = true;
            started = System.nanoTime();
            Thread thread = new Thread(replay, "livetalk-self-check-" + strategy);
            thread.setDaemon(true);
            thread.start();
        }

        /** Waits for the second play, compares the hashes and tells the progress the plays' note. */
        void finish(RunRecord first, String note) throws IOException, InterruptedException {
            begin(); // where nothing began it (a run measured without a hook after its play)
            if (replay != null) {
                String hash = first.digest();
                Replayed again;
                try {
                    again = replay.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    switch (e.getCause()) {
                        // the plays may differ (the simulator's second goes through the codec): say which failed
                        case RuntimeException failure -> throw new RunFailure("the self-check's second play failed"
                                + " where the first did not: " + reason(failure));
                        case Error error when Throwables.recoverable(error) -> throw new RunFailure("the self-check's"
                                + " second play failed where the first did not: " + reason(error));
                        case Error error -> throw error;
                        case InterruptedException interrupted -> throw interrupted;
                        case IOException io -> throw io;
                        default -> throw new IllegalStateException(e.getCause());
                    }
                }
                runner.requireSameTrace(plan, strategy, hash, again.hash());
                note = (note == null ? "" : note + "; ") + String.format(java.util.Locale.ROOT,
                        "self-check replay %.2f s, same trace", again.nanos() / 1e9);
            }
            if (note != null) {
                runner.progress.onNote(plan.scenario().name() + " " + strategy + ": " + note);
            }
            LOG.log(System.Logger.Level.DEBUG, () -> plan.scenario().name() + " " + strategy + " played in "
                    + (System.nanoTime() - started) / 1_000_000 + " ms");
        }

        /** Stops the second play if it still runs (the first failed or was interrupted). */
        @Override
        public void close() {
            if (replay != null) {
                replay.cancel(true);
            }
        }
    }

    /** The backend of a strategy's first play: the one of a checked play where a second play checks it. */
    private Backend firstPlay() {
        return backend.checksReplay() ? backend.checkedPlay() : backend;
    }

    /** Fails with a harness error when two plays of one seed gave different traces. */
    void requireSameTrace(RunPlan plan, String strategy, String first, String second) {
        if (!first.equals(second)) {
            throw new RunFailure("harness bug: the " + backend.network() + " backend " + backend.replayDiffers() + ": "
                    + plan.scenario().name()
                    + " with " + strategy + " and seed " + plan.seed() + " gave trace " + first + " then " + second);
        }
    }

    /**
     * A strategy's result, and why the heap stopped it ({@code heapStop}: its run ended early, or steps
     * after its figures were not done; {@code null} when neither), whether the result is whole then
     * ({@code figuresKept}: only late steps failed).
     */
    private record Measured(StrategyResult result, String heapStop, boolean figuresKept) {
    }

    private Measured measure(RunPlan plan, String strategy, Path folder) throws IOException, InterruptedException {
        long startMillis = backend.hlogStartMillis();
        try (SelfCheck check = SelfCheck.prepare(this, plan, strategy)) {
            StrategyPlay first = new StrategyPlay(firstPlay(), plan, strategy, settings, progress, guard);
            // measured room by room from the trace on disk, while the self-check's second play (if any) goes on
            // beside it; the ledger takes its rows from the same replay of each room
            return first.play((record, slices) -> {
                String stoppedEarly = first.stoppedEarly().orElse(null);
                if (stoppedEarly == null) {
                    check.begin();
                } // else no replay: one of a run cut short by the heap would not match it, and needs heap too
                String note = first.summary();
                LedgerFiles.Stamp stamp = new LedgerFiles.Stamp(plan.scenario().name(), strategy, plan.seed());
                long[] otlpNanos = {0};
                try (LedgerWriter ledger = writesLedger || otlp != null ? LedgerWriter.open(
                        writesLedger ? ledgerFolder(folder, strategy) : null, stamp, slices.run(),
                        otlp == null ? null : part -> {
                            long started = System.nanoTime();
                            otlp.append(stamp, plan.scenario().warmup(), part);
                            otlpNanos[0] += System.nanoTime() - started;
                        }) : null) {
                    long[] ledgerNanos = {0};
                    MeasureProgress measuring = new MeasureProgress(progress, plan.scenario().name(), strategy,
                            slices.rooms().size(), System::nanoTime);
                    Measurement measurement;
                    try {
                        // every member's final lines are read as they settle, by the checks and the ledger
                        measurement = Measurement.of(slices, LatencyReport.DEFAULT_INTERVAL_NANOS,
                                ledger == null ? LineFolds.KEEP : ledger.lineFolds(), room -> {
                            if (ledger != null) {
                                long started = System.nanoTime();
                                try {
                                    ledger.add(room);
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                                ledgerNanos[0] += System.nanoTime() - started;
                            }
                            measuring.measured(room.index().all().size());
                        });
                    } catch (UncheckedIOException e) {
                        throw e.getCause();
                    }
                    try (var latency = measurement.latency()) { // deletes the interval samples' file, if any
                        Drift drift = Drift.of(measurement, plan.scenario().duration());
                        List<BudgetVerdict> verdicts = BudgetEvaluator.evaluate(plan.scenario().budgets(), measurement, drift);
                        Path hlog = folder.resolve(strategy + ".hlog");
                        StrategyResult result = StrategyResult.of(measurement, verdicts,
                                List.of(hlog.getFileName().toString()), drift)
                                .examplesSince(slices.run().measuredFrom());
                        // the figures are complete: what runs out of heap from here on is left out, not them
                        List<String> unwritten = new ArrayList<>();
                        if (stoppedEarly == null) {
                            // the second play goes on beside the measurement, the heap's fullest time: one that ran
                            // out of heap leaves the first play's figures unconfirmed, not wrong
                            afterFigures(strategy, "in the self-check's second play of " + strategy,
                                    "not confirmed by a replay", () -> check.finish(record, note), () -> { })
                                    .ifPresent(unwritten::add);
                        }
                        if (ledger != null) {
                            finishLedger(plan, strategy, folder, stamp, ledger, ledgerNanos[0], otlpNanos)
                                    .ifPresent(unwritten::add);
                        }
                        // written after a ledger that ran out of heap too: the ledger's merges are over by then
                        Optional<String> log = afterFigures(strategy, "writing " + hlog.getFileName()
                                        + ", the interval log of " + strategy, "the log is not written",
                                () -> intervalLogs.write(hlog, strategy, latency, startMillis),
                                () -> Files.deleteIfExists(hlog));
                        if (log.isPresent()) {
                            unwritten.add(log.get());
                            result = result.withHlogs(List.of());
                        }
                        boolean figuresKept = stoppedEarly == null && !unwritten.isEmpty();
                        if (stoppedEarly != null) {
                            unwritten.addFirst(stoppedEarly);
                        }
                        return new Measured(result, unwritten.isEmpty() ? null : String.join("; ", unwritten),
                                figuresKept);
                    }
                }
            });
        }
    }

    /** A late step of a strategy whose figures are complete, or its undoing. */
    @FunctionalInterface
    private interface LateStep {
        void run() throws IOException, InterruptedException;
    }

    /**
     * Runs {@code step}, a late step of a strategy whose figures are complete by then (waiting for
     * its self-check's second play, finishing its ledger, writing its interval log): empty once
     * done. One that runs out of heap is undone by {@code undo} (no half file is read as the run's)
     * and left out, and what is returned says so, for the heap stop that keeps the figures: "the
     * harness ran out of heap (...) DOING: its figures are kept, LOST".
     */
    private static Optional<String> afterFigures(String strategy, String doing, String lost, LateStep step,
                                                 LateStep undo) throws IOException, InterruptedException {
        try {
            step.run();
            return Optional.empty();
        } catch (OutOfMemoryError e) {
            LOG.log(System.Logger.Level.DEBUG, "strategy " + strategy + " ran out of heap " + doing, e);
            String reason = "the harness ran out of heap (" + e.getMessage() + ") " + doing + ": its figures are kept, "
                    + lost;
            try {
                undo.run();
            } catch (IOException | RuntimeException notRemoved) { // a writer thread that does not stop, too
                reason += " (a partial output is left: " + notRemoved.getMessage() + ")";
            }
            return Optional.of(reason);
        }
    }

    /**
     * Finishes the run's ledger, written room by room into {@code ledger/STRATEGY/} of the scenario's
     * folder (unless told not to) and appended to the OTLP traces (when given), and notes its figures;
     * empty then. One that runs out of heap is removed (its files and its folder) and what is
     * returned says so ({@link #afterFigures}).
     */
    private Optional<String> finishLedger(RunPlan plan, String strategy, Path folder, LedgerFiles.Stamp stamp,
                                          LedgerWriter rows, long addNanos, long[] otlpNanos)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        LedgerWriter.Written[] written = {null};
        Path ledgerFolder = ledgerFolder(folder, strategy);
        // the OTLP traces take each room's rows as the ledger is written: those of rooms not yet written are lost
        String partialTraces = "its OTLP traces may lack some messages";
        Optional<String> unwritten = afterFigures(strategy, "writing " + (writesLedger
                        ? folder.relativize(ledgerFolder) + "/, the ledger of " + strategy
                        : otlp.path().getFileName() + ", the OTLP traces of " + strategy),
                !writesLedger ? partialTraces
                        : "the ledger is not written" + (otlp == null ? "" : " (" + partialTraces + ")"),
                () -> written[0] = ledgers.finish(rows),
                () -> {
                    rows.close(); // removes the unfinished ledger's files and lets go of what the merges held
                    if (writesLedger) {
                        Files.deleteIfExists(ledgerFolder); // empty by then
                    }
                });
        if (unwritten.isPresent()) {
            return unwritten;
        }
        LedgerWriter.Written ledger = written[0];
        long finished = System.nanoTime();
        if (writesLedger) {
            progress.onNote(plan.scenario().name() + " " + strategy + ": "
                    + ledgerNote(ledger, addNanos, finished - started));
        }
        if (otlp != null && otlp.failure().isPresent()) {
            progress.onNote(plan.scenario().name() + " " + strategy + ": no OTLP traces: cannot write "
                    + otlp.path() + ": " + otlp.failure().get().getMessage());
        } else if (otlp != null) {
            progress.onNote(String.format(java.util.Locale.ROOT, "%s %s: %,d messages as OTLP traces in %.2f s",
                    plan.scenario().name(), strategy, ledger.messages(), otlpNanos[0] / 1e9));
        }
        return Optional.empty();
    }

    /**
     * The ledger's figures for the console: {@code ledger of 819 (message, recipient) rows, 62 kB
     * (76 B per row), built in ...}; without a row, no bytes per row (the bytes are the other tables').
     */
    static String ledgerNote(LedgerWriter.Written ledger, long builtNanos, long writtenNanos) {
        String size = ledger.pairs() == 0
                ? String.format(java.util.Locale.ROOT, "%,.0f kB (its other tables alone)", ledger.bytes() / 1e3)
                : String.format(java.util.Locale.ROOT, "%,.0f kB (%.0f B per row)", ledger.bytes() / 1e3,
                        ledger.bytes() / (double) ledger.pairs());
        return String.format(java.util.Locale.ROOT, "ledger of %,d (message, recipient) rows, %s, built in %.2f s"
                        + " (room by room, as measured), written in %.2f s (after; %,.0f kB spilled)",
                ledger.pairs(), size, builtNanos / 1e9, writtenNanos / 1e9, ledger.spillBytes() / 1e3);
    }

    /**
     * Removes the ledgers an earlier run left in the scenario's folder, so that no ledger of
     * another seed or strategy set is read (by audit, explain or the report) beside this run's results.
     */
    private static void deleteLedgers(Path folder) throws IOException {
        Path ledgers = folder.resolve("ledger");
        if (!Files.exists(ledgers)) {
            return;
        }
        try (java.util.stream.Stream<Path> paths = Files.walk(ledgers)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Where a strategy's ledger lies in a scenario's folder: {@code ledger/STRATEGY}. */
    public static Path ledgerFolder(Path scenarioFolder, String strategy) {
        return LedgerFolder.of(scenarioFolder, strategy);
    }

    /** A harness failure's own message; anything else (a bug) with its class, so it is not mistaken for one. */
    private static String reason(Throwable e) {
        String message = e instanceof RunFailure ? e.getMessage() : e.toString();
        return message == null || message.isBlank() ? e.getClass().getName() : message;
    }
}
