package dev.livetalk.metrics.correctness;

import dev.livetalk.metrics.replay.IntervalCounts;
import dev.livetalk.metrics.replay.LineFolds;
import dev.livetalk.metrics.replay.MemberFolds;
import dev.livetalk.metrics.replay.ReplayedRun;
import dev.livetalk.metrics.replay.RoomReplay;
import dev.livetalk.metrics.replay.SampleGrid;
import dev.livetalk.metrics.trace.ClientTrace;
import dev.livetalk.metrics.trace.CommittedMessage;
import dev.livetalk.metrics.trace.RoomSlices;
import dev.livetalk.metrics.trace.RunTrace;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ordering-correctness checkers over a replayed run: per client and room, then summed; and
 * the status-truth checks ({@link StatusTruthCheck}) per room. A run is checked whole
 * ({@link #check}) or part by part ({@link Parts}: one room at a time), with the same report.
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
        Parts parts = new Parts(run.trace(), run.grid());
        parts.add(run);
        return parts.report();
    }

    /** Checks every client of the run, one room at a time (as {@link dev.livetalk.metrics.Measurement} does). */
    public static CorrectnessReport check(RoomSlices run) {
        Parts parts = new Parts(run.run(), SampleGrid.of(run));
        for (String room : run.rooms()) {
            parts.add(ReplayedRun.of(run, room));
        }
        return parts.report();
    }

    /**
     * The checks of a run whose rooms are replayed apart ({@link dev.livetalk.metrics.trace.RunTrace#slice}):
     * {@link #add} each part (a room, or several; each room in one part only), then {@link #report}. Keeps
     * per client and room its figures, per fault window and client when it converged, per room its
     * convergence times and status truth, and the first examples: no replay (while a part is replayed with
     * {@link #lineFolds}, each of its members' fold of its final lines, until the part is added).
     *
     * <p>Single use, single thread.
     */
    public static final class Parts {
        private final RunTrace run;
        private final SampleGrid grid;
        private final Examples examples = new Examples(EXAMPLES_PER_KIND);
        /** Per client (trace order), its rooms' figures by the room's place among the client's rooms. */
        private final List<TreeMap<Integer, RoomFigures>> figures = new ArrayList<>();
        private final ConvergenceCheck.ByClient byClient;
        private final Map<String, ConvergenceTimes> convergenceByRoom = new TreeMap<>();
        private final Map<String, StatusTruth> truth = new TreeMap<>();
        private final IntervalCounts overTime;
        /** The folds of the final lines of the part being replayed ({@link #lineFolds}). */
        private final MemberFolds<RoomCheck.Lines> folded = new MemberFolds<>("this check's");

        /**
         * @param run  the run's clients (in order), windows and warm-up end: the whole trace or any part of it
         * @param grid the run's sample grid (every part's)
         */
        public Parts(RunTrace run, SampleGrid grid) {
            this.run = run;
            this.grid = grid;
            run.clients().forEach(c -> figures.add(new TreeMap<>()));
            this.byClient = new ConvergenceCheck.ByClient(run);
            this.overTime = new IntervalCounts(grid.count());
        }

        /**
         * What reads each member's final lines for its room's check as the replay hands them over while they
         * settle ({@link ReplayedRun#of(RoomSlices, String, LineFolds)}), so that the replay need not keep
         * them; the part so replayed is then {@link #add}ed.
         */
        public LineFolds lineFolds() {
            return folded.lineFolds((index, slice, client, room, joinedAt, unreachable) -> new RoomCheck.Lines(index,
                    client.clientId(), room, joinedAt, unreachable, slice.log(room).after(joinedAt), examples.perKind()));
        }

        /** Checks the rooms replayed in {@code part}. */
        public void add(ReplayedRun part) {
            List<ClientTrace> clients = part.trace().clients();
            for (int c = 0; c < clients.size(); c++) {
                ClientTrace client = clients.get(c);
                for (Map.Entry<String, RoomReplay> e : part.replays().get(client.clientId()).entrySet()) {
                    RoomReplay replay = e.getValue();
                    int room = part.context().roomIndex(client.clientId(), e.getKey());
                    examples.at(Examples.FINAL_TRANSCRIPTS, c, room);
                    List<CommittedMessage> entitled = part.trace().log(e.getKey()).after(replay.joinedAt());
                    figures.get(c).put(room, replay.linesFolded()
                            ? RoomCheck.check(part.index(), client, replay, entitled, examples, folded.take(replay))
                            : RoomCheck.check(part.index(), client, replay, entitled, examples));
                    overTime.add(replay.overTime());
                }
            }
            byClient.add(part);
            convergenceByRoom.putAll(ConvergenceCheck.byRoom(part));
            truth.putAll(StatusTruthCheck.check(part, examples));
        }

        /** The report of every part added. */
        public CorrectnessReport report() {
            List<RoomFigures> rooms = new ArrayList<>();
            long converged = 0;
            for (TreeMap<Integer, RoomFigures> ofClient : figures) {
                rooms.addAll(ofClient.values());
                converged += ofClient.values().stream().allMatch(RoomFigures::converged) ? 1 : 0;
            }
            List<ClientConvergence> samples = byClient.samples();
            ConvergenceTimes times = ConvergenceCheck.times(samples);
            CorrectnessFigures sum = CorrectnessFigures.sum(run.clients().size(), converged, rooms, times)
                    .with(StatusTruth.sum(truth.values()));
            return new CorrectnessReport(sum, rooms, times, examples.list(), samples, overTime(),
                    RoomCorrectness.of(rooms, convergenceByRoom, truth));
        }

        /** Per interval of the run's grid, the counts of every client's rooms summed. */
        private List<CorrectnessInterval> overTime() {
            List<CorrectnessInterval> intervals = new ArrayList<>(grid.count());
            for (int k = 0; k < grid.count(); k++) {
                intervals.add(new CorrectnessInterval(grid.end(k) - grid.step() - run.measuredFrom(), grid.step(),
                        overTime.inversions(k), overTime.pending(k), overTime.missing(k)));
            }
            return intervals;
        }
    }
}
