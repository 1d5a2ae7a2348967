package dev.livetalk.protocol;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
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
    private final FrameObject fields;
    private final String type;

    /** Reads {@code fields}, whose {@code type} field has been read already. */
    FieldReader(FrameObject fields, String type) {
        this.fields = fields;
        this.type = type;
    }

    String requiredString(String name) {
        int index = present(name);
        if (!fields.isString(index)) {
            throw invalid(name, "must be a string", fields.render(index));
        }
        String text = fields.string(index);
        int surrogate = Names.unpairedSurrogate(text);
        if (surrogate >= 0) {
            throw new FrameException(ErrorCode.INVALID_FIELD, String.format(Locale.ROOT,
                    "%s must be valid Unicode: unpaired surrogate \\u%04X at index %d",
                    name, (int) text.charAt(surrogate), surrogate));
        }
        return text;
    }

    String optionalString(String name) {
        return optional(name) < 0 ? null : requiredString(name);
    }

    long requiredLong(String name) {
        int index = present(name);
        if (!fields.isLong(index)) {
            throw invalid(name, "must be an integer within 64 bits", fields.render(index));
        }
        return fields.longValue(index);
    }

    Long optionalLong(String name) {
        return optional(name) < 0 ? null : requiredLong(name);
    }

    int requiredInt(String name) {
        int index = present(name);
        if (!fields.isLong(index) || (int) fields.longValue(index) != fields.longValue(index)) {
            throw invalid(name, "must be an integer within 32 bits", fields.render(index));
        }
        return (int) fields.longValue(index);
    }

    Integer optionalInt(String name) {
        return optional(name) < 0 ? null : requiredInt(name);
    }

    <E> E requiredEnum(String name, Function<String, E> byWireName, String allowed) {
        String text = requiredString(name);
        E value = byWireName.apply(text);
        if (value == null) {
            throw invalid(name, "must be one of " + allowed, fields.render(fields.ask(name)));
        }
        return value;
    }

    <V> Map<String, V> optionalMap(String name, Function<JsonNode, V> valueReader, String valueRule) {
        int index = optional(name);
        if (index < 0) {
            return Map.of();
        }
        JsonNode value = fields.node(index);
        if (value == null || !value.isObject()) {
            throw invalid(name, "must be an object", fields.render(index));
        }
        Map<String, V> result = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            V read = valueReader.apply(entry.getValue());
            if (read == null) {
                throw invalid(name + "." + entry.getKey(), valueRule, entry.getValue().toString());
            }
            result.put(entry.getKey(), read);
        }
        return result;
    }

    List<JsonNode> requiredArray(String name) {
        int index = present(name);
        JsonNode value = fields.node(index);
        if (value == null || !value.isArray()) {
            throw invalid(name, "must be an array", fields.render(index));
        }
        List<JsonNode> items = new ArrayList<>(value.size());
        value.forEach(items::add);
        return items;
    }

    /** Rejects any field the event does not define. */
    void finish() {
        String extra = fields.firstNotAsked();
        if (extra != null) {
            throw new FrameException(ErrorCode.INVALID_FIELD, "field " + extra + " is not part of a " + type + " event");
        }
    }

    /** The index of field {@code name}; a missing or null field breaks the contract. */
    private int present(String name) {
        int index = fields.ask(name);
        if (index < 0 || fields.isNull(index)) {
            throw new FrameException(ErrorCode.MISSING_FIELD, type + " needs field " + name);
        }
        return index;
    }

    /** The index of field {@code name}, or -1 when it is absent or null. */
    private int optional(String name) {
        int index = fields.ask(name);
        return index < 0 || fields.isNull(index) ? -1 : index;
    }

    private static FrameException invalid(String name, String rule, String shown) {
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
