package dev.livetalk.metrics.trace;

import dev.livetalk.client.transcript.TranscriptEntry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hash the determinism self-check compares between two plays of one seed: SHA-256 over
 * the same events as the pinned trace hash ({@code dev.livetalk.run.TraceHash}), but each of a
 * client's event lists (sends, changes, final transcripts, read marks, receipts) enters as its
 * count and its own SHA-256, so that a recorder can hash the lists as they grow
 * ({@link TraceRecorder#hashOnly}) instead of keeping them: a self-check replay then keeps no
 * trace. Equal traces give equal hashes, whether hashed as they were recorded or afterwards;
 * not the same value as the pinned trace hash (not pinned: it is only compared within a run).
 *
 * <p>Not thread-safe: the recorders lock around it.
 */
final class SelfCheckHash {
    private SelfCheckHash() {
    }

    /** The hash of {@code trace}'s events, each client's lists as {@code digests} hashed them. */
    static String of(String strategy, long measuredFrom, List<ClientTrace> clients, List<Client> digests,
                     Map<String, RoomLog> serverLog, List<TraceWindow> windows) {
        Sequence top = new Sequence();
        top.add("strategy", strategy);
        top.add("measuredFrom", measuredFrom);
        for (int i = 0; i < clients.size(); i++) {
            ClientTrace client = clients.get(i);
            top.add("client", client.clientId() + "/" + client.user());
            new TreeMap<>(client.joinedAt()).forEach((room, head) -> top.add("joined", room + "@" + head));
            digests.get(i).addTo(top);
        }
        new TreeMap<>(serverLog).forEach((room, log) -> top.addAll("commit " + room, log.messages()));
        top.addAll("window", windows);
        return top.hex();
    }

    /** One client's event lists, hashed as they grow. */
    static final class Client {
        final Sequence sends = new Sequence();
        final Sequence changes = new Sequence();
        /** Per room, the final transcript's hash (a later one replaces an earlier). */
        final Map<String, Sequence> finals = new TreeMap<>();
        final Sequence readMarks = new Sequence();
        final Sequence receipts = new Sequence();

        /** The hash of lists recorded in full. */
        static Client of(List<SendRecord> sends, List<?> changes, Map<String, List<TranscriptEntry>> finals,
                         List<ReadMark> readMarks, List<ReceiptSeen> receipts) {
            Client client = new Client();
            sends.forEach(client.sends::add);
            changes.forEach(client.changes::add);
            finals.forEach(client::addFinal);
            readMarks.forEach(client.readMarks::add);
            receipts.forEach(client.receipts::add);
            return client;
        }

        void addFinal(String room, List<TranscriptEntry> entries) {
            Sequence sequence = new Sequence();
            entries.forEach(sequence::add);
            finals.put(room, sequence);
        }

        void addTo(Sequence top) {
            top.addSequence("send", sends);
            top.addSequence("change", changes);
            finals.forEach((room, entries) -> top.addSequence("final " + room, entries));
            top.addSequence("read", readMarks);
            top.addSequence("receipt", receipts);
        }
    }

    /** SHA-256 over values, each ended by a newline, and their count. */
    static final class Sequence {
        private final MessageDigest sha;
        private long count;

        Sequence() {
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JVM has SHA-256", e);
            }
        }

        void add(Object value) {
            count++;
            sha.update((value + "\n").getBytes(StandardCharsets.UTF_8));
        }

        void add(String label, Object value) {
            add(label + ' ' + value);
        }

        void addAll(String label, List<?> values) {
            add(label + " count", values.size());
            for (Object value : values) {
                add(label, value);
            }
        }

        void addSequence(String label, Sequence values) {
            add(label + " count", values.count);
            add(label, values.hex());
        }

        String hex() {
            return HexFormat.of().formatHex(sha.digest());
        }
    }
}
