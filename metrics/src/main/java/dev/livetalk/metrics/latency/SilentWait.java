package dev.livetalk.metrics.latency;

import dev.livetalk.client.transcript.MessageStatus;
import dev.livetalk.metrics.replay.LogicalMessage;
import dev.livetalk.metrics.replay.RoomReplay;
import dev.livetalk.metrics.replay.StatusStep;
import dev.livetalk.metrics.trace.SendRecord;
import dev.livetalk.scenarios.budget.Metric;

import java.util.List;

/**
 * The {@code silent-wait} of a send (docs/METRICS.md, "Perceived latency"): the longest time its
 * sender looked at an unchanged status. The waits run from the send (its intended time, so the
 * harness's own lag counts, as in every latency; the raw figure from the actual send) to its
 * line's first appearance, then from each status its lines showed to the next, and end when a
 * line shows READ or FAILED, or scrolls away (a transcript limit evicted it: its status is no
 * longer shown, nor ever changes again), or at the end of the run. A send whose line never
 * appeared is never.
 *
 * <p>Stateless; any thread.
 */
final class SilentWait {
    private SilentWait() {
    }

    /** Records the silent wait of {@code message}'s send, shown by {@code replay} (null: never joined) in a run ending at {@code end}. */
    static void record(LatencyReport report, LogicalMessage message, RoomReplay replay, long end) {
        SendRecord send = message.send();
        List<StatusStep> steps = replay == null ? List.of() : replay.statusOf(message.key());
        if (steps.isEmpty()) {
            report.recordNever(Metric.SILENT_WAIT, message.room(), send.intendedAt());
            return;
        }
        long first = steps.get(0).at();
        long longest = 0;
        long since = first;
        long until = end;
        for (StatusStep step : steps) {
            longest = Math.max(longest, step.at() - since);
            since = step.at();
            if (step.status() == MessageStatus.READ || step.status() == MessageStatus.FAILED || step.evicted()) {
                until = step.at();
                break;
            }
        }
        longest = Math.max(longest, Math.max(0, until - since));
        report.recordSpan(Metric.SILENT_WAIT, message.room(), send.intendedAt(), until, Math.max(longest, first - send.intendedAt()),
                Math.max(longest, Math.max(0, first - send.actualAt())));
    }
}
