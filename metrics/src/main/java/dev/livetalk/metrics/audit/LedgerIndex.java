package dev.livetalk.metrics.audit;

import dev.livetalk.metrics.ledger.DeliveryRow;
import dev.livetalk.metrics.ledger.Ledger;
import dev.livetalk.metrics.ledger.MessageRow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A ledger's rows looked up by what the recount asks: a message by key or by the id of one of
 * its commits, a room's commits in seq order, when a client first showed a message. Plain hash
 * maps filled in one pass over the rows.
 *
 * <p>Immutable once built; any thread.
 */
final class LedgerIndex {
    private static final char SEP = '\u0000';
    private final Ledger ledger;
    private final Map<String, MessageRow> byKey = new HashMap<>();
    private final Map<String, MessageRow> byCommitId = new HashMap<>();
    private final Map<String, List<MessageRow>> byRoom = new HashMap<>();
    private final Map<String, List<MessageRow.Commit>> commitsByRoom = new HashMap<>();
    private final Map<String, DeliveryRow> deliveries = new HashMap<>();

    LedgerIndex(Ledger ledger) {
        this.ledger = ledger;
        for (MessageRow message : ledger.messages()) {
            byKey.put(message.key(), message);
            byRoom.computeIfAbsent(message.room(), r -> new ArrayList<>()).add(message);
            for (MessageRow.Commit commit : message.commits()) {
                byCommitId.put(message.room() + SEP + commit.id(), message);
                commitsByRoom.computeIfAbsent(message.room(), r -> new ArrayList<>()).add(commit);
            }
        }
        commitsByRoom.values().forEach(commits -> commits.sort(Comparator.comparingLong(MessageRow.Commit::seq)));
        for (DeliveryRow delivery : ledger.deliveries()) {
            deliveries.put(delivery.key() + SEP + delivery.recipient(), delivery);
        }
    }

    Ledger ledger() {
        return ledger;
    }

    /** The message of {@code key}, or {@code null}. */
    MessageRow message(String key) {
        return byKey.get(key);
    }

    /** The message one of whose commits in {@code room} has server id {@code id}, or {@code null}. */
    MessageRow messageOfCommit(String room, String id) {
        return byCommitId.get(room + SEP + id);
    }

    /** Every message row of {@code room}. */
    List<MessageRow> messagesIn(String room) {
        return byRoom.getOrDefault(room, List.of());
    }

    /** The commits of {@code room} with a seq above {@code seq}, in seq order: what a client that joined there is entitled to. */
    List<MessageRow.Commit> commitsAbove(String room, long seq) {
        return commitsByRoom.getOrDefault(room, List.of()).stream().filter(c -> c.seq() > seq).toList();
    }

    /** The delivery row of {@code key} to {@code recipient}, or {@code null}. */
    DeliveryRow delivery(String key, String recipient) {
        return deliveries.get(key + SEP + recipient);
    }

    /** When {@code client} first showed {@code message}: its echo at the sender, else its delivery row's first showing. */
    Long firstShown(String client, MessageRow message) {
        if (client.equals(message.sender())) {
            return message.echoUs();
        }
        DeliveryRow delivery = delivery(message.key(), client);
        return delivery == null ? null : delivery.firstShownUs();
    }
}
