package dev.livetalk.metrics.audit;

import dev.livetalk.metrics.ledger.DeliveryRow;
import dev.livetalk.metrics.ledger.MessageRow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One room's rows looked up by what the recount asks: a message by key or by the id of one of
 * its commits, the room's commits in seq order, when a client first showed a message. Plain hash
 * maps filled in one pass over the room's message rows.
 *
 * <p>Immutable once built; any thread.
 */
final class LedgerIndex {
    private static final char SEP = '\u0000';
    private final RoomRows rows;
    private final Map<String, Integer> byKey;
    private final Map<String, MessageRow> byCommitId = new HashMap<>();
    private final List<MessageRow.Commit> commits = new ArrayList<>();

    /** The index of {@code rows}; {@code byKey}: each message key's index in the room's message rows. */
    LedgerIndex(RoomRows rows, Map<String, Integer> byKey) {
        this.rows = rows;
        this.byKey = byKey;
        for (MessageRow message : rows.messages()) {
            for (MessageRow.Commit commit : message.commits()) {
                byCommitId.put(message.room() + SEP + commit.id(), message);
                commits.add(commit);
            }
        }
        commits.sort(Comparator.comparingLong(MessageRow.Commit::seq));
    }

    /** Each message key's index in {@code messages} (a later row of a key wins, as in a map filled in order). */
    static Map<String, Integer> keys(List<MessageRow> messages) {
        Map<String, Integer> byKey = new HashMap<>();
        for (int i = 0; i < messages.size(); i++) {
            byKey.put(messages.get(i).key(), i);
        }
        return byKey;
    }

    RoomRows rows() {
        return rows;
    }

    /** The message of {@code key}, or {@code null}. */
    MessageRow message(String key) {
        Integer index = key == null ? null : byKey.get(key);
        return index == null ? null : rows.messages().get(index);
    }

    /** The message one of whose commits in {@code room} has server id {@code id}, or {@code null}. */
    MessageRow messageOfCommit(String room, String id) {
        return byCommitId.get(room + SEP + id);
    }

    /** Every message row of {@code room}. */
    List<MessageRow> messagesIn(String room) {
        return room.equals(rows.room()) ? rows.messages() : List.of();
    }

    /** The commits of {@code room} with a seq above {@code seq}, in seq order: what a client that joined there is entitled to. */
    List<MessageRow.Commit> commitsAbove(String room, long seq) {
        return !room.equals(rows.room()) ? List.of() : commits.stream().filter(c -> c.seq() > seq).toList();
    }

    /** Each delivery row of {@code message} (the fields the recount reads). */
    void deliveriesOf(MessageRow message, Consumer<DeliveryRow> row) {
        Integer index = byKey.get(message.key());
        if (index != null) {
            rows.deliveries().eachOf(index, row);
        }
    }

    /**
     * When {@code client} first showed {@code message}: its echo at the sender of a recorded send,
     * else its delivery row's first showing (a commit without a recorded send has no echo; its
     * author's client, a member like any other, has a delivery row of it).
     */
    Long firstShown(String client, MessageRow message) {
        if (client.equals(message.sender()) && message.handedUs() != null) {
            return message.echoUs();
        }
        Integer index = byKey.get(message.key());
        return index == null ? null : rows.deliveries().firstShown(index, client);
    }
}
