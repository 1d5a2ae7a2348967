package dev.livetalk.bench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads an OTLP JSON Lines file with the OpenTelemetry protobuf definitions: each line one
 * {@code ExportTraceServiceRequest}. OTLP JSON writes trace and span ids as hex where
 * protobuf's JSON mapping expects base64 bytes, so the ids are converted first, as the OTLP
 * specification says a receiver must; every other field is parsed strictly (an unknown field
 * fails).
 */
final class OtlpJsonLines {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> ID_FIELDS = List.of("traceId", "spanId", "parentSpanId");

    private OtlpJsonLines() {
    }

    static List<ExportTraceServiceRequest> read(Path file) throws IOException {
        List<ExportTraceServiceRequest> requests = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            requests.add(parse(line));
        }
        return requests;
    }

    static ExportTraceServiceRequest parse(String line) throws IOException {
        JsonNode tree = MAPPER.readTree(line);
        hexIdsToBase64(tree);
        ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
        try {
            JsonFormat.parser().merge(MAPPER.writeValueAsString(tree), request);
        } catch (InvalidProtocolBufferException e) {
            throw new IOException("not an ExportTraceServiceRequest: " + e.getMessage() + ": " + line, e);
        }
        return request.build();
    }

    private static void hexIdsToBase64(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (String field : ID_FIELDS) {
                JsonNode id = object.get(field);
                if (id != null && id.isTextual()) {
                    String hex = id.asText();
                    if (!hex.matches("[0-9a-f]*")) {
                        throw new IllegalArgumentException(field + " must be lowercase hex: " + hex);
                    }
                    object.put(field, Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex)));
                }
            }
        }
        node.forEach(OtlpJsonLines::hexIdsToBase64);
    }
}
