package dev.livetalk.metrics.otlp;

/** A span's kind, with its number in OTLP ({@code opentelemetry.proto.trace.v1.Span.SpanKind}). */
public enum SpanKind {
    INTERNAL(1),
    SERVER(2),
    CLIENT(3),
    PRODUCER(4),
    CONSUMER(5);

    private final int otlp;

    SpanKind(int otlp) {
        this.otlp = otlp;
    }

    /** The enum's number, as OTLP JSON writes it. */
    public int otlp() {
        return otlp;
    }
}
