package dev.livetalk.metrics.audit;

import dev.livetalk.metrics.ledger.MarkerRow;
import dev.livetalk.metrics.ledger.MessageRow;
import dev.livetalk.metrics.ledger.TranscriptRow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The status-truth counts (docs/METRICS.md, "Status truth") recounted from the ledger by plain
 * loops: for every marker a client put on the wire, every commit it covered first of a message
 * the client is entitled to (the message's first seq above its join head: where it has a
 * delivery row) is compared with when the client first showed that message; every status a
 * sender's line showed is compared with the other members' first showings and read markers;
 * every send's echo with when it was handed to its client.
 *
 * <p>Markers of a lost epoch ({@link MarkerRow#lostEpoch()}) are not judged, nor a READ shown
 * while the sender's link was in one.
 *
 * <p>{@code statusBackwards} is not recounted: the ledger keeps a message's statuses at its
 * sender as one sequence over all its lines, not per line with what each showed before.
 *
 * <p>Immutable; any thread.
 *
 * @param unfoundedDelivered (client, message) pairs whose first delivered marker came before the client showed it
 * @param unfoundedRead      the same for read markers
 * @param statusAhead        sends whose line showed DELIVERED or READ before another member founded it
 * @param missingEchoes      sends whose line did not show at once
 */
record StatusTruthRecount(long unfoundedDelivered, long unfoundedRead, long statusAhead, long missingEchoes) {
    private static final char SEP = '\u0000';


    static StatusTruthRecount of(LedgerIndex index, UnreachableRecount unreachable) {
        RoomRows ledger = index.rows();
        Map<String, Long> joined = new HashMap<>();
        for (TranscriptRow transcript : ledger.transcripts()) {
            if (transcript.joinedAtSeq() != null) {
                joined.put(transcript.client() + SEP + transcript.room(), transcript.joinedAtSeq());
            }
        }
        Map<String, List<MarkerRow>> sentMarkers = new LinkedHashMap<>();
        for (MarkerRow marker : ledger.markers()) {
            if (marker.source().equals(MarkerRow.SENT) && !marker.lostEpoch()) {
                sentMarkers.computeIfAbsent(marker.client() + SEP + marker.room() + SEP + marker.kind(),
                        k -> new ArrayList<>()).add(marker);
            }
        }
        Set<String> unfounded = new HashSet<>();
        Map<String, Map<String, Long>> firstRead = new HashMap<>();
        long[] counts = new long[2];
        for (List<MarkerRow> markers : sentMarkers.values()) {
            // markers only move forward: each commit is judged at the first marker that reaches it
            List<MarkerRow> inOrder = new ArrayList<>(markers);
            inOrder.sort(Comparator.comparingLong(MarkerRow::atUs));
            List<MessageRow.Commit> commits = index.commitsAbove(inOrder.get(0).room(), Long.MIN_VALUE);
            int next = 0;
            for (MarkerRow marker : inOrder) {
                for (; next < commits.size() && commits.get(next).seq() <= marker.seq(); next++) {
                    MessageRow.Commit commit = commits.get(next);
                    MessageRow message = index.messageOfCommit(marker.room(), commit.id());
                    boolean read = marker.kind().equals("read");
                    if (read) {
                        firstRead.computeIfAbsent(marker.room() + SEP + commit.seq(), k -> new HashMap<>())
                                .merge(marker.client(), marker.atUs(), Math::min);
                    }
                    Long joinedAt = joined.get(marker.client() + SEP + marker.room());
                    // entitled by the message's first seq, as its delivery rows (a resend after the join is not)
                    if (joinedAt == null || message.seq() <= joinedAt
                            || unreachable.isUnreachable(marker.client(), marker.room(), commit.seq())) {
                        continue;
                    }
                    Long shown = index.firstShown(marker.client(), message);
                    if ((shown == null || shown > marker.atUs())
                            && unfounded.add(marker.kind() + SEP + marker.client() + SEP + message.key())) {
                        counts[read ? 1 : 0]++;
                    }
                }
            }
        }
        long ahead = 0;
        long missingEchoes = 0;
        for (MessageRow message : ledger.messages()) {
            if (message.handedUs() == null) {
                continue; // a commit without a recorded send
            }
            if (message.echoUs() == null || message.echoUs() > message.handedUs()) {
                missingEchoes++;
            }
            for (MessageRow.StatusStep step : message.statuses()) {
                boolean founded = switch (step.status()) {
                    case "delivered" -> shownByAnother(index, message, step.atUs());
                    case "read" -> step.lostEpoch() || message.seq() != null && readByAnother(
                            firstRead.getOrDefault(message.room() + SEP + message.seq(), Map.of()), message, step.atUs());
                    default -> true;
                };
                if (!founded) {
                    ahead++;
                    break;
                }
            }
        }
        return new StatusTruthRecount(counts[0], counts[1], ahead, missingEchoes);
    }

    /** Whether a member other than the sender showed the message by {@code at}. */
    private static boolean shownByAnother(LedgerIndex index, MessageRow message, long at) {
        boolean[] shown = {false};
        index.deliveriesOf(message, delivery -> shown[0] |= !delivery.recipient().equals(message.sender())
                && delivery.firstShownUs() != null && delivery.firstShownUs() <= at);
        return shown[0];
    }

    /** The sum of this room's counts and {@code other}'s: the counts of both rooms' rows. */
    StatusTruthRecount plus(StatusTruthRecount other) {
        return new StatusTruthRecount(unfoundedDelivered + other.unfoundedDelivered, unfoundedRead + other.unfoundedRead,
                statusAhead + other.statusAhead, missingEchoes + other.missingEchoes);
    }

    /** Whether a client other than the sender sent a read marker covering the message's first seq by {@code at}. */
    private static boolean readByAnother(Map<String, Long> firstReadByClient, MessageRow message, long at) {
        for (Map.Entry<String, Long> e : firstReadByClient.entrySet()) {
            if (!e.getKey().equals(message.sender()) && e.getValue() <= at) {
                return true;
            }
        }
        return false;
    }
}
