package dev.livetalk.run;

import dev.livetalk.metrics.trace.ClientTrace;
import dev.livetalk.metrics.trace.RunTrace;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A stable hash of a {@link RunTrace}: SHA-256 over every recorded event in recorded order
 * (records print their values; maps are walked in key order, since the trace's immutable maps
 * iterate in an order that changes from one JVM to the next). Two runs with equal traces have
 * equal hashes, in any process: what a replay compares (the determinism self-check within a run
 * compares {@code TraceRecorder.selfCheckHash}, which a replay can compute without keeping its trace).
 *
 * <p>Stateless; any thread.
 */
public final class TraceHash {
    private TraceHash() {
    }

    /** The hash as 64 hex digits. */
    public static String of(RunTrace trace) {
        Digest digest = new Digest();
        digest.add("strategy", trace.strategy());
        digest.add("measuredFrom", trace.measuredFrom());
        for (ClientTrace client : trace.clients()) {
            digest.add("client", client.clientId() + "/" + client.user());
            sorted(client.joinedAt()).forEach((room, head) -> digest.add("joined", room + "@" + head));
            digest.addAll("send", client.sends());
            digest.addAll("change", client.changes());
            sorted(client.finalTranscripts()).forEach((room, entries) -> digest.addAll("final " + room, entries));
            digest.addAll("read", client.readMarks());
            digest.addAll("receipt", client.receipts());
        }
        sorted(trace.serverLog()).forEach((room, log) -> digest.addAll("commit " + room, log.messages()));
        digest.addAll("window", trace.windows());
        return digest.hex();
    }

    private static <V> Map<String, V> sorted(Map<String, V> map) {
        return new TreeMap<>(map);
    }

    /** SHA-256 over labelled values, each ended by a newline. */
    private static final class Digest {
        private final MessageDigest sha;

        Digest() {
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JVM has SHA-256", e);
            }
        }

        void add(String label, Object value) {
            sha.update((label + ' ' + value + '\n').getBytes(StandardCharsets.UTF_8));
        }

        void addAll(String label, List<?> values) {
            add(label + " count", values.size());
            for (Object value : values) {
                add(label, value);
            }
        }

        String hex() {
            return HexFormat.of().formatHex(sha.digest());
        }
    }
}
