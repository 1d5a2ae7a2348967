package dev.livetalk.metrics.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads a version-1 results document as the current version. Version 1 kept latency over
 * completed deliveries only ({@code corrected}, {@code raw}) and the count of those that never
 * came ({@code unmatched}). They become {@code completedOnly} and {@code never}, and the figures
 * over intended deliveries are derived from the stored percentiles: exact when nothing never
 * came; {@code never} where the rank falls on a delivery that never came; otherwise the
 * stored percentile whose rank is the next at or above it (an upper bound, as the stored
 * figures are all there is).
 *
 * <p>Stateless; any thread.
 */
final class ResultsVersion1 {
    private static final double[] LEVELS = {50, 90, 99, 99.9, 100};
    private static final String[] FIELDS = {"p50", "p90", "p99", "p999", "max"};

    private ResultsVersion1() {
    }

    /** Rewrites {@code document} (a version-1 tree) in place into the current version. */
    static void upgrade(ObjectNode document) {
        document.put("version", ResultsDocument.VERSION);
        for (JsonNode strategy : document.path("strategies")) {
            for (JsonNode latency : strategy.path("latency")) {
                upgradeLatency((ObjectNode) latency);
            }
        }
    }

    private static void upgradeLatency(ObjectNode latency) {
        long never = latency.path("unmatched").asLong(0);
        latency.remove("unmatched");
        latency.put("never", never);
        ObjectNode completedOnly = latency.putObject("completedOnly");
        for (String kind : new String[] {"corrected", "raw"}) {
            JsonNode completed = latency.path(kind);
            completedOnly.set(kind, completed.deepCopy());
            if (never > 0 && completed.isObject()) {
                latency.set(kind, overIntended((ObjectNode) completed, never));
            }
        }
    }

    private static ObjectNode overIntended(ObjectNode completed, long never) {
        long done = completed.path("count").asLong(0);
        ObjectNode intended = completed.objectNode();
        intended.put("count", done + never);
        for (int i = 0; i < LEVELS.length; i++) {
            long rank = Percentiles.rank(LEVELS[i], done + never);
            if (rank > done) {
                intended.put(FIELDS[i], NanosJson.NEVER);
            } else {
                intended.set(FIELDS[i], completed.path(FIELDS[atOrAbove(rank, done)]));
            }
        }
        return intended;
    }

    /** The index of the lowest stored level whose rank among {@code done} samples is at least {@code rank}. */
    private static int atOrAbove(long rank, long done) {
        for (int i = 0; i < LEVELS.length; i++) {
            if (Percentiles.rank(LEVELS[i], done) >= rank) {
                return i;
            }
        }
        return LEVELS.length - 1;
    }
}
