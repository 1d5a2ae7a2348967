package dev.livetalk.metrics.otlp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Trace and span ids that depend only on the run (scenario, strategy, seed) and the message:
 * the trace id is the first 16 bytes of SHA-256 of {@code livetalk|SCENARIO|STRATEGY|SEED|KEY},
 * a span id the first 8 bytes of SHA-256 of {@code TRACEID|PATH} ({@code send}, {@code commit},
 * {@code deliver/USER}, ...), as lowercase hex. So one seed gives the same ids every time.
 *
 * <p>Not thread-safe: one per writer.
 */
final class TraceIds {
    private static final HexFormat HEX = HexFormat.of();
    private final MessageDigest sha256;

    TraceIds() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The trace id of message {@code key} in the run of {@code strategy} in {@code scenario} with {@code seed}. */
    String traceId(String scenario, String strategy, long seed, String key) {
        return hash("livetalk|" + scenario + "|" + strategy + "|" + seed + "|" + key, 16);
    }

    /** The id of the span at {@code path} in trace {@code traceId}. */
    String spanId(String traceId, String path) {
        return hash(traceId + "|" + path, 8);
    }

    private String hash(String text, int bytes) {
        byte[] digest = sha256.digest(text.getBytes(StandardCharsets.UTF_8));
        byte[] id = java.util.Arrays.copyOf(digest, bytes);
        if (isZero(id)) {
            id[bytes - 1] = 1; // an all-zero id is invalid in OTLP
        }
        return HEX.formatHex(id);
    }

    private static boolean isZero(byte[] id) {
        for (byte b : id) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
