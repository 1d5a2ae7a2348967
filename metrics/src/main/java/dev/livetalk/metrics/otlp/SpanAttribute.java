package dev.livetalk.metrics.otlp;

/**
 * One attribute of a span, an event or a resource: a string, a whole number or a boolean.
 *
 * <p>Immutable; any thread.
 */
public record SpanAttribute(String key, Object value) {
    public SpanAttribute {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("an attribute needs a key: " + key);
        }
        if (!(value instanceof String || value instanceof Long || value instanceof Boolean)) {
            throw new IllegalArgumentException("attribute " + key + " must be a String, Long or Boolean: " + value);
        }
    }

    public static SpanAttribute of(String key, String value) {
        return new SpanAttribute(key, value);
    }

    public static SpanAttribute of(String key, long value) {
        return new SpanAttribute(key, value);
    }

    public static SpanAttribute of(String key, boolean value) {
        return new SpanAttribute(key, value);
    }
}
