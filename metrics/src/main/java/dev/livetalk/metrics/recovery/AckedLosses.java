package dev.livetalk.metrics.recovery;

import dev.livetalk.client.transcript.TranscriptChange;
import dev.livetalk.client.transcript.TranscriptEntry;
import dev.livetalk.metrics.trace.ClientTrace;
import dev.livetalk.metrics.trace.CommittedMessage;
import dev.livetalk.metrics.trace.RunTrace;
import dev.livetalk.metrics.trace.SendRecord;
import dev.livetalk.metrics.trace.Transmission;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the acknowledged messages the server no longer holds: every send of a client (under
 * the client message id of any of its transmissions) whose line showed a server id, with no
 * commit of the same sender and client message id in the room's log of {@link RunTrace#serverLog()}
 * (the server's final log). Only a restart without durable history loses acknowledged
 * messages; with one server history this finds none.
 *
 * <p>Stateless; any thread.
 */
public final class AckedLosses {
    private AckedLosses() {
    }

    /** Every acknowledged message missing from the final log, by ack time. */
    public static List<AckedLoss> of(RunTrace trace) {
        Set<String> held = new HashSet<>();
        trace.serverLog().values().forEach(log -> log.messages().forEach(m -> held.add(key(m))));
        List<AckedLoss> lost = new ArrayList<>();
        for (ClientTrace client : trace.clients()) {
            acked(client).forEach((key, loss) -> {
                if (!held.contains(key)) {
                    lost.add(loss);
                }
            });
        }
        lost.sort(Comparator.comparingLong(AckedLoss::ackedAt).thenComparing(AckedLoss::clientId)
                .thenComparing(AckedLoss::clientMsgId));
        return lost;
    }

    /** Per (room, sender, client message id) of its own sends, the first moment its line showed a server id. */
    private static Map<String, AckedLoss> acked(ClientTrace client) {
        Set<String> own = new HashSet<>();
        client.sends().forEach((SendRecord s) -> own.add(s.room() + '\n' + s.clientMsgId()));
        client.transmissions().forEach((Transmission t) -> own.add(t.room() + '\n' + t.clientMsgId()));
        Map<String, AckedLoss> acked = new LinkedHashMap<>();
        for (TranscriptChange change : client.changes()) {
            TranscriptEntry entry = change.entry();
            if (change instanceof TranscriptChange.Removed || !entry.isCommitted() || entry.clientMsgId() == null
                    || !client.user().equals(entry.from()) || !own.contains(change.room() + '\n' + entry.clientMsgId())) {
                continue;
            }
            acked.putIfAbsent(key(change.room(), entry.from(), entry.clientMsgId()),
                    new AckedLoss(client.clientId(), change.room(), entry.clientMsgId(), entry.id(), change.at()));
        }
        return acked;
    }

    private static String key(CommittedMessage m) {
        return key(m.message().room(), m.message().from(), m.message().clientMsgId());
    }

    private static String key(String room, String from, String clientMsgId) {
        return room + '\n' + from + '\n' + clientMsgId;
    }
}
