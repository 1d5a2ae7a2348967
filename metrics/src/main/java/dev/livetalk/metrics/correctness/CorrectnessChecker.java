package dev.livetalk.metrics.correctness;

import dev.livetalk.metrics.replay.IntervalCounts;
import dev.livetalk.metrics.replay.ReplayedRun;
import dev.livetalk.metrics.replay.RoomReplay;
import dev.livetalk.metrics.replay.SampleGrid;
import dev.livetalk.metrics.trace.ClientTrace;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The ordering-correctness checkers over a replayed run: per client and room, then summed; and
 * the status-truth checks ({@link StatusTruthCheck}) over the whole run.
 *
 * <p>Stateless; any thread.
 */
public final class CorrectnessChecker {
    /** Examples kept per kind. */
    public static final int EXAMPLES_PER_KIND = 5;

    private CorrectnessChecker() {
    }

    /** Checks every client of the run. */
    public static CorrectnessReport check(ReplayedRun run) {
        Examples examples = new Examples(EXAMPLES_PER_KIND);
        List<RoomFigures> rooms = new ArrayList<>();
        long converged = 0;
        for (ClientTrace client : run.trace().clients()) {
            boolean clientConverged = true;
            for (Map.Entry<String, RoomReplay> e : run.replays().get(client.clientId()).entrySet()) {
                RoomReplay replay = e.getValue();
                RoomFigures figures = RoomCheck.check(run.index(), client, replay,
                        run.trace().log(e.getKey()).after(replay.joinedAt()), examples);
                rooms.add(figures);
                clientConverged &= figures.converged();
            }
            converged += clientConverged ? 1 : 0;
        }
        List<ClientConvergence> byClient = ConvergenceCheck.byClient(run);
        ConvergenceTimes times = ConvergenceCheck.times(byClient);
        Map<String, StatusTruth> truth = StatusTruthCheck.check(run, examples);
        CorrectnessFigures figures = CorrectnessFigures.sum(run.trace().clients().size(), converged, rooms, times)
                .with(StatusTruth.sum(truth.values()));
        return new CorrectnessReport(figures, rooms, times, examples.list(), byClient, overTime(run),
                RoomCorrectness.of(rooms, ConvergenceCheck.byRoom(run), truth));
    }

    /** Per interval of the run's grid, the counts of every client's rooms summed. */
    static List<CorrectnessInterval> overTime(ReplayedRun run) {
        SampleGrid grid = run.grid();
        IntervalCounts sum = new IntervalCounts(grid.count());
        run.replays().values().forEach(rooms -> rooms.values().forEach(r -> sum.add(r.overTime())));
        List<CorrectnessInterval> intervals = new ArrayList<>(grid.count());
        for (int k = 0; k < grid.count(); k++) {
            intervals.add(new CorrectnessInterval(grid.end(k) - grid.step() - run.trace().measuredFrom(), grid.step(),
                    sum.inversions(k), sum.pending(k), sum.missing(k)));
        }
        return intervals;
    }
}
