package dev.livetalk.metrics.ledger;

import dev.livetalk.scenarios.ClosestName;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link Ledger}'s rows by message: finds a message by any of its names (ledger key, server
 * id of any of its commits, client message id of any of its transmissions) and gives its
 * deliveries and the final transcripts, for {@link MessageStory}.
 *
 * <p>Immutable once built; any thread.
 */
public final class LedgerIndex {
    private final Ledger ledger;
    private final Map<String, MessageRow> byKey = new LinkedHashMap<>();
    /** Every name (key, server id, client message id) to the messages it names, in ledger order. */
    private final Map<String, List<MessageRow>> byName = new LinkedHashMap<>();
    private final Map<String, List<DeliveryRow>> deliveries = new HashMap<>();
    private final Map<String, TranscriptRow> transcripts = new HashMap<>();

    public LedgerIndex(Ledger ledger) {
        this.ledger = ledger;
        for (MessageRow m : ledger.messages()) {
            byKey.put(m.key(), m);
            for (String name : names(m)) {
                byName.computeIfAbsent(name, n -> new ArrayList<>()).add(m);
            }
        }
        for (DeliveryRow d : ledger.deliveries()) {
            deliveries.computeIfAbsent(d.key(), k -> new ArrayList<>()).add(d);
        }
        for (TranscriptRow t : ledger.transcripts()) {
            transcripts.put(t.client() + '\u0000' + t.room(), t);
        }
    }

    private static Set<String> names(MessageRow m) {
        Set<String> names = new LinkedHashSet<>();
        names.add(m.key());
        if (m.id() != null) {
            names.add(m.id());
        }
        m.commits().forEach(c -> {
            names.add(c.id());
            names.add(m.room() + ":" + c.seq()); // the room and seq of the final log, without the id's epoch tag
        });
        names.addAll(m.clientMsgIds());
        m.transmitted().forEach(t -> names.add(t.clientMsgId()));
        return names;
    }

    public Ledger ledger() {
        return ledger;
    }

    /**
     * The messages {@code name} names (a key, a server id, {@code ROOM:SEQ} of the final log, or a
     * client message id), in ledger order; empty when none.
     */
    public List<MessageRow> find(String name) {
        return byName.getOrDefault(name, List.of());
    }

    /** The message of ledger key {@code key}, or {@code null}. */
    public MessageRow byKey(String key) {
        return byKey.get(key);
    }

    /** Up to {@code limit} known names close to {@code name}, closest first. */
    public List<String> closeTo(String name, int limit) {
        return ClosestName.closest(name, byName.keySet(), limit);
    }

    /** The (message, recipient) rows of the message of {@code key}, in ledger order. */
    public List<DeliveryRow> deliveriesOf(String key) {
        return deliveries.getOrDefault(key, List.of());
    }

    /** The final transcript of {@code client} in {@code room}, or {@code null}. */
    public TranscriptRow transcript(String client, String room) {
        return transcripts.get(client + '\u0000' + room);
    }
}
