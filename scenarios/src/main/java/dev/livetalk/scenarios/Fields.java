package dev.livetalk.scenarios;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keys of one YAML mapping checked against the keys its place allows: unknown keys are
 * reported with the closest known key, missing required keys at the mapping.
 *
 * <p>Not thread-safe: one validation on one thread.
 */
final class Fields {
    private final YamlNode.Mapping mapping;
    private final String path;
    private final Diagnostics diagnostics;
    private final Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();

    Fields(YamlNode.Mapping mapping, String path, List<String> known, Diagnostics diagnostics) {
        this.mapping = mapping;
        this.path = path;
        this.diagnostics = diagnostics;
        for (YamlNode.Entry entry : mapping.entries()) {
            if (known.contains(entry.key())) {
                entries.put(entry.key(), entry);
            } else {
                diagnostics.error(entry.keyMark(), "unknown key '" + entry.key() + "' in " + path
                        + ClosestName.hint(entry.key(), known) + " (known keys: " + String.join(", ", known) + ")");
            }
        }
    }

    YamlNode.Mapping mapping() {
        return mapping;
    }

    String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    Optional<YamlNode> optional(String key) {
        return Optional.ofNullable(entries.get(key)).map(YamlNode.Entry::value);
    }

    /** The value of a required key; reports it missing at the mapping's first key otherwise. */
    Optional<YamlNode> required(String key, String rule) {
        Optional<YamlNode> value = optional(key);
        if (value.isEmpty()) {
            diagnostics.error(mapping.mark(), "missing key '" + key + "' in " + path + " (" + rule + ")");
        }
        return value;
    }
}
