package dev.livetalk.bench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the sharded-run tests compare: per scenario and strategy the figures of
 * {@code results.json} (without where and when it ran), the console's table and verdict line.
 */
public final class ShardedRuns {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ShardedRuns() {
    }

    /**
     * Per {@code scenario/strategy}, in the order the folders list them, its result as JSON;
     * per scenario {@code scenario} its document without environment, strategies and health
     * (which depends on which strategies a document holds), so a run and its shards compare.
     */
    public static Map<String, JsonNode> figures(List<Path> folders) throws IOException {
        Map<String, JsonNode> figures = new LinkedHashMap<>();
        for (Path folder : folders) {
            try (var files = Files.list(folder)) {
                for (Path results : files.map(f -> f.resolve("results.json")).filter(Files::isRegularFile).sorted()
                        .toList()) {
                    ObjectNode doc = (ObjectNode) JSON.readTree(results.toFile());
                    String scenario = doc.get("scenario").asText();
                    for (JsonNode strategy : (ArrayNode) doc.get("strategies")) {
                        JsonNode earlier = figures.put(scenario + "/" + strategy.get("strategy").asText(), strategy);
                        if (earlier != null) {
                            throw new AssertionError(scenario + "/" + strategy.get("strategy") + " twice, again in "
                                    + results);
                        }
                    }
                    // judgedInOtherShards: of one shard's part (it judged nothing itself), not of the scenario
                    doc.remove(List.of("environment", "strategies", "health", "judgedInOtherShards"));
                    JsonNode before = figures.put(scenario, doc);
                    if (before != null && !before.equals(doc)) {
                        throw new AssertionError("scenario " + scenario + " differs between shards: " + results);
                    }
                }
            }
        }
        return figures;
    }

    /** The console's table: from its head to the line before the failures, the report's path or the verdict. */
    static String table(String console) {
        List<String> lines = new ArrayList<>();
        boolean in = false;
        for (String line : console.split("\n")) {
            if (line.startsWith("scenario ")) {
                in = true;
            } else if (line.isBlank() || line.startsWith("failed (") || line.startsWith("report: ")
                    || line.startsWith("verdict: ")) {
                in = false;
            }
            if (in) {
                lines.add(line);
            }
        }
        return String.join("\n", lines);
    }

    /** The failures listed and the verdict line. */
    static String verdict(String console) {
        return String.join("\n", console.lines().filter(l -> l.startsWith("verdict: ") || l.startsWith("  ")
                || l.startsWith("failed (")).toList());
    }

    /** {@code summary.md} up to its environment sections (when and where it ran). */
    static String summaryFigures(Path folder) throws IOException {
        String md = Files.readString(folder.resolve("summary.md"));
        int environment = md.indexOf("\n### Environment");
        return environment < 0 ? md : md.substring(0, environment);
    }
}
