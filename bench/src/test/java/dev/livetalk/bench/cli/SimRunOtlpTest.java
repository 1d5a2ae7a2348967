package dev.livetalk.bench.cli;

import dev.livetalk.metrics.ledger.LedgerFiles;
import dev.livetalk.run.ScenarioRunner;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.protobuf.ByteString;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code livetalk run --otlp}: a simulator run's messages as OTLP traces, read back with the OTLP protobuf definitions. */
class SimRunOtlpTest extends CommandLineTest {
    private static final String EPOCH = "2026-01-01T00:00:00Z";
    private static final long EPOCH_NANOS = 1_767_225_600_000_000_000L;
    private static final String OUTAGE = SimOutage.YAML;

    @TempDir
    Path dir;

    private int runWithOtlp(Path otlp, String out) throws Exception {
        Path scenario = dir.resolve("sim-outage.yaml");
        Files.writeString(scenario, OUTAGE);
        return run("run", scenario.toString(), "--network", "sim", "--out", dir.resolve(out).toString(),
                "--otlp", otlp.toString(), "--otlp-epoch", EPOCH);
    }

    /** A span with its service and the resource's run attributes. */
    private record Placed(Span span, String service, String scenario, String strategy) {
    }

    private static String attribute(List<KeyValue> attributes, String key) {
        return attributes.stream().filter(a -> a.getKey().equals(key)).findFirst()
                .map(a -> a.getValue().hasIntValue() ? Long.toString(a.getValue().getIntValue()) : a.getValue().getStringValue())
                .orElseThrow(() -> new AssertionError("no attribute " + key + " in " + attributes));
    }

    private static List<Placed> spans(ExportTraceServiceRequest request) {
        List<Placed> spans = new ArrayList<>();
        for (ResourceSpans resource : request.getResourceSpansList()) {
            List<KeyValue> attributes = resource.getResource().getAttributesList();
            resource.getScopeSpansList().forEach(scope -> scope.getSpansList().forEach(span -> spans.add(new Placed(span,
                    attribute(attributes, "service.name"), attribute(attributes, "livetalk.scenario"),
                    attribute(attributes, "livetalk.strategy")))));
        }
        return spans;
    }

    /**
     * {@code --otlp} on a full disk (Linux's /dev/full fails every write with ENOSPC): the run is
     * measured and written all the same (results, ledger, report), and exits 1 naming the file.
     */
    @Test
    void shouldWriteTheMeasuredResultsAndExitOneNamingTheOtlpFileThatCouldNotBeWritten() throws Exception {
        Path full = Path.of("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(full), "no /dev/full here");

        int code = runWithOtlp(full, "out");

        assertThat(code).as(err.toString()).isEqualTo(ExitCode.HARNESS_FAILURE.code());
        assertThat(err.toString()).contains("livetalk: the harness failed: --otlp /dev/full: cannot write the traces:"
                + " No space left on device").doesNotContain("\tat ");
        Path scenarioFolder = dir.resolve("out/sim-outage");
        assertThat(scenarioFolder.resolve("results.json")).isRegularFile();
        assertThat(ScenarioRunner.ledgerFolder(scenarioFolder, "reconcile")).isDirectory();
        assertThat(dir.resolve("out/index.html")).isRegularFile();
        assertThat(dir.resolve("out/junit.xml")).isRegularFile();
    }

    @Test
    void shouldWriteEveryMessageOfEveryStrategyAsATraceWithAWellFormedTree() throws Exception {
        Path otlp = dir.resolve("traces.jsonl");
        assertThat(runWithOtlp(otlp, "out")).as(err.toString()).isZero();

        List<ExportTraceServiceRequest> requests = OtlpJsonLines.read(otlp);
        Path scenarioFolder = dir.resolve("out/sim-outage");
        int messages = LedgerFiles.read(ScenarioRunner.ledgerFolder(scenarioFolder, "event-only")).messages().size()
                + LedgerFiles.read(ScenarioRunner.ledgerFolder(scenarioFolder, "reconcile")).messages().size();
        assertThat(requests).hasSize(messages);
        Map<String, Integer> neverShown = new HashMap<>(Map.of("event-only", 0, "reconcile", 0));
        Set<ByteString> traceIds = new java.util.HashSet<>();
        for (ExportTraceServiceRequest request : requests) {
            List<Placed> spans = spans(request);
            Map<ByteString, Placed> byId = new HashMap<>();
            spans.forEach(p -> assertThat(byId.put(p.span().getSpanId(), p)).as("span ids unique").isNull());
            assertThat(spans).extracting(p -> p.span().getTraceId()).containsOnly(spans.getFirst().span().getTraceId());
            assertThat(traceIds.add(spans.getFirst().span().getTraceId())).as("one trace per message").isTrue();
            assertThat(spans).filteredOn(p -> p.span().getParentSpanId().isEmpty())
                    .singleElement().satisfies(root -> assertThat(root.span().getName()).isEqualTo("send"));
            for (Placed placed : spans) {
                Span span = placed.span();
                assertThat(placed.scenario()).isEqualTo("sim-outage");
                assertThat(span.getEndTimeUnixNano()).isGreaterThanOrEqualTo(span.getStartTimeUnixNano());
                assertThat(span.getStartTimeUnixNano()).isGreaterThanOrEqualTo(EPOCH_NANOS);
                assertThat(attribute(span.getAttributesList(), "livetalk.fault.phase")).isIn("before", "during", "after");
                if (span.getParentSpanId().isEmpty()) {
                    continue;
                }
                Placed parent = byId.get(span.getParentSpanId());
                assertThat(parent).as("the parent of " + span.getName()).isNotNull();
                String expected = switch (span.getName()) {
                    case "commit" -> "send";
                    case "deliver" -> "commit";
                    case "display", "read" -> "deliver";
                    default -> throw new AssertionError("unexpected span " + span.getName());
                };
                assertThat(parent.span().getName()).isEqualTo(expected);
                if (!span.getName().equals("commit")) {
                    assertThat(span.getStartTimeUnixNano()).as(span.getName() + " starts when its parent ended")
                            .isEqualTo(parent.span().getEndTimeUnixNano());
                    assertThat(placed.service()).isEqualTo("livetalk-client-" + attribute(span.getAttributesList(), "livetalk.client"));
                } else {
                    assertThat(placed.service()).isEqualTo("livetalk-server");
                }
                if (span.getName().equals("deliver") && span.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR) {
                    assertThat(span.getStatus().getMessage()).startsWith("never shown at ");
                    neverShown.merge(placed.strategy(), 1, Integer::sum);
                }
            }
        }
        assertThat(neverShown.get("event-only")).as("event-only loses what the outage hid").isPositive();
        assertThat(neverShown.get("reconcile")).as("reconcile loses nothing").isZero();
        assertThat(err.toString()).contains("OTLP traces: ", messages + " traces");
    }

    @Test
    void shouldWriteTheSameFileForTheSameSeedAndEpoch() throws Exception {
        Path first = dir.resolve("first.jsonl");
        Path second = dir.resolve("second.jsonl");
        assertThat(runWithOtlp(first, "a")).as(err.toString()).isZero();
        assertThat(runWithOtlp(second, "b")).as(err.toString()).isZero();

        assertThat(second).hasSameBinaryContentAs(first);
    }

    @Test
    void shouldExitTwoNamingTheFileBeforeTheRunWhenItIsAFolderOrCannotBeWritten() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("a-folder"));
        assertThat(runWithOtlp(folder, "out")).isEqualTo(2);
        assertThat(err.toString()).contains("--otlp " + folder, "is a folder").doesNotContain("\tat ");
        assertThat(dir.resolve("out")).doesNotExist();

        Path underAFile = Files.writeString(dir.resolve("plain-file"), "x").resolve("traces.jsonl");
        assertThat(runWithOtlp(underAFile, "out")).isEqualTo(2);
        assertThat(err.toString()).contains("--otlp " + underAFile + ": cannot write the traces there");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void shouldRefuseABadEpochAndASweep() throws Exception {
        Path scenario = dir.resolve("sim-outage.yaml");
        Files.writeString(scenario, OUTAGE);
        assertThat(run("run", scenario.toString(), "--network", "sim", "--otlp", dir.resolve("t.jsonl").toString(),
                "--otlp-epoch", "yesterday")).isEqualTo(2);
        assertThat(err.toString()).contains("--otlp-epoch: 'yesterday' is not an instant such as 2026-01-01T00:00:00Z");
        assertThat(run("run", scenario.toString(), "--network", "sim", "--seeds", "1..2",
                "--otlp", dir.resolve("t.jsonl").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("not of a --seeds sweep");
    }
}
