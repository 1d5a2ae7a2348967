package dev.livetalk.metrics.replay;

import dev.livetalk.client.transcript.TranscriptChange;
import dev.livetalk.client.transcript.TranscriptEntry;
import dev.livetalk.metrics.trace.ClientTrace;
import dev.livetalk.metrics.trace.CommittedMessage;
import dev.livetalk.metrics.trace.Refetch;
import dev.livetalk.metrics.trace.RunTrace;
import dev.livetalk.metrics.trace.WelcomeSeen;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one rule of bounded history (docs/METRICS.md, "Bounded history"): which messages of a room
 * no strategy could have shown a client, because the server had dropped them before the client
 * came back. For each welcome of the client on its {@code main} or {@code receive} link, in the
 * final epoch, whose resume status for the room is {@code history-truncated}, or that reconnected
 * the link without asking to resume the room (no status for it: a strategy that refetches by
 * history alone, as {@code snapshot} does): f is the
 * {@code firstSeq} of the client's first {@code history} refetch of the room at or after the
 * welcome with a firstSeq above 0 (none: the welcome makes nothing unreachable); the entitled
 * commits of the room's final log with a seq below f whose message the client had not displayed
 * at or before the welcome (no line of it in its change log by then) are unreachable for it.
 * Several such welcomes: the union. The checkers, the latency recorders and the ledger read
 * it through {@link RoomReplay#unreachable()}.
 *
 * <p>Stateless; any thread.
 */
public final class Unreachable {
    /** The resume status of a room whose messages after the client's position the server no longer holds. */
    public static final String HISTORY_TRUNCATED = "history-truncated";

    private Unreachable() {
    }

    /**
     * The seqs of {@code room}'s final log unreachable for {@code client}, whose changes of the
     * room are {@code changes} (in order); empty when none.
     */
    public static NavigableSet<Long> seqs(RunTrace trace, MessageIndex index, ClientTrace client, String room,
                                          List<TranscriptChange> changes) {
        Long entitledAfter = trace.entitledAfter(client, room);
        if (entitledAfter == null) {
            return Collections.emptyNavigableSet();
        }
        NavigableSet<Long> unreachable = new TreeSet<>();
        for (Map.Entry<WelcomeSeen, Long> back : cameBackWithoutHistory(trace, client, room)) {
            long firstSeq = back.getValue();
            Set<String> shown = shownBy(index, room, changes, back.getKey().at());
            for (CommittedMessage commit : trace.log(room).messages()) {
                if (commit.seq() <= entitledAfter || commit.seq() >= firstSeq) {
                    continue;
                }
                LogicalMessage message = index.byId(room, commit.id());
                if (message == null || !shown.contains(message.key())) {
                    unreachable.add(commit.seq());
                }
            }
        }
        return unreachable;
    }

    /**
     * Whether {@link #seqs} reads the client's changes of {@code room}: it came back to the room without
     * history (and is entitled to it); when not, no message of the room is unreachable for it, whatever its
     * changes, and they can be replayed one at a time, never held.
     */
    public static boolean readsChanges(RunTrace trace, ClientTrace client, String room) {
        return trace.entitledAfter(client, room) != null && !cameBackWithoutHistory(trace, client, room).isEmpty();
    }

    /** The client's welcomes that brought it back to {@code room} without history, each with the firstSeq it then refetched from (above 0). */
    private static List<Map.Entry<WelcomeSeen, Long>> cameBackWithoutHistory(RunTrace trace, ClientTrace client,
                                                                           String room) {
        List<Map.Entry<WelcomeSeen, Long>> back = new ArrayList<>();
        Set<String> links = new HashSet<>();
        for (WelcomeSeen welcome : client.welcomes()) {
            String link = welcome.link().toLowerCase(Locale.ROOT);
            boolean reconnection = !links.add(link);
            if (!(link.equals("main") || link.equals("receive")) || !trace.isFinalEpoch(welcome.epoch())
                    || !cameBackWithoutHistory(welcome, room, reconnection)) {
                continue;
            }
            long firstSeq = firstSeqAfter(client, room, welcome.at());
            if (firstSeq > 0) {
                back.add(Map.entry(welcome, firstSeq));
            }
        }
        return back;
    }

    /**
     * Whether the welcome brought the client back to {@code room} with nothing replayed: the
     * server answered its resume {@code history-truncated}, or it reconnected without asking to
     * resume the room (its history is all it can fetch).
     */
    private static boolean cameBackWithoutHistory(WelcomeSeen welcome, String room, boolean reconnection) {
        String status = welcome.resume().get(room);
        return HISTORY_TRUNCATED.equals(status) || (status == null && reconnection);
    }

    /** The firstSeq of the client's first history refetch of {@code room} at or after {@code at} that names one; 0: none. */
    private static long firstSeqAfter(ClientTrace client, String room, long at) {
        Refetch first = null;
        for (Refetch refetch : client.refetches()) {
            if (refetch.room().equals(room) && Refetch.HISTORY.equals(refetch.source()) && refetch.at() >= at
                    && refetch.firstSeq() > 0 && (first == null || refetch.at() < first.at())) {
                first = refetch;
            }
        }
        return first == null ? 0 : first.firstSeq();
    }

    /** The logical messages of which a line was displayed at or before {@code at}. */
    private static Set<String> shownBy(MessageIndex index, String room, List<TranscriptChange> changes, long at) {
        Set<String> shown = new HashSet<>();
        for (TranscriptChange change : changes) {
            if (change.at() > at) {
                break;
            }
            TranscriptEntry entry = switch (change) {
                case TranscriptChange.Inserted c -> c.entry();
                case TranscriptChange.Replaced c -> c.entry();
                case TranscriptChange.Moved c -> c.entry();
                default -> null;
            };
            LogicalMessage message = entry == null ? null : index.of(room, entry);
            if (message != null) {
                shown.add(message.key());
            }
        }
        return shown;
    }
}
