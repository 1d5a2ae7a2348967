package dev.livetalk.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads the fields of one event object strictly: each getter names the field and the rule
 * it breaks, and {@link #finish()} rejects fields the event does not have. Not thread-safe;
 * one per frame.
 */
final class FieldReader {
    private final ObjectNode node;
    private final String type;
    /** The names asked for so far (an event has at most a dozen: a scan beats hashing). */
    private String[] seen = new String[10];
    private int seenCount;

    FieldReader(ObjectNode node, String type) {
        this.node = node;
        this.type = type;
        see("type");
    }

    String requiredString(String name) {
        JsonNode value = present(name);
        if (!value.isTextual()) {
            throw invalid(name, "must be a string", value);
        }
        String text = value.textValue();
        int surrogate = Names.unpairedSurrogate(text);
        if (surrogate >= 0) {
            throw new FrameException(ErrorCode.INVALID_FIELD, String.format(Locale.ROOT,
                    "%s must be valid Unicode: unpaired surrogate \\u%04X at index %d",
                    name, (int) text.charAt(surrogate), surrogate));
        }
        return text;
    }

    String optionalString(String name) {
        JsonNode value = optional(name);
        return value == null ? null : requiredString(name);
    }

    long requiredLong(String name) {
        JsonNode value = present(name);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw invalid(name, "must be an integer within 64 bits", value);
        }
        return value.longValue();
    }

    Long optionalLong(String name) {
        return optional(name) == null ? null : requiredLong(name);
    }

    int requiredInt(String name) {
        JsonNode value = present(name);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw invalid(name, "must be an integer within 32 bits", value);
        }
        return value.intValue();
    }

    Integer optionalInt(String name) {
        return optional(name) == null ? null : requiredInt(name);
    }

    <E> E requiredEnum(String name, Function<String, E> byWireName, String allowed) {
        String text = requiredString(name);
        E value = byWireName.apply(text);
        if (value == null) {
            throw invalid(name, "must be one of " + allowed, node.get(name));
        }
        return value;
    }

    <V> Map<String, V> optionalMap(String name, Function<JsonNode, V> valueReader, String valueRule) {
        JsonNode value = optional(name);
        if (value == null) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw invalid(name, "must be an object", value);
        }
        Map<String, V> result = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            V read = valueReader.apply(entry.getValue());
            if (read == null) {
                throw invalid(name + "." + entry.getKey(), valueRule, entry.getValue());
            }
            result.put(entry.getKey(), read);
        }
        return result;
    }

    List<JsonNode> requiredArray(String name) {
        JsonNode value = present(name);
        if (!value.isArray()) {
            throw invalid(name, "must be an array", value);
        }
        List<JsonNode> items = new ArrayList<>(value.size());
        value.forEach(items::add);
        return items;
    }

    /** Rejects any field the event does not define. */
    void finish() {
        for (Map.Entry<String, JsonNode> property : node.properties()) {
            String name = property.getKey();
            if (!wasSeen(name)) {
                throw new FrameException(ErrorCode.INVALID_FIELD,
                        "field " + name + " is not part of a " + type + " event");
            }
        }
    }

    private void see(String name) {
        if (seenCount == seen.length) {
            seen = Arrays.copyOf(seen, seenCount * 2);
        }
        seen[seenCount++] = name;
    }

    private boolean wasSeen(String name) {
        for (int i = 0; i < seenCount; i++) {
            if (seen[i].equals(name)) {
                return true;
            }
        }
        return false;
    }

    private JsonNode present(String name) {
        see(name);
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new FrameException(ErrorCode.MISSING_FIELD, type + " needs field " + name);
        }
        return value;
    }

    private JsonNode optional(String name) {
        see(name);
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value;
    }

    private static FrameException invalid(String name, String rule, JsonNode value) {
        String shown = value == null ? "null" : value.toString();
        if (shown.length() > 80) {
            shown = shown.substring(0, 80) + "...";
        }
        return new FrameException(ErrorCode.INVALID_FIELD, name + " " + rule + ": " + shown);
    }

    /** A contract breach found while reading a frame; caught by the codec, never escapes it. */
    static final class FrameException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final ErrorCode code;

        FrameException(ErrorCode code, String message) {
            super(message, null, false, false);
            this.code = code;
        }

        ErrorCode code() {
            return code;
        }
    }
}
