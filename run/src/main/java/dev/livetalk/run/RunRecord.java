package dev.livetalk.run;

import dev.livetalk.metrics.trace.RunTrace;

import java.util.List;
import java.util.Map;

/**
 * What one strategy's run left behind: the trace the metrics are computed from, and what the
 * harness saw of the network, so that tests can check a fault really happened.
 *
 * @param trace           the trace; {@code null} when it was read one room at a time
 *                        ({@link StrategyPlay#play(StrategyPlay.RoomMeasure)}) or not at all ({@link StrategyPlay#playDigest()})
 * @param welcomes        per user, the welcomes its links received (more than its link count:
 *                        it reconnected)
 * @param faults          the fault windows as played
 * @param transportErrors frames that failed to decode, sends that failed, transport errors
 * @param digest          the trace's stable hash ({@link dev.livetalk.metrics.trace.TraceRecorder#digest()}):
 *                        equal for equal runs, in any process
 */
public record RunRecord(RunTrace trace, Map<String, Integer> welcomes, List<PlayedFault> faults,
                        long transportErrors, String digest) {
    public RunRecord {
        welcomes = Map.copyOf(welcomes);
        faults = List.copyOf(faults);
    }

    /** This record with its trace. */
    public RunRecord withTrace(RunTrace read) {
        return new RunRecord(read, welcomes, faults, transportErrors, digest);
    }
}
