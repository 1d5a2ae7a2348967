package dev.livetalk.metrics;

import dev.livetalk.metrics.correctness.CorrectnessChecker;
import dev.livetalk.metrics.correctness.CorrectnessReport;
import dev.livetalk.metrics.latency.LatencyCollector;
import dev.livetalk.metrics.latency.LatencyReport;
import dev.livetalk.metrics.recovery.RecoveryCheck;
import dev.livetalk.metrics.recovery.RecoveryReport;
import dev.livetalk.metrics.replay.LineFolds;
import dev.livetalk.metrics.replay.ReplayedRun;
import dev.livetalk.metrics.replay.SampleGrid;
import dev.livetalk.metrics.trace.RoomSlices;
import dev.livetalk.metrics.trace.RunTrace;

import java.util.function.Consumer;

/**
 * What one strategy's run measured: the correctness checkers' report, the latency series and
 * the recovery figures per fault window.
 * {@link #of(RunTrace)} is the entry point from a trace to the figures.
 *
 * <p>A run is measured one room at a time ({@link #of(RoomSlices, long, Consumer)}): each room's
 * slice is replayed, checked and let go before the next, and only small per-(client, room)
 * figures are kept across rooms, so the memory the measurement needs beyond the trace is that of
 * its largest room. Within a room the members' change logs are read in one pass, each change
 * handed to its member's replay as it comes ({@link ReplayedRun#of(RoomSlices, String)}), so a
 * room's replay holds its messages and what each member ended up showing, not the members' change
 * logs. Nor does it keep each member's final lines, a line per message of the room per member: the
 * checks that read them (the room's check, the final placements of the latency report) take each line
 * as the replay hands it over when it settles ({@link LineFolds}: evicted from its member's window, or
 * at the end). So does a reader beside them that asks ({@link #of(RoomSlices, long, LineFolds, Consumer)}: the
 * ledger, {@link dev.livetalk.metrics.ledger.LedgerWriter#lineFolds}). The latency report's per-interval
 * histograms are not held across rooms
 * either: it keeps the samples compactly (past 32 MB in a temporary file, deleted by
 * {@link LatencyReport#close}) and builds the histograms one window of intervals at a time when
 * read, merged across rooms interval by interval.
 *
 * <p>Immutable apart from the histograms inside the latency report, which nobody writes after
 * {@link #of}; read it from any thread once built.
 */
public record Measurement(String strategy, CorrectnessReport correctness, LatencyReport latency,
                          RecoveryReport recovery) {

    /** A measurement without recovery figures (no fault windows). */
    public Measurement(String strategy, CorrectnessReport correctness, LatencyReport latency) {
        this(strategy, correctness, latency, RecoveryReport.none());
    }

    /**
     * Replays the trace room by room, running the correctness checkers, the latency collector and
     * the recovery figures over each room; interval logs get 1 s intervals from the end of the warm-up.
     */
    public static Measurement of(RunTrace trace) {
        return of(trace, LatencyReport.DEFAULT_INTERVAL_NANOS);
    }

    /** As {@link #of(RunTrace)}, with intervals of {@code intervalNanos} for the interval logs. */
    public static Measurement of(RunTrace trace, long intervalNanos) {
        return of(RoomSlices.of(trace), intervalNanos, false, room -> { });
    }

    /**
     * Measures a run one room at a time: replays each room's slice once, runs every checker's part
     * of that room over it, hands the replay to {@code eachRoom} (the ledger builds its rows from
     * the same replay), and lets it go before the next room.
     */
    public static Measurement of(RoomSlices run, long intervalNanos, Consumer<ReplayedRun> eachRoom) {
        return of(run, intervalNanos, true, eachRoom);
    }

    /**
     * As {@link #of(RoomSlices, long, Consumer)}; {@code keepLines}: every replay handed to {@code eachRoom}
     * keeps its members' final lines ({@link dev.livetalk.metrics.replay.RoomReplay#finalEntries()}: for a reader
     * of them that does not fold, such as a ledger built in memory); else they are read by the checks as they
     * settle and not kept ({@link LineFolds}). The figures are the same either way.
     */
    public static Measurement of(RoomSlices run, long intervalNanos, boolean keepLines,
                                 Consumer<ReplayedRun> eachRoom) {
        return measure(run, intervalNanos, keepLines ? null : LineFolds.KEEP, eachRoom);
    }

    /**
     * As {@link #of(RoomSlices, long, Consumer)}, every member's final lines read as they settle, not kept
     * ({@link LineFolds}): by the checks, and by {@code alsoFolds} (what {@code eachRoom} reads of them: the
     * ledger's {@link dev.livetalk.metrics.ledger.LedgerWriter#lineFolds}). The figures are the same.
     */
    public static Measurement of(RoomSlices run, long intervalNanos, LineFolds alsoFolds,
                                 Consumer<ReplayedRun> eachRoom) {
        if (alsoFolds == null) {
            throw new IllegalArgumentException("the folds beside the checks' are LineFolds.KEEP when there are none");
        }
        return measure(run, intervalNanos, alsoFolds, eachRoom);
    }

    /** {@code alsoFolds}: folded with the checks' folds; {@code null}: every replay keeps its lines. */
    private static Measurement measure(RoomSlices run, long intervalNanos, LineFolds alsoFolds,
                                       Consumer<ReplayedRun> eachRoom) {
        RunTrace trace = run.run();
        CorrectnessChecker.Parts correctness = new CorrectnessChecker.Parts(trace, SampleGrid.of(run));
        LatencyReport latency = LatencyCollector.empty(trace, intervalNanos);
        RecoveryCheck.Parts recovery = new RecoveryCheck.Parts(trace);
        LatencyCollector.Placements placements = new LatencyCollector.Placements(latency);
        LineFolds folds = alsoFolds == null ? LineFolds.KEEP
                : LineFolds.both(LineFolds.both(correctness.lineFolds(), placements.lineFolds()), alsoFolds);
        for (String room : run.rooms()) {
            ReplayedRun replayed = ReplayedRun.of(run, room, folds);
            correctness.add(replayed);
            LatencyCollector.collect(replayed, latency, placements);
            placements.clear();
            recovery.add(replayed);
            eachRoom.accept(replayed);
        }
        CorrectnessReport report = correctness.report();
        return new Measurement(trace.strategy(), report, latency, recovery.report(report.byClient()));
    }
}
