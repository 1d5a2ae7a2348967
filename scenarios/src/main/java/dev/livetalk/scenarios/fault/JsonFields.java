package dev.livetalk.scenarios.fault;

import com.fasterxml.jackson.databind.JsonNode;
import dev.livetalk.scenarios.Durations;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The fields of one JSON object of a written fault schedule, read by name with errors that
 * name the field's path, the rule and the value found. Remembers which fields were read, so
 * {@link #requireNoOthers()} can refuse a field nobody expects.
 *
 * <p>Not thread-safe: one reading on one thread.
 */
final class JsonFields {
    private final JsonNode node;
    private final String path;
    private final Set<String> read = new HashSet<>();

    private JsonFields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** The fields of {@code node}, which must be an object; {@code path} names it in errors. */
    static JsonFields of(JsonNode node, String path, String what) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(path + " must be an object (" + what + "): " + node);
        }
        return new JsonFields(node, path);
    }

    /** This object's path. */
    String path() {
        return path;
    }

    /** The path of one of its fields. */
    String path(String field) {
        return path + "." + field;
    }

    JsonNode required(String field, String rule) {
        read.add(field);
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException(path(field) + " is missing: it must be " + rule);
        }
        return value;
    }

    String text(String field) {
        JsonNode value = required(field, "a non-empty string");
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw wrong(field, "a non-empty string", value);
        }
        return value.asText();
    }

    long whole(String field, long min) {
        String rule = min == Long.MIN_VALUE ? "a whole number" : "a whole number >= " + min;
        JsonNode value = required(field, rule);
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < min) {
            throw wrong(field, rule, value);
        }
        return value.asLong();
    }

    int integer(String field, int min) {
        long value = whole(field, min);
        if (value > Integer.MAX_VALUE) {
            throw wrong(field, "a whole number within " + min + ".." + Integer.MAX_VALUE, node.get(field));
        }
        return (int) value;
    }

    double number(String field) {
        JsonNode value = required(field, "a number");
        if (!value.isNumber()) {
            throw wrong(field, "a number", value);
        }
        return value.asDouble();
    }

    boolean bool(String field) {
        JsonNode value = required(field, "true or false");
        if (!value.isBoolean()) {
            throw wrong(field, "true or false", value);
        }
        return value.asBoolean();
    }

    Duration duration(String field) {
        String rule = "a duration such as 500ms";
        JsonNode value = required(field, rule);
        if (!value.isTextual()) {
            throw wrong(field, rule, value);
        }
        try {
            return Durations.parse(value.asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path(field) + ": " + e.getMessage(), e);
        }
    }

    /** One of {@code names}, mapped by {@code nameOf}. */
    <T> T oneOf(String field, List<T> choices, Function<T, String> nameOf) {
        String rule = "one of " + String.join(", ", choices.stream().map(nameOf).toList());
        JsonNode value = required(field, rule);
        return choices.stream().filter(c -> value.isTextual() && nameOf.apply(c).equals(value.asText()))
                .findFirst().orElseThrow(() -> wrong(field, rule, value));
    }

    List<String> texts(String field) {
        String rule = "an array of strings";
        JsonNode value = required(field, rule);
        if (!value.isArray()) {
            throw wrong(field, rule, value);
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isTextual()) {
                throw new IllegalArgumentException(path(field) + "[" + i + "] must be a string: " + value.get(i));
            }
            texts.add(value.get(i).asText());
        }
        return texts;
    }

    /** The elements of an array field. */
    JsonNode array(String field) {
        String rule = "an array";
        JsonNode value = required(field, rule);
        if (!value.isArray()) {
            throw wrong(field, rule, value);
        }
        return value;
    }

    /**
     * Checks a text field that repeats a value read elsewhere, if present.
     *
     * @param expected the value's text as it must be written
     */
    void agreeing(String field, Duration expected, String source) {
        read.add(field);
        JsonNode value = node.get(field);
        if (value == null) {
            return;
        }
        Duration written = duration(field);
        if (!written.equals(expected)) {
            throw new IllegalArgumentException(path(field) + " must agree with " + path(source) + " ("
                    + Durations.format(expected) + "): " + value);
        }
    }

    /** Refuses any field that was not read. */
    void requireNoOthers() {
        List<String> others = new ArrayList<>();
        node.fieldNames().forEachRemaining(f -> {
            if (!read.contains(f)) {
                others.add(f);
            }
        });
        if (!others.isEmpty()) {
            List<String> known = read.stream().sorted().toList();
            throw new IllegalArgumentException(path + " has unknown field" + (others.size() > 1 ? "s " : " ")
                    + String.join(", ", others) + " (known: " + (known.isEmpty() ? "none" : String.join(", ", known))
                    + ")");
        }
    }

    private IllegalArgumentException wrong(String field, String rule, JsonNode value) {
        return new IllegalArgumentException(path(field) + " must be " + rule + ": " + value);
    }
}
