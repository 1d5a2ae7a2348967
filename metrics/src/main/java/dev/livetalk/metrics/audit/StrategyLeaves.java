package dev.livetalk.metrics.audit;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The leaves of one strategy's part of {@code results.json}, by path: object fields joined with
 * dots, array elements by their key fields ({@code latency[peer-final/all].corrected.p99},
 * {@code convergenceByClient[user1/outage/0].convergedAfter}, {@code rooms[general].correctness.lost},
 * {@code recovery[outage/0].recovery}) or else
 * their index. Parts the
 * {@link FigureTable} does not audit are left out.
 *
 * <p>Stateless; any thread.
 */
final class StrategyLeaves {
    /** Per array element shape, the fields that key it (and are no figures themselves). */
    private static final Map<Set<String>, String[]> KEYS = Map.of(
            Set.of("metric", "phase"), new String[] {"metric", "phase"},
            Set.of("room", "correctness"), new String[] {"room"},
            Set.of("clientId", "fault", "occurrence"), new String[] {"clientId", "fault", "occurrence"},
            Set.of("fault", "occurrence", "type"), new String[] {"fault", "occurrence"});

    private StrategyLeaves() {
    }

    static Map<String, JsonNode> of(JsonNode strategy) {
        Map<String, JsonNode> leaves = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : strategy.properties()) {
            if (!FigureTable.NOT_AUDITED.containsKey(field.getKey())) {
                walk(field.getKey(), field.getValue(), Set.of(), leaves);
            }
        }
        return leaves;
    }

    private static void walk(String path, JsonNode node, Set<String> skip, Map<String, JsonNode> leaves) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (!skip.contains(field.getKey())) {
                    walk(path + "." + field.getKey(), field.getValue(), Set.of(), leaves);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode element = node.get(i);
                String[] keys = keysOf(element);
                StringBuilder key = new StringBuilder();
                for (String k : keys) {
                    key.append(key.isEmpty() ? "" : "/").append(element.get(k).asText());
                }
                walk(path + "[" + (keys.length == 0 ? Integer.toString(i) : key) + "]", element, Set.of(keys),
                        leaves);
            }
        } else if (!FigureTable.notAudited(path)) {
            leaves.put(path, node);
        }
    }

    private static String[] keysOf(JsonNode element) {
        for (Map.Entry<Set<String>, String[]> shape : KEYS.entrySet()) {
            if (shape.getKey().stream().allMatch(element::has)) {
                return shape.getValue();
            }
        }
        return new String[0];
    }
}
