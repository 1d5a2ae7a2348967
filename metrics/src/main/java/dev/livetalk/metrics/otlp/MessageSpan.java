package dev.livetalk.metrics.otlp;

import java.util.List;

/**
 * One span of a message's trace, on the ledger's clock (microseconds since the end of the
 * warm-up). {@code parentSpanId} is {@code null} for the root; {@code error} is {@code null}
 * for a span that completed, else why it did not (status ERROR with that message).
 *
 * <p>Immutable; any thread.
 *
 * @param service the service that did it: {@code livetalk-server} or {@code livetalk-client-USER}
 */
public record MessageSpan(String service, String name, SpanKind kind, String spanId, String parentSpanId,
                          long startUs, long endUs, List<SpanAttribute> attributes, List<SpanEvent> events,
                          String error) {
    public MessageSpan {
        attributes = List.copyOf(attributes);
        events = List.copyOf(events);
        if (endUs < startUs) {
            throw new IllegalArgumentException("span " + name + " must not end before it starts: " + startUs + ".." + endUs);
        }
    }
}
