package dev.livetalk.metrics.otlp;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.livetalk.metrics.latency.Phases;
import dev.livetalk.metrics.ledger.DeliveryRow;
import dev.livetalk.metrics.ledger.FaultRow;
import dev.livetalk.metrics.ledger.Ledger;
import dev.livetalk.metrics.ledger.LedgerFiles;
import dev.livetalk.metrics.ledger.MessageRow;
import dev.livetalk.metrics.trace.TraceWindow;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A file of OpenTelemetry traces in the OTLP JSON encoding, as the OTLP file exporter writes
 * it (JSON Lines): one {@code ExportTraceServiceRequest} per line and per message, its spans
 * grouped by service (docs/OTLP.md). Written streaming: each ledger appended goes out message
 * by message, so only one message's spans are held at a time.
 *
 * <p>Times: a ledger's microseconds since the end of the warm-up become Unix nanoseconds with
 * {@code epoch} as the start of the warm-up, the same epoch for every run appended, so that
 * the strategies and scenarios of one file line up.
 *
 * <p>The file is an extra output of a run: a write that fails (a full disk) does not fail the
 * run that measured what it would have held. The first failure is kept ({@link #failure()}),
 * nothing more is written, and the caller says so once the run's other outputs are written.
 *
 * <p>Not thread-safe: one thread appends and closes.
 */
public final class OtlpTraceFile implements AutoCloseable {
    /** The instrumentation scope every span is written under. */
    public static final String SCOPE = "dev.livetalk.metrics.otlp";
    private static final JsonFactory JSON = JsonFactory.builder().build();
    private final Path path;
    private final long epochNanos;
    private final OutputStream out;
    private final JsonGenerator json;
    private final TraceIds ids = new TraceIds();
    private long traces;
    private boolean closed;
    /** The first write that failed; {@code null} while none did. */
    private IOException failure;

    /** A file of traces at {@code path} written into {@code out} (a test hands in a stream that fails). */
    OtlpTraceFile(Path path, long epochNanos, OutputStream out) throws IOException {
        this.path = path;
        this.epochNanos = epochNanos;
        this.out = out;
        this.json = JSON.createGenerator(out, JsonEncoding.UTF8);
        this.json.setRootValueSeparator(null); // each request ends its own line
    }

    /**
     * Creates (or empties) {@code path} for writing; its folder must exist.
     *
     * @throws IOException naming the path when it is a folder or cannot be written
     */
    public static OtlpTraceFile create(Path path, Instant epoch) throws IOException {
        if (Files.isDirectory(path)) {
            throw new IOException(path + " is a folder; the OTLP traces go into a file");
        }
        long epochNanos = Math.addExact(Math.multiplyExact(epoch.getEpochSecond(), 1_000_000_000L), epoch.getNano());
        return new OtlpTraceFile(path, epochNanos, new BufferedOutputStream(Files.newOutputStream(path), 1 << 16));
    }

    /** The file. */
    public Path path() {
        return path;
    }

    /** How many traces (messages) were written so far (the last ones may be lost to a {@link #failure()}). */
    public long traces() {
        return traces;
    }

    /**
     * The first write (or the closing flush) that failed, if one did: the file then holds the
     * traces written before it, the last of them maybe cut short, and nothing after.
     */
    public java.util.Optional<IOException> failure() {
        return java.util.Optional.ofNullable(failure);
    }

    /**
     * Writes a trace per message of {@code ledger}, the run of {@code stamp} whose warm-up
     * lasted {@code warmup}; after a failed write ({@link #failure()}) it writes nothing, and a
     * write that fails is kept there rather than thrown.
     */
    public void append(LedgerFiles.Stamp stamp, Duration warmup, Ledger ledger) {
        if (failure != null || closed) {
            return;
        }
        try {
            write(stamp, warmup, ledger);
        } catch (IOException e) {
            failure = e;
        }
    }

    private void write(LedgerFiles.Stamp stamp, Duration warmup, Ledger ledger) throws IOException {
        long zeroNanos = Math.addExact(epochNanos, warmup.toNanos());
        Phases phases = new Phases(ledger.faults().stream().map(OtlpTraceFile::window).toList());
        Map<String, List<DeliveryRow>> deliveries = new HashMap<>();
        for (DeliveryRow delivery : ledger.deliveries()) {
            deliveries.computeIfAbsent(delivery.key(), key -> new ArrayList<>()).add(delivery);
        }
        List<SpanAttribute> resource = List.of(SpanAttribute.of("service.namespace", "livetalk"),
                SpanAttribute.of("livetalk.scenario", stamp.scenario()),
                SpanAttribute.of("livetalk.strategy", stamp.strategy()),
                SpanAttribute.of("livetalk.seed", stamp.seed()));
        for (MessageRow message : ledger.messages()) {
            String traceId = ids.traceId(stamp.scenario(), stamp.strategy(), stamp.seed(), message.key());
            MessageTrace trace = MessageTrace.of(traceId, message, deliveries.getOrDefault(message.key(), List.of()),
                    phases, ids);
            writeRequest(trace, resource, zeroNanos);
            traces++;
        }
        json.flush();
    }

    private static TraceWindow window(FaultRow fault) {
        return new TraceWindow(fault.fault(), fault.occurrence(), fault.startUs(), fault.endUs(), fault.clients(),
                fault.serverSide());
    }

    /** One line: {@code {"resourceSpans":[...]}} with one resource per service, in order of first span. */
    private void writeRequest(MessageTrace trace, List<SpanAttribute> resource, long zeroNanos) throws IOException {
        Map<String, List<MessageSpan>> byService = new LinkedHashMap<>();
        for (MessageSpan span : trace.spans()) {
            byService.computeIfAbsent(span.service(), service -> new ArrayList<>()).add(span);
        }
        json.writeStartObject();
        json.writeArrayFieldStart("resourceSpans");
        for (Map.Entry<String, List<MessageSpan>> service : byService.entrySet()) {
            json.writeStartObject();
            json.writeObjectFieldStart("resource");
            json.writeArrayFieldStart("attributes");
            writeAttribute(SpanAttribute.of("service.name", service.getKey()));
            for (SpanAttribute attribute : resource) {
                writeAttribute(attribute);
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeArrayFieldStart("scopeSpans");
            json.writeStartObject();
            json.writeObjectFieldStart("scope");
            json.writeStringField("name", SCOPE);
            json.writeEndObject();
            json.writeArrayFieldStart("spans");
            for (MessageSpan span : service.getValue()) {
                writeSpan(trace.traceId(), span, zeroNanos);
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
        json.writeRaw('\n');
    }

    private void writeSpan(String traceId, MessageSpan span, long zeroNanos) throws IOException {
        json.writeStartObject();
        json.writeStringField("traceId", traceId);
        json.writeStringField("spanId", span.spanId());
        if (span.parentSpanId() != null) {
            json.writeStringField("parentSpanId", span.parentSpanId());
        }
        json.writeStringField("name", span.name());
        json.writeNumberField("kind", span.kind().otlp());
        json.writeStringField("startTimeUnixNano", unixNanos(zeroNanos, span.startUs()));
        json.writeStringField("endTimeUnixNano", unixNanos(zeroNanos, span.endUs()));
        json.writeArrayFieldStart("attributes");
        for (SpanAttribute attribute : span.attributes()) {
            writeAttribute(attribute);
        }
        json.writeEndArray();
        if (!span.events().isEmpty()) {
            json.writeArrayFieldStart("events");
            for (SpanEvent event : span.events()) {
                writeEvent(event, zeroNanos);
            }
            json.writeEndArray();
        }
        if (span.error() != null) {
            json.writeObjectFieldStart("status");
            json.writeStringField("message", span.error());
            json.writeNumberField("code", 2); // STATUS_CODE_ERROR
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    private void writeEvent(SpanEvent event, long zeroNanos) throws IOException {
        json.writeStartObject();
        json.writeStringField("timeUnixNano", unixNanos(zeroNanos, event.atUs()));
        json.writeStringField("name", event.name());
        if (!event.attributes().isEmpty()) {
            json.writeArrayFieldStart("attributes");
            for (SpanAttribute attribute : event.attributes()) {
                writeAttribute(attribute);
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    /** {@code {"key":K,"value":{"stringValue":..}}}; OTLP JSON writes 64-bit integers as strings. */
    private void writeAttribute(SpanAttribute attribute) throws IOException {
        json.writeStartObject();
        json.writeStringField("key", attribute.key());
        json.writeObjectFieldStart("value");
        switch (attribute.value()) {
            case String s -> json.writeStringField("stringValue", s);
            case Long l -> json.writeStringField("intValue", Long.toString(l));
            case Boolean b -> json.writeBooleanField("boolValue", b);
            default -> throw new IllegalStateException("unknown attribute type: " + attribute);
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    private static String unixNanos(long zeroNanos, long us) {
        return Long.toString(Math.addExact(zeroNanos, Math.multiplyExact(us, 1_000L)));
    }

    /**
     * Flushes and closes the file; a second call does nothing. A flush that fails is kept as the
     * {@link #failure()} (unless one came before), the file closed all the same.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (failure == null) {
                json.close();
            }
        } catch (IOException e) {
            failure = e;
        } finally {
            try {
                out.close(); // where the generator failed before closing it; a second close does nothing
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }
    }
}
