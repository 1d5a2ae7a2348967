package dev.livetalk.metrics.recovery;

import dev.livetalk.metrics.replay.LogicalMessage;
import dev.livetalk.metrics.replay.ReplayedRun;
import dev.livetalk.metrics.replay.RoomReplay;
import dev.livetalk.metrics.trace.CommittedMessage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The acknowledged messages the server lost, with when their sender saw the ack: the replay's
 * {@link ReplayedRun#acknowledgedLost()} (committed only in epochs a restart without durable
 * history lost, a line of theirs shown committed at their sender; docs/METRICS.md, "Server
 * restarts"), the one definition the checkers, the ledger and these figures share. With one
 * server history there are none.
 *
 * <p>Stateless; any thread.
 */
public final class AckedLosses {
    /** The order of the losses: by ack time, then sender client, then client message id. */
    static final Comparator<AckedLoss> ORDER = Comparator.comparingLong(AckedLoss::ackedAt)
            .thenComparing(AckedLoss::clientId).thenComparing(AckedLoss::clientMsgId);

    private AckedLosses() {
    }

    /** Every acknowledged message the server lost, by ack time. */
    public static List<AckedLoss> of(ReplayedRun run) {
        List<AckedLoss> lost = new ArrayList<>();
        for (LogicalMessage message : run.acknowledgedLost()) {
            RoomReplay sender = run.of(message.senderClientId(), message.room());
            CommittedMessage last = message.lostCommits().get(message.lostCommits().size() - 1);
            lost.add(new AckedLoss(message.senderClientId(), message.room(), last.message().clientMsgId(), last.id(),
                    sender.acked().get(message.key())));
        }
        lost.sort(ORDER);
        return lost;
    }
}
