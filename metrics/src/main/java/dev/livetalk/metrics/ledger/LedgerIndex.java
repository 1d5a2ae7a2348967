package dev.livetalk.metrics.ledger;

import dev.livetalk.scenarios.ClosestName;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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

    /** The names closest to the one the index was read for ({@link #named}); {@code null} for a whole ledger. */
    private final List<String> close;

    public LedgerIndex(Ledger ledger) {
        this(ledger, null);
    }

    /**
     * The index of only the messages that a name in {@code names} names, with what their stories
     * need (their deliveries, their senders' transcripts of their rooms, the fault windows), read
     * from the ledger in {@code folder} one row at a time: what {@code explain} and the report's
     * example stories need of an hour's ledger, without holding the rest. Its {@link #closeTo}
     * gives the names of the whole ledger closest to {@code closeTo} (up to {@code limit}), as the
     * whole ledger's index would.
     *
     * @param closeTo the name to find close ones to, or {@code null}
     */
    public static LedgerIndex named(Path folder, Set<String> names, String closeTo, int limit) throws IOException {
        List<MessageRow> messages = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        Set<String> senderRooms = new HashSet<>();
        List<String> close = new ArrayList<>();
        LedgerFiles.eachRow(folder, LedgerTable.MESSAGES, MessageRow.class, m -> {
            Set<String> its = names(m);
            if (its.stream().anyMatch(names::contains)) {
                messages.add(m);
                keys.add(m.key());
                senderRooms.add(m.sender() + '\u0000' + m.room());
            }
            if (closeTo != null) {
                List<String> candidates = new ArrayList<>(close);
                candidates.addAll(its);
                List<String> kept = ClosestName.closest(closeTo, candidates, limit);
                close.clear();
                close.addAll(kept);
            }
        });
        List<DeliveryRow> deliveries = new ArrayList<>();
        LedgerFiles.eachRow(folder, LedgerTable.DELIVERIES, DeliveryRow.class, d -> {
            if (keys.contains(d.key())) {
                deliveries.add(d);
            }
        });
        List<TranscriptRow> transcripts = new ArrayList<>();
        LedgerFiles.eachRow(folder, LedgerTable.TRANSCRIPTS, TranscriptRow.class, t -> {
            if (senderRooms.contains(t.client() + '\u0000' + t.room())) {
                transcripts.add(t);
            }
        });
        List<FaultRow> faults = new ArrayList<>();
        LedgerFiles.eachRow(folder, LedgerTable.FAULTS, FaultRow.class, faults::add);
        return new LedgerIndex(new Ledger(messages, deliveries, transcripts, List.of(), List.of(), faults),
                List.copyOf(close));
    }

    private LedgerIndex(Ledger ledger, List<String> close) {
        this.ledger = ledger;
        this.close = close;
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
        if (close != null) {
            return ClosestName.closest(name, close, limit); // the whole ledger's closest, read as it streamed by
        }
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
