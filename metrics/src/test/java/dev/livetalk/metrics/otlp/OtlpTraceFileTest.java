package dev.livetalk.metrics.otlp;

import dev.livetalk.metrics.ledger.DeliveryRow;
import dev.livetalk.metrics.ledger.FaultRow;
import dev.livetalk.metrics.ledger.Ledger;
import dev.livetalk.metrics.ledger.LedgerFiles;
import dev.livetalk.metrics.ledger.MessageRow;
import dev.livetalk.metrics.ledger.MessageRow.Commit;
import dev.livetalk.metrics.ledger.MessageRow.StatusStep;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OtlpTraceFileTest {
    static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
    static final long EPOCH_NANOS = 1_767_225_600_000_000_000L;
    static final Duration WARMUP = Duration.ofSeconds(2);
    static final LedgerFiles.Stamp STAMP = new LedgerFiles.Stamp("lobby-test", "test", 7);

    @TempDir
    Path dir;

    /**
     * m1: alice's message, committed, shown and read at bob, never shown at carol (outage on her
     * link 40..50 ms). m2: alice's, sent during the outage, never committed nor acknowledged.
     * m3: bob's, committed twice, shown twice at alice.
     */
    static Ledger handMade() {
        MessageRow m1 = new MessageRow("send:alice:a1", "lobby", "alice", "lobby:1", 1L, null, 0L, 1_000L, 2_000L, 1,
                List.of(), List.of("a1"), 1_000L, 20_000L, 10_000L, List.of(new Commit(1, "lobby:1", "a1", 10_000)),
                List.of(new StatusStep("pending", 1_000), new StatusStep("sent", 20_000), new StatusStep("read", 33_000)),
                "read", 0);
        MessageRow m2 = new MessageRow("send:alice:a2", "lobby", "alice", null, null, null, 45_000L, 45_000L, 45_000L, 3,
                List.of(), List.of("a2"), 45_000L, null, null, List.of(),
                List.of(new StatusStep("pending", 45_000), new StatusStep("failed", 60_000)), "failed", 0);
        MessageRow m3 = new MessageRow("send:bob:b1", "lobby", "bob", "lobby:2", 2L, null, 60_000L, 60_000L, 60_500L, 2,
                List.of(), List.of("b1", "b1-retry"), 60_000L, 62_500L, 62_000L,
                List.of(new Commit(2, "lobby:2", "b1", 62_000), new Commit(3, "lobby:3", "b1-retry", 70_000)),
                List.of(new StatusStep("pending", 60_000), new StatusStep("sent", 62_500)), "sent", 0);
        List<DeliveryRow> deliveries = List.of(
                new DeliveryRow("send:alice:a1", "lobby", 1L, "alice", "bob", 15_000L, 15_000L, 0, 1, 0, 16_000L, 30_000L,
                        18_000L, 33_000L),
                new DeliveryRow("send:alice:a1", "lobby", 1L, "alice", "carol", null, null, null, 0, 0, null, null, null, null),
                new DeliveryRow("send:alice:a2", "lobby", null, "alice", "bob", null, null, null, 0, 0, null, null, null, null),
                new DeliveryRow("send:alice:a2", "lobby", null, "alice", "carol", null, null, null, 0, 0, null, null, null, null),
                new DeliveryRow("send:bob:b1", "lobby", 2L, "bob", "alice", 63_000L, 63_000L, 1, 2, 0, null, null, null, null));
        return new Ledger(List.of(m1, m2, m3), deliveries, List.of(), List.of(), List.of(),
                List.of(new FaultRow("outage", 0, 40_000, 50_000, List.of("carol"), false)));
    }

    private Path write(String name, LedgerFiles.Stamp stamp, Ledger ledger) throws IOException {
        Path file = dir.resolve(name);
        try (OtlpTraceFile otlp = OtlpTraceFile.create(file, EPOCH)) {
            otlp.append(stamp, WARMUP, ledger);
            assertThat(otlp.traces()).isEqualTo(ledger.messages().size());
        }
        return file;
    }

    /** The spans of one request by name (with the recipient after a slash) and their services. */
    record Trace(Map<String, Span> spans, Map<String, String> services) {
        static Trace of(ExportTraceServiceRequest request) {
            Map<String, Span> spans = new LinkedHashMap<>();
            Map<String, String> services = new LinkedHashMap<>();
            for (ResourceSpans resource : request.getResourceSpansList()) {
                String service = attribute(resource.getResource().getAttributesList(), "service.name").getStringValue();
                resource.getScopeSpansList().forEach(scope -> scope.getSpansList().forEach(span -> {
                    String name = span.getParentSpanId().isEmpty() || span.getName().equals("commit") ? span.getName()
                            : span.getName() + "/" + attribute(span.getAttributesList(), "livetalk.client").getStringValue();
                    assertThat(spans.put(name, span)).as("one span " + name).isNull();
                    services.put(name, service);
                }));
            }
            return new Trace(spans, services);
        }

        Span span(String name) {
            assertThat(spans).containsKey(name);
            return spans.get(name);
        }
    }

    static AnyValue attribute(List<KeyValue> attributes, String key) {
        return attributes.stream().filter(a -> a.getKey().equals(key)).map(KeyValue::getValue).findFirst()
                .orElseThrow(() -> new AssertionError("no attribute " + key + " in " + attributes));
    }

    private static long nanos(long us) {
        return EPOCH_NANOS + WARMUP.toNanos() + us * 1_000;
    }

    @Test
    void shouldWriteOneParsableRequestPerMessageWithTheSpanTree() throws IOException {
        List<ExportTraceServiceRequest> requests = OtlpJsonLines.read(write("t.jsonl", STAMP, handMade()));

        assertThat(requests).hasSize(3);
        Trace m1 = Trace.of(requests.get(0));
        assertThat(m1.spans()).containsOnlyKeys("send", "commit", "deliver/bob", "display/bob", "read/bob", "deliver/carol");
        Span send = m1.span("send");
        assertThat(send.getParentSpanId().isEmpty()).isTrue();
        assertThat(m1.span("commit").getParentSpanId()).isEqualTo(send.getSpanId());
        assertThat(m1.span("deliver/bob").getParentSpanId()).isEqualTo(m1.span("commit").getSpanId());
        assertThat(m1.span("deliver/carol").getParentSpanId()).isEqualTo(m1.span("commit").getSpanId());
        assertThat(m1.span("display/bob").getParentSpanId()).isEqualTo(m1.span("deliver/bob").getSpanId());
        assertThat(m1.span("read/bob").getParentSpanId()).isEqualTo(m1.span("deliver/bob").getSpanId());
        assertThat(m1.spans().values()).allSatisfy(span -> assertThat(span.getTraceId()).isEqualTo(send.getTraceId()));
        assertThat(m1.spans().values()).extracting(Span::getSpanId).doesNotHaveDuplicates();
        assertThat(m1.services()).containsEntry("send", "livetalk-client-alice").containsEntry("commit", "livetalk-server")
                .containsEntry("deliver/bob", "livetalk-client-bob").containsEntry("read/bob", "livetalk-client-bob");
        assertThat(send.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
        assertThat(m1.span("commit").getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
        assertThat(m1.span("deliver/bob").getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CONSUMER);
    }

    @Test
    void shouldPlaceEverySpanOnTheEpochFromIntendedToAckAndCommitToShownToFinalToRead() throws IOException {
        Trace m1 = Trace.of(OtlpJsonLines.read(write("t.jsonl", STAMP, handMade())).get(0));

        assertThat(m1.span("send").getStartTimeUnixNano()).isEqualTo(nanos(0));
        assertThat(m1.span("send").getEndTimeUnixNano()).isEqualTo(nanos(20_000));
        assertThat(m1.span("commit").getStartTimeUnixNano()).isEqualTo(nanos(2_000));
        assertThat(m1.span("commit").getEndTimeUnixNano()).isEqualTo(nanos(10_000));
        assertThat(m1.span("deliver/bob").getStartTimeUnixNano()).isEqualTo(nanos(10_000));
        assertThat(m1.span("deliver/bob").getEndTimeUnixNano()).isEqualTo(nanos(15_000));
        assertThat(m1.span("display/bob").getEndTimeUnixNano()).isEqualTo(nanos(15_000));
        assertThat(m1.span("read/bob").getStartTimeUnixNano()).isEqualTo(nanos(15_000));
        assertThat(m1.span("read/bob").getEndTimeUnixNano()).isEqualTo(nanos(30_000));
        assertThat(m1.spans().values()).allSatisfy(span ->
                assertThat(span.getEndTimeUnixNano()).isGreaterThanOrEqualTo(span.getStartTimeUnixNano()));
        assertThat(m1.span("send").getEventsList()).extracting(Span.Event::getName)
                .containsExactly("status pending", "status sent", "status read");
        assertThat(m1.span("deliver/bob").getEventsList()).extracting(Span.Event::getName).containsExactly(
                "delivered marker sent", "read marker sent", "sender saw delivered receipt", "sender saw read receipt");
    }

    @Test
    void shouldCarryRoomClientPhaseAndMessageOnEverySpanAndTheRunOnTheResource() throws IOException {
        List<ExportTraceServiceRequest> requests = OtlpJsonLines.read(write("t.jsonl", STAMP, handMade()));
        Trace m1 = Trace.of(requests.get(0));

        Span deliver = m1.span("deliver/bob");
        assertThat(attribute(deliver.getAttributesList(), "livetalk.room").getStringValue()).isEqualTo("lobby");
        assertThat(attribute(deliver.getAttributesList(), "livetalk.client").getStringValue()).isEqualTo("bob");
        assertThat(attribute(deliver.getAttributesList(), "livetalk.fault.phase").getStringValue()).isEqualTo("before");
        for (String name : List.of("send", "commit")) {
            List<KeyValue> attributes = m1.span(name).getAttributesList();
            assertThat(attribute(attributes, "livetalk.message.seq").getIntValue()).isEqualTo(1);
            assertThat(attribute(attributes, "livetalk.message.id").getStringValue()).isEqualTo("lobby:1");
            assertThat(attribute(attributes, "livetalk.message.key").getStringValue()).isEqualTo("send:alice:a1");
        }
        assertThat(attribute(m1.span("send").getAttributesList(), "livetalk.client").getStringValue()).isEqualTo("alice");
        assertThat(attribute(m1.span("send").getAttributesList(), "livetalk.fault.phase").getStringValue()).isEqualTo("before");
        Trace m2 = Trace.of(requests.get(1));
        assertThat(attribute(m2.span("send").getAttributesList(), "livetalk.fault.phase").getStringValue()).isEqualTo("during");
        Trace m3 = Trace.of(requests.get(2));
        assertThat(attribute(m3.span("send").getAttributesList(), "livetalk.fault.phase").getStringValue()).isEqualTo("after");
        for (ResourceSpans resource : requests.get(0).getResourceSpansList()) {
            List<KeyValue> attributes = resource.getResource().getAttributesList();
            assertThat(attribute(attributes, "livetalk.scenario").getStringValue()).isEqualTo("lobby-test");
            assertThat(attribute(attributes, "livetalk.strategy").getStringValue()).isEqualTo("test");
            assertThat(attribute(attributes, "livetalk.seed").getIntValue()).isEqualTo(7);
        }
    }

    @Test
    void shouldMarkWhatNeverCompletedAsErrorWithWhy() throws IOException {
        List<ExportTraceServiceRequest> requests = OtlpJsonLines.read(write("t.jsonl", STAMP, handMade()));
        Trace m1 = Trace.of(requests.get(0));
        Trace m2 = Trace.of(requests.get(1));
        Trace m3 = Trace.of(requests.get(2));

        assertThat(m1.spans().entrySet()).allSatisfy(e -> assertThat(e.getValue().getStatus().getCode())
                .as(e.getKey()).isEqualTo(e.getKey().equals("deliver/carol")
                        ? Status.StatusCode.STATUS_CODE_ERROR : Status.StatusCode.STATUS_CODE_UNSET));
        assertThat(m1.span("deliver/carol").getStatus().getMessage()).isEqualTo("never shown at carol (lost there)");
        assertThat(m1.span("deliver/carol").getEndTimeUnixNano()).isEqualTo(m1.span("deliver/carol").getStartTimeUnixNano());
        assertThat(m2.spans()).containsOnlyKeys("send", "commit", "deliver/bob", "deliver/carol");
        assertThat(m2.span("send").getStatus().getMessage()).isEqualTo(
                "never acknowledged at alice (final status failed, 3 transmissions)");
        assertThat(m2.span("send").getEndTimeUnixNano()).isEqualTo(nanos(60_000));
        assertThat(m2.span("commit").getStatus().getMessage()).isEqualTo("never committed by the server (3 transmissions)");
        assertThat(m3.span("commit").getStatus().getMessage()).startsWith("committed 2 times");
        assertThat(m3.span("display/alice").getStatus().getMessage())
                .isEqualTo("shown 2 times in alice's final transcript (duplicated)");
        assertThat(m3.span("deliver/alice").getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_UNSET);
    }

    @Test
    void shouldGiveTheSameFileForTheSameSeedAndOtherIdsForAnotherSeed() throws IOException {
        Path first = write("a.jsonl", STAMP, handMade());
        Path again = write("b.jsonl", STAMP, handMade());
        Path otherSeed = write("c.jsonl", new LedgerFiles.Stamp("lobby-test", "test", 8), handMade());

        assertThat(again).hasSameBinaryContentAs(first);
        String firstLine = Files.readAllLines(first).getFirst();
        assertThat(firstLine).startsWith("{\"resourceSpans\":[").contains("\"startTimeUnixNano\":\"" + nanos(0) + "\"");
        assertThat(firstLine).containsPattern("\"traceId\":\"[0-9a-f]{32}\"").containsPattern("\"spanId\":\"[0-9a-f]{16}\"");
        ExportTraceServiceRequest a = OtlpJsonLines.read(first).getFirst();
        ExportTraceServiceRequest c = OtlpJsonLines.read(otherSeed).getFirst();
        String traceA = HexFormat.of().formatHex(a.getResourceSpans(0).getScopeSpans(0).getSpans(0).getTraceId().toByteArray());
        String traceC = HexFormat.of().formatHex(c.getResourceSpans(0).getScopeSpans(0).getSpans(0).getTraceId().toByteArray());
        assertThat(traceA).hasSize(32).isNotEqualTo(traceC);
        assertThat(firstLine).contains("\"traceId\":\"" + traceA + "\"");
    }

    /**
     * A write that fails part-way (a full disk) is kept, not thrown: the run that appends goes on
     * and writes its other outputs; nothing more is written, and closing does not throw either.
     */
    @Test
    void shouldKeepTheFirstFailedWriteAndWriteNothingAfterIt() throws IOException {
        int[] writes = {0};
        java.io.OutputStream fillsUp = new java.io.OutputStream() {
            private int room = 1_000;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                writes[0]++;
                if (len > room) {
                    throw new IOException("No space left on device");
                }
                room -= len;
            }
        };
        OtlpTraceFile otlp = new OtlpTraceFile(dir.resolve("full.jsonl"), EPOCH_NANOS, fillsUp);

        otlp.append(STAMP, WARMUP, handMade());
        int writesWhenItFailed = writes[0];
        otlp.append(STAMP, WARMUP, handMade());
        otlp.close();

        assertThat(otlp.failure()).hasValueSatisfying(e -> assertThat(e).hasMessage("No space left on device"));
        assertThat(writes[0]).as("nothing written after the failure").isEqualTo(writesWhenItFailed);
    }

    @Test
    void shouldRefuseAFolderNamingIt() {
        assertThatThrownBy(() -> OtlpTraceFile.create(dir, EPOCH)).isInstanceOf(IOException.class)
                .hasMessage(dir + " is a folder; the OTLP traces go into a file");
    }
}
