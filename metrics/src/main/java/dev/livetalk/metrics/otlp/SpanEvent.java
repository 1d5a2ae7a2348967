package dev.livetalk.metrics.otlp;

import java.util.List;

/**
 * Something that happened at {@code atUs} (microseconds since the end of the warm-up) during a
 * span, shown as a log line of the span in Jaeger.
 *
 * <p>Immutable; any thread.
 */
public record SpanEvent(String name, long atUs, List<SpanAttribute> attributes) {
    public SpanEvent {
        attributes = List.copyOf(attributes);
    }
}
