package dev.livetalk.metrics.audit;

import dev.livetalk.metrics.ledger.DeliveryRow;
import dev.livetalk.metrics.ledger.MessageRow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One room's delivery rows as the recount reads them, in columns of primitives rather than row
 * objects (about 36 bytes a row): for each row of a message of the room, its recipient, seq,
 * first showing, final time and moves, grouped by message. Rows of a key without a message row
 * count towards {@link #moves} and {@link #recipients} only, as nothing else reads them.
 *
 * <p>Built by one thread ({@link Builder}), then immutable; any thread.
 */
final class RoomDeliveries {
    private static final long NONE = Long.MIN_VALUE;
    private final List<MessageRow> messages;
    private final List<String> names;
    /** Per message (its index in {@link #messages}), its rows' range in the columns. */
    private final int[] start;
    private final int[] recipient;
    private final long[] seq;
    private final long[] firstShown;
    private final long[] finalAt;
    private final int[] rowMoves;
    private final long moves;

    private RoomDeliveries(Builder b) {
        this.messages = b.messages;
        this.names = List.copyOf(b.names);
        int n = b.size;
        // a counting sort by message, stable: each message's rows in ledger order
        this.start = new int[messages.size() + 1];
        for (int i = 0; i < n; i++) {
            start[b.message[i] + 1]++;
        }
        for (int m = 0; m < messages.size(); m++) {
            start[m + 1] += start[m];
        }
        int[] next = Arrays.copyOf(start, messages.size());
        this.recipient = new int[n];
        this.seq = new long[n];
        this.firstShown = new long[n];
        this.finalAt = new long[n];
        this.rowMoves = new int[n];
        for (int i = 0; i < n; i++) {
            int at = next[b.message[i]]++;
            recipient[at] = b.recipient[i];
            seq[at] = b.seq[i];
            firstShown[at] = b.firstShown[i];
            finalAt[at] = b.finalAt[i];
            rowMoves[at] = b.moves[i];
        }
        this.moves = b.totalMoves;
    }

    /** Every recipient named by a row of the room. */
    List<String> recipients() {
        return names;
    }

    /** Times a line jumped at a recipient, over every row of the room. */
    long moves() {
        return moves;
    }

    /** When {@code client} first showed message {@code index}, or {@code null} (no row, or never). */
    Long firstShown(int index, String client) {
        for (int i = start[index]; i < start[index + 1]; i++) {
            if (names.get(recipient[i]).equals(client)) {
                return firstShown[i] == NONE ? null : firstShown[i];
            }
        }
        return null;
    }

    /** Each row of message {@code index}, as a row with the fields the recount reads (the others null or 0). */
    void eachOf(int index, Consumer<DeliveryRow> row) {
        MessageRow m = messages.get(index);
        for (int i = start[index]; i < start[index + 1]; i++) {
            row.accept(new DeliveryRow(m.key(), m.room(), seq[i] == NONE ? null : seq[i], m.sender(),
                    names.get(recipient[i]), firstShown[i] == NONE ? null : firstShown[i],
                    finalAt[i] == NONE ? null : finalAt[i], null, 0, rowMoves[i], null, null, null, null));
        }
    }

    /** Each row of a message of the room, message by message. */
    void each(Consumer<DeliveryRow> row) {
        for (int m = 0; m < messages.size(); m++) {
            eachOf(m, row);
        }
    }

    /** Gathers a room's delivery rows one at a time, against the room's message rows. */
    static final class Builder {
        private final List<MessageRow> messages;
        private final Map<String, Integer> byKey;
        private final List<String> names = new ArrayList<>();
        private final Map<String, Integer> nameIndex = new HashMap<>();
        private int size;
        private int[] message = new int[1024];
        private int[] recipient = new int[1024];
        private long[] seq = new long[1024];
        private long[] firstShown = new long[1024];
        private long[] finalAt = new long[1024];
        private int[] moves = new int[1024];
        private long totalMoves;

        Builder(List<MessageRow> messages, Map<String, Integer> byKey) {
            this.messages = messages;
            this.byKey = byKey;
        }

        void add(DeliveryRow row) {
            totalMoves += row.moves();
            int who = nameIndex.computeIfAbsent(row.recipient(), r -> {
                names.add(r);
                return names.size() - 1;
            });
            Integer of = byKey.get(row.key());
            if (of == null) {
                return;
            }
            if (size == message.length) {
                int grown = size * 2;
                message = Arrays.copyOf(message, grown);
                recipient = Arrays.copyOf(recipient, grown);
                seq = Arrays.copyOf(seq, grown);
                firstShown = Arrays.copyOf(firstShown, grown);
                finalAt = Arrays.copyOf(finalAt, grown);
                moves = Arrays.copyOf(moves, grown);
            }
            message[size] = of;
            recipient[size] = who;
            seq[size] = row.seq() == null ? NONE : row.seq();
            firstShown[size] = row.firstShownUs() == null ? NONE : row.firstShownUs();
            finalAt[size] = row.finalAtUs() == null ? NONE : row.finalAtUs();
            moves[size] = row.moves();
            size++;
        }

        RoomDeliveries build() {
            return new RoomDeliveries(this);
        }
    }
}
