package dev.livetalk.reports;

import dev.livetalk.metrics.results.Markup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JMH results next to a report ({@code jmh.json}, as written by
 * {@code java -jar benchmarks/target/benchmarks.jar ... -rf json -rff reports/latest/jmh.json}):
 * one row per benchmark and parameter set, with score, error and, when JMH ran with
 * {@code -prof gc}, the allocation per operation. Stateless.
 */
final class JmhResults {
    /** The file name a report looks for in its folder. */
    static final String FILE = "jmh.json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JmhResults() {
    }

    /**
     * One benchmark result.
     *
     * @param benchmark  the benchmark method, without the package
     * @param params     its parameters, {@code name=value} joined by commas, or empty
     * @param score      the primary score
     * @param error      the score's error (99.9 % confidence), NaN when JMH gave none
     * @param unit       the score's unit
     * @param allocation bytes allocated per operation, or NaN without {@code -prof gc}
     */
    record Row(String benchmark, String params, double score, double error, String unit, double allocation) {
    }

    /** The rows of {@code folder/jmh.json}, or none when there is no such file. */
    static List<Row> read(Path folder) throws IOException {
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        JsonNode root = MAPPER.readTree(file.toFile());
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException(file + " must be a JMH JSON result (an array): " + root);
        }
        List<Row> rows = new ArrayList<>();
        for (JsonNode result : root) {
            rows.add(row(result));
        }
        return rows;
    }

    private static Row row(JsonNode result) {
        String benchmark = result.path("benchmark").asText();
        JsonNode primary = result.path("primaryMetric");
        JsonNode allocation = result.path("secondaryMetrics").path("gc.alloc.rate.norm").path("score");
        return new Row(benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1),
                params(result.path("params")), primary.path("score").asDouble(Double.NaN),
                primary.path("scoreError").asDouble(Double.NaN), primary.path("scoreUnit").asText(),
                allocation.isNumber() ? allocation.asDouble() : Double.NaN);
    }

    private static String params(JsonNode params) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> param : params.properties()) {
            parts.add(param.getKey() + "=" + param.getValue().asText());
        }
        return String.join(", ", parts);
    }

    /** The HTML section of {@code rows}; nothing when there are none. */
    static void section(List<Row> rows, StringBuilder h) {
        if (rows.isEmpty()) {
            return;
        }
        h.append("<section id=\"jmh\"><h2>JMH benchmarks</h2>\n<p class=\"note\">From ").append(FILE)
                .append(" in this folder: throughput on one core, with JMH's 99.9 % error.</p>\n")
                .append("<table class=\"figures\"><thead><tr><th>benchmark</th><th>parameters</th>")
                .append("<th>score</th><th>error</th><th>unit</th><th>B/op</th></tr></thead><tbody>\n");
        for (Row row : rows) {
            h.append("<tr><td>").append(Markup.escape(row.benchmark())).append("</td><td>")
                    .append(Markup.escape(row.params())).append("</td><td>").append(number(row.score()))
                    .append("</td><td>± ").append(number(row.error())).append("</td><td>")
                    .append(Markup.escape(row.unit())).append("</td><td>").append(number(row.allocation()))
                    .append("</td></tr>\n");
        }
        h.append("</tbody></table></section>\n");
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%,.1f", value);
    }
}
