package dev.livetalk.metrics.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.livetalk.metrics.correctness.ClientConvergence;
import dev.livetalk.metrics.correctness.CorrectnessInterval;
import dev.livetalk.metrics.correctness.Outcome;
import dev.livetalk.metrics.recovery.RefetchFigures;
import dev.livetalk.metrics.recovery.SlowestClient;
import dev.livetalk.metrics.recovery.WindowRecovery;
import dev.livetalk.scenarios.fault.FaultKind;
import dev.livetalk.scenarios.fault.FaultSchedule;
import dev.livetalk.scenarios.fault.FaultScheduleJson;
import dev.livetalk.scenarios.fault.FaultWindow;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResultsJsonTest {

    @Test
    void shouldWriteTheDocumentOfAHandMadeRunExactlyAsTheGoldenFile() throws IOException {
        String json = ResultsJson.toJson(SampleResults.document());
        assertThat(json).isEqualTo(SampleResults.golden("results.golden.json", json));
    }

    @Test
    void shouldReadBackWhatItWrote() {
        ResultsDocument document = SampleResults.document();
        String json = ResultsJson.toJson(document);
        ResultsDocument read = ResultsJson.fromJson(json);
        assertThat(read.strategies()).isEqualTo(document.strategies());
        assertThat(read.environment()).isEqualTo(document.environment());
        assertThat(read.faultSchedule()).isEqualTo(document.faultSchedule());
        assertThat(ResultsJson.toJson(read)).isEqualTo(json);
        assertThat(read.strategy("event-only").correctness().outcomes()).containsEntry(Outcome.LOST, 1L);
    }

    @Test
    void shouldKeepTheFiguresOfTheHandMadeRun() {
        ResultsDocument document = SampleResults.document();
        StrategyResult flawed = document.strategy("event-only");
        assertThat(flawed.correctness().lost()).isEqualTo(1);
        assertThat(flawed.correctness().duplicates()).isEqualTo(1);
        assertThat(flawed.budgets()).extracting(BudgetVerdict::passed).containsExactly(false, false, false);
        StrategyResult clean = document.strategy("reconcile");
        assertThat(clean.correctness().lost()).isZero();
        assertThat(clean.correctness().convergedShare()).isEqualTo(100.0);
        assertThat(clean.correctness().convergence().max()).isEqualTo(300_000_000L);
        assertThat(clean.latency("peer-final", "during").corrected().count()).isEqualTo(1);
        assertThat(clean.convergenceByClient()).containsExactly(
                new ClientConvergence("bob-1", "outage", 0, 3_000_000_000L, 300_000_000L));
        assertThat(flawed.convergenceByClient()).extracting(ClientConvergence::convergedAfter).containsOnlyNulls();
        assertThat(flawed.correctnessOverTime()).extracting(CorrectnessInterval::missing)
                .containsExactly(0L, 0L, 0L, 1L, 1L);
        assertThat(flawed.correctnessOverTime()).extracting(CorrectnessInterval::inversions)
                .containsExactly(0L, 0L, 0L, 0L, 1L);
    }

    @Test
    void shouldKeepTheRecoveryFiguresOfEachWindowAndReadThemBack() {
        ResultsDocument document = SampleResults.document();
        WindowRecovery clean = document.strategy("reconcile").recovery().getFirst();
        assertThat(clean).isEqualTo(new WindowRecovery("outage", 0, "down", 2_000_000_000L, 3_000_000_000L, 1, 1,
                300_000_000L, 0, new RefetchFigures(1, 1, 1), new RefetchFigures(120, 120, 120), 1, 0,
                new RefetchFigures(0, 0, 0), 0L, new SlowestClient("bob-1", 20_000_000L, null, 300_000_000L)));
        assertThat(clean.heldBackBy(n -> n / 1_000_000 + " ms")).contains("bob-1 converged after 300 ms (back after 20 ms)");
        WindowRecovery flawed = document.strategy("event-only").recovery().getFirst();
        assertThat(flawed.recovery()).isNull();
        assertThat(flawed.neverConverged()).isEqualTo(1);
        assertThat(flawed.slowest()).as("the client that never converged").extracting(SlowestClient::client,
                SlowestClient::converged).containsExactly("bob-1", null);
        assertThat(document.strategy("reconcile").ackedLost()).isZero();
        ResultsDocument read = ResultsJson.fromJson(ResultsJson.toJson(document));
        assertThat(read.strategy("reconcile").recovery()).containsExactly(clean);
        assertThat(read.strategy("event-only").recovery()).containsExactly(flawed);
        assertThat(read.strategy("reconcile").ackedLost()).isZero();
    }

    /**
     * The slowest client's attempts and last failure go out and come back; a document written before they were
     * recorded reads without them; one whose attempts have no connection names the rule.
     */
    @Test
    void shouldKeepTheSlowestClientsAttemptsAndReadADocumentWithoutThem() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode tree = (ObjectNode) mapper.readTree(ResultsJson.toJson(SampleResults.document()));
        ObjectNode slowest = null;
        for (JsonNode strategy : tree.withArray("/strategies")) {
            if (strategy.get("strategy").asText().equals("reconcile")) {
                slowest = (ObjectNode) strategy.at("/recovery/0/slowest");
            }
        }
        assertThat(slowest.get("client").asText()).isEqualTo("bob-1");
        slowest.put("connected", 15_000_000L).put("attempts", 3).put("lastFailed", 5_000_000L);
        SlowestClient read = ResultsJson.fromJson(mapper.writeValueAsString(tree)).strategy("reconcile").recovery()
                .getFirst().slowest();
        assertThat(read).isEqualTo(new SlowestClient("bob-1", 20_000_000L, 15_000_000L, 3, 5_000_000L, 300_000_000L));
        assertThat(ResultsJson.fromJson(ResultsJson.toJson(ResultsJson.fromJson(mapper.writeValueAsString(tree))))
                .strategy("reconcile").recovery().getFirst().slowest()).isEqualTo(read);

        slowest.remove(List.of("attempts", "lastFailed"));
        assertThat(ResultsJson.fromJson(mapper.writeValueAsString(tree)).strategy("reconcile").recovery().getFirst()
                .slowest()).isEqualTo(new SlowestClient("bob-1", 20_000_000L, 15_000_000L, 300_000_000L));

        slowest.putNull("connected").put("attempts", 2);
        assertThatThrownBy(() -> ResultsJson.fromJson(mapper.writeValueAsString(tree)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("attempts");
    }

    @Test
    void shouldReadADocumentWrittenBeforeRecoveryFiguresWithoutThem() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode tree = (ObjectNode) mapper.readTree(ResultsJson.toJson(SampleResults.document()));
        tree.withArray("/strategies").forEach(s -> ((ObjectNode) s).remove(List.of("recovery", "ackedLost")));
        ResultsDocument old = ResultsJson.fromJson(mapper.writeValueAsString(tree));
        assertThat(old.strategies()).hasSize(2).allSatisfy(s -> {
            assertThat(s.recovery()).isEmpty();
            assertThat(s.ackedLost()).isNull();
        });
    }

    @Test
    void shouldReadADocumentWrittenBeforeCostFiguresWithoutThem() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode tree = (ObjectNode) mapper.readTree(ResultsJson.toJson(SampleResults.document()));
        tree.withArray("/strategies").forEach(s -> {
            ((ObjectNode) s).remove("cost");
            s.withArray("recovery").forEach(w -> ((ObjectNode) w).remove(List.of("requests", "serverPeak")));
        });
        ResultsDocument old = ResultsJson.fromJson(mapper.writeValueAsString(tree));
        assertThat(old.strategies()).hasSize(2).allSatisfy(s -> {
            assertThat(s.cost()).isNull();
            assertThat(s.recovery()).isNotEmpty().allSatisfy(w -> {
                assertThat(w.requests()).isNull();
                assertThat(w.serverPeak()).isNull();
            });
        });
        assertThat(dev.livetalk.metrics.recovery.CostFigures.of(old.strategy("reconcile").recovery(), 0, 0)
                .requestsPerClient()).isNull();
    }

    @Test
    void shouldReadADocumentWrittenBeforeConvergencePerClientAndCorrectnessOverTimeWithEmptyLists()
            throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode tree = (ObjectNode) mapper.readTree(ResultsJson.toJson(SampleResults.document()));
        tree.withArray("/strategies").forEach(s -> ((ObjectNode) s).remove(
                List.of("convergenceByClient", "correctnessOverTime")));
        ResultsDocument old = ResultsJson.fromJson(mapper.writeValueAsString(tree));
        assertThat(old.strategies()).hasSize(2).allSatisfy(s -> {
            assertThat(s.convergenceByClient()).isEmpty();
            assertThat(s.correctnessOverTime()).isEmpty();
        });
        assertThat(old.strategy("reconcile").correctness().convergence().max()).isEqualTo(300_000_000L);
    }

    @Test
    void shouldReadADocumentWrittenBeforeRoomsWithoutRoomsAndBudgetVerdictsWithoutARoom() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode tree = (ObjectNode) mapper.readTree(ResultsJson.toJson(SampleResults.document()));
        tree.withArray("/strategies").forEach(s -> ((ObjectNode) s).remove("rooms"));
        ObjectNode nulled = tree.deepCopy();
        nulled.withArray("/strategies").forEach(s -> ((ObjectNode) s).putNull("rooms"));
        for (ObjectNode old : List.of(tree, nulled)) {
            ResultsDocument read = ResultsJson.fromJson(mapper.writeValueAsString(old));
            assertThat(read.strategies()).hasSize(2).allSatisfy(s -> {
                assertThat(s.rooms()).isEmpty();
                assertThat(s.budgets()).extracting(BudgetVerdict::room).containsOnlyNulls();
            });
        }
    }

    @Test
    void shouldWriteTheRoomsOfEveryStrategyWithTheShapeOfItsFigures() {
        ResultsDocument document = SampleResults.document();
        for (StrategyResult s : document.strategies()) {
            assertThat(s.rooms()).extracting(RoomResult::room).containsExactly("lobby");
            RoomResult lobby = s.rooms().get(0);
            assertThat(lobby.correctness()).isEqualTo(s.correctness()); // the only room holds every figure
            assertThat(lobby.latency()).isEqualTo(s.latency());
        }
        assertThat(ResultsJson.fromJson(ResultsJson.toJson(document)).strategy("event-only").rooms())
                .isEqualTo(document.strategy("event-only").rooms());
    }

    @Test
    void shouldValidateAgainstThePublishedSchema() throws IOException {
        JsonSchema schema;
        try (InputStream in = ResultsJson.class.getResourceAsStream("/results.schema.json")) {
            assertThat(in).as("results.schema.json on the class path").isNotNull();
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
        ObjectMapper mapper = new ObjectMapper();
        assertThat(schema.validate(mapper.readTree(ResultsJson.toJson(SampleResults.document())))).isEmpty();
        assertThat(schema.validate(mapper.readTree("{\"version\": 2}"))).isNotEmpty();
    }

    @Test
    void shouldWriteAndReadHowTheRunWasStartedAndValidateIt() throws IOException {
        Invocation how = Invocation.of(java.time.Instant.parse("2026-12-04T12:39:54.123Z"), "livetalk 0.1.0-SNAPSHOT",
                "0123456789abcdef0123456789abcdef01234567", true, "livetalk run scenarios/outage.yaml --network sim");
        ResultsDocument document = SampleResults.document().withInvocation(how);
        String json = ResultsJson.toJson(document);

        assertThat(json).contains("\"startedAt\" : \"2026-12-04T12:39:54.123Z\"", "\"gitDirty\" : true",
                "\"commandLine\" : \"livetalk run scenarios/outage.yaml --network sim\"");
        ResultsDocument read = ResultsJson.fromJson(json);
        assertThat(read.environment().invocation()).isEqualTo(how);
        assertThat(read.environment().calibration()).isEqualTo(SampleResults.document().environment().calibration());
        JsonSchema schema;
        try (InputStream in = ResultsJson.class.getResourceAsStream("/results.schema.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
        assertThat(schema.validate(new ObjectMapper().readTree(json))).isEmpty();
        Invocation unknown = new Invocation("2026-12-04T12:39:54Z", "livetalk 0.1.0-SNAPSHOT", Invocation.UNKNOWN, null,
                "livetalk run");
        assertThat(schema.validate(new ObjectMapper().readTree(ResultsJson.toJson(
                SampleResults.document().withInvocation(unknown))))).isEmpty();
    }

    @Test
    void shouldReadADocumentWrittenBeforeTheInvocationWasRecordedAsNotRecorded() {
        String json = ResultsJson.toJson(SampleResults.document());
        assertThat(json).doesNotContain("startedAt", "gitCommit", "commandLine");

        Invocation read = ResultsJson.fromJson(json).environment().invocation();

        assertThat(read).isEqualTo(Invocation.NOT_RECORDED);
        assertThat(read.recorded()).isFalse();
        assertThat(read.commitText()).isEqualTo("unknown");
    }

    @Test
    void shouldRefuseAStartTimeThatIsNoInstant() {
        assertThatThrownBy(() -> new Invocation("yesterday", null, null, null, null))
                .hasMessageContaining("startedAt must be an ISO-8601 instant").hasMessageContaining("yesterday");
    }

    @Test
    void shouldWriteAndReadWhyARunStoppedAndValidateIt() throws IOException {
        ResultsDocument stopped = SampleResults.document().stoppedBy(new ScenarioStop(ScenarioStop.Cause.HARNESS_FAILURE,
                "reconcile", "Toxiproxy did not answer within 5000 ms"));
        String json = ResultsJson.toJson(stopped);
        assertThat(json).contains("\"stopped\" : {").contains("\"cause\" : \"harness-failure\"");
        assertThat(ResultsJson.fromJson(json).stopped()).isEqualTo(stopped.stopped());
        assertThat(ResultsJson.toJson(SampleResults.document())).doesNotContain("stopped");
        JsonSchema schema;
        try (InputStream in = ResultsJson.class.getResourceAsStream("/results.schema.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
        assertThat(schema.validate(new ObjectMapper().readTree(json))).isEmpty();
        assertThat(json).as("absent when false").doesNotContain("figuresKept");

        ResultsDocument kept = SampleResults.document().stoppedBy(new ScenarioStop(ScenarioStop.Cause.HEAP_EXHAUSTED,
                "reconcile", "the harness ran out of heap (Java heap space) writing reconcile.hlog, ...", true));
        String keptJson = ResultsJson.toJson(kept);
        assertThat(keptJson).contains("\"figuresKept\" : true");
        assertThat(ResultsJson.fromJson(keptJson).stopped()).isEqualTo(kept.stopped());
        assertThat(schema.validate(new ObjectMapper().readTree(keptJson))).isEmpty();
    }

    @Test
    void shouldReadBackATypedScheduleOfEveryFaultKindAndWriteItAsTheScheduleFileDoes() throws IOException {
        FaultSchedule schedule = SampleResults.everyFaultKind();
        ResultsDocument sample = SampleResults.document();
        ResultsDocument document = ResultsDocument.of(sample.scenario(), sample.seed(), sample.network(),
                sample.environment(), schedule, sample.strategies());
        String json = ResultsJson.toJson(document);

        ResultsDocument read = ResultsJson.fromJson(json);

        assertThat(read.faultSchedule()).isEqualTo(schedule);
        assertThat(read.faultSchedule().windows()).extracting(FaultWindow::kind).containsExactly(FaultKind.values());
        assertThat(ResultsJson.toJson(read)).isEqualTo(json);
        ObjectMapper mapper = new ObjectMapper();
        assertThat(mapper.readTree(json).get("faultSchedule")).isEqualTo(mapper.readTree(FaultScheduleJson.toJson(schedule)));
        try (InputStream in = ResultsJson.class.getResourceAsStream("/results.schema.json")) {
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
            assertThat(schema.validate(mapper.readTree(json))).isEmpty();
            ObjectNode malformed = (ObjectNode) mapper.readTree(json);
            ((ObjectNode) malformed.at("/faultSchedule/windows/3")).put("type", "flood").remove("link");
            assertThat(schema.validate(malformed)).hasSize(2);
        }
    }

    @Test
    void shouldRefuseAMalformedScheduleNamingTheFieldAndTheRule() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode tree = (ObjectNode) mapper.readTree(ResultsJson.toJson(SampleResults.document()));
        ((ObjectNode) tree.at("/faultSchedule/windows/0")).put("type", "flood");

        assertThatThrownBy(() -> ResultsJson.fromJson(mapper.writeValueAsString(tree)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a results document: faultSchedule.windows[0].type must be one of latency,")
                .hasMessageEndingWith("partition, restart, pause, slow-commit: \"flood\"");
        ((ObjectNode) tree.at("/faultSchedule/windows/0")).put("type", "down").remove("clients");
        assertThatThrownBy(() -> ResultsJson.fromJson(mapper.writeValueAsString(tree)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a results document: faultSchedule.windows[0].clients is missing: it must be an array"
                        + " of strings");
    }

    /** A malformed notJudged is named by its path and rule, not by the record's constructor ('coll is null'). */
    @Test
    void shouldRefuseAMalformedNotJudgedNamingTheFieldAndTheRule() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode tree = (ObjectNode) mapper.readTree(ResultsJson.toJson(SampleResults.document()));
        ObjectNode budget = tree.putArray("notJudged").addObject().put("budget", "lost == 0 for reconcile");

        assertThatThrownBy(() -> ResultsJson.fromJson(mapper.writeValueAsString(tree)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a results document: notJudged[0].strategies is required: the strategies the budget is"
                        + " for, an array of one name or more");
        budget.remove("budget");
        budget.putArray("strategies").add("reconcile");
        assertThatThrownBy(() -> ResultsJson.fromJson(mapper.writeValueAsString(tree)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a results document: notJudged[0].budget is required: the expression as written, a"
                        + " non-empty string");
        budget.put("budget", "lost == 0 for reconcile").putArray("strategies");
        assertThatThrownBy(() -> ResultsJson.fromJson(mapper.writeValueAsString(tree)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("notJudged[0].strategies is required: the strategies the budget is for, an array"
                        + " of one name or more: []");
        tree.put("notJudged", "lost == 0");
        assertThatThrownBy(() -> ResultsJson.fromJson(mapper.writeValueAsString(tree)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a results document: notJudged must be an array of budgets: \"lost == 0\"");
        budget.putArray("strategies").add("reconcile");
        tree.putArray("notJudged").add(budget);
        assertThat(ResultsJson.fromJson(mapper.writeValueAsString(tree)).notJudged())
                .containsExactly(new UnjudgedBudget("lost == 0 for reconcile", List.of("reconcile")));
    }

    /**
     * A negative count (a hand-edited baseline) is named by its path and rule: the gate's count test
     * threw "must have n >= k for binomial coefficient" at the end of a whole run.
     */
    @Test
    void shouldRefuseANegativeCountOrMoreConvergedThanClientsNamingTheFieldAndTheRule() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode tree = (ObjectNode) mapper.readTree(ResultsJson.toJson(SampleResults.document()));
        ObjectNode correctness = (ObjectNode) tree.get("strategies").get(0).get("correctness");
        correctness.put("lost", -5);
        assertThatThrownBy(() -> ResultsJson.fromJson(mapper.writeValueAsString(tree)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a results document: strategies[0].correctness.lost must be 0 or more (a count,"
                        + " share or cost): -5");
        correctness.put("lost", 0);
        ((ObjectNode) correctness.get("outcomes")).put("ok", -1);
        assertThatThrownBy(() -> ResultsJson.fromJson(mapper.writeValueAsString(tree)))
                .hasMessageEndingWith("strategies[0].correctness.outcomes.ok must be 0 or more (a count, share or"
                        + " cost): -1");
        ((ObjectNode) correctness.get("outcomes")).put("ok", 1);
        correctness.put("convergedClients", correctness.get("clients").asLong() + 1);
        assertThatThrownBy(() -> ResultsJson.fromJson(mapper.writeValueAsString(tree)))
                .hasMessageContaining("strategies[0].correctness.convergedClients must be at most its clients");
        correctness.put("convergedClients", 0).put("kendallTau", -0.5);
        assertThat(ResultsJson.fromJson(mapper.writeValueAsString(tree)).strategies().get(0).correctness()
                .kendallTau()).isEqualTo(-0.5);
        tree.remove("strategies");
        assertThatThrownBy(() -> ResultsJson.fromJson(mapper.writeValueAsString(tree)))
                .hasMessage("not a results document: strategies is required: an array of the strategies' results");
    }

    /**
     * A converged share above 100%, a negative latency (of a strategy or a room) and an empty list
     * of strategies (rendered "PASS" of 0 strategy runs) are named by their path and rule; no
     * strategy is taken only in a scenario that stopped before its first strategy finished.
     */
    @Test
    void shouldRefuseAShareAbove100ANegativeLatencyAndNoStrategyNamingTheFieldAndTheRule() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode tree = (ObjectNode) mapper.readTree(ResultsJson.toJson(SampleResults.document()));
        ObjectNode strategy = (ObjectNode) tree.get("strategies").get(0);
        ObjectNode correctness = (ObjectNode) strategy.get("correctness");
        double share = correctness.get("convergedShare").asDouble();
        correctness.put("convergedShare", 250);
        assertThatThrownBy(() -> ResultsJson.fromJson(mapper.writeValueAsString(tree)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a results document: strategies[0].correctness.convergedShare must be at most 100 (a"
                        + " percentage of the clients): 250");
        correctness.put("convergedShare", share);

        ObjectNode corrected = (ObjectNode) strategy.get("latency").get(1).get("corrected");
        long p99 = corrected.get("p99").asLong();
        corrected.put("p99", -3);
        assertThatThrownBy(() -> ResultsJson.fromJson(mapper.writeValueAsString(tree)))
                .hasMessage("not a results document: strategies[0].latency[1].corrected.p99 must be 0 or more (a count"
                        + " or nanoseconds): -3");
        corrected.put("p99", p99);
        ObjectNode room = (ObjectNode) strategy.get("rooms").get(0).get("latency").get(0).get("raw");
        room.put("max", -1);
        assertThatThrownBy(() -> ResultsJson.fromJson(mapper.writeValueAsString(tree)))
                .hasMessageContaining("strategies[0].rooms[0].latency[0].raw.max must be 0 or more");
        room.put("max", 0);
        assertThat(ResultsJson.fromJson(mapper.writeValueAsString(tree)).strategies()).isNotEmpty();

        tree.putArray("strategies");
        assertThatThrownBy(() -> ResultsJson.fromJson(mapper.writeValueAsString(tree)))
                .hasMessage("not a results document: strategies must hold the results of one strategy or more (none"
                        + " only in a scenario that stopped before its first strategy finished): []");
        tree.set("stopped", mapper.readTree(ResultsJson.toJson(SampleResults.document().stoppedBy(
                new ScenarioStop(ScenarioStop.Cause.HARNESS_FAILURE, "reconcile", "the harness failed")))).get("stopped"));
        assertThat(ResultsJson.fromJson(mapper.writeValueAsString(tree)).strategies()).isEmpty();
    }

    @Test
    void shouldReadADocumentWithoutAScheduleAsAnEmptyScheduleOfItsSeed() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode tree = (ObjectNode) mapper.readTree(ResultsJson.toJson(SampleResults.document()));
        tree.remove("faultSchedule");
        assertThat(ResultsJson.fromJson(mapper.writeValueAsString(tree)).faultSchedule())
                .isEqualTo(new FaultSchedule(7, List.of()));
        tree.putNull("faultSchedule");
        assertThat(ResultsJson.fromJson(mapper.writeValueAsString(tree)).faultSchedule())
                .isEqualTo(new FaultSchedule(7, List.of()));
    }

    @Test
    void shouldRefuseAnotherVersion() {
        assertThatThrownBy(() -> ResultsJson.fromJson("{\"version\": 3, \"scenario\": \"x\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("results document version must be 1 or 2: 3");
    }

    /** Text that is no results document says what it is and which file, never an invented version. */
    @Test
    void shouldNameTheFileAndWhatItHoldsWhenItIsNoResultsDocument(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        java.util.Map<String, String> expected = new java.util.LinkedHashMap<>();
        expected.put("", "not a results document: a JSON object is expected, and the text is empty");
        expected.put("null", "not a results document: a JSON object is expected, and the text is a JSON null");
        expected.put("[]", "not a results document: a JSON object is expected, and the text is a JSON array");
        expected.put("{\"scenario\": \"x\"}", "not a results document: it has no \"version\" (1 or 2)");
        expected.put("{\"version\": \"2\"}", "results document version must be 1 or 2: \"2\"");
        for (var entry : expected.entrySet()) {
            java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("results.json"), entry.getKey());
            assertThatThrownBy(() -> ResultsJson.read(file)).as(entry.getKey())
                    .isInstanceOf(IllegalArgumentException.class).hasMessage(file + ": " + entry.getValue());
        }
        java.nio.file.Path latin1 = java.nio.file.Files.write(dir.resolve("latin1.json"),
                "{\"scenario\": \"caf\u00e9\"}".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> ResultsJson.read(latin1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(latin1 + ": not a results document: not UTF-8 text");
        assertThatThrownBy(() -> ResultsJson.readTree(latin1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(latin1 + ": not a results document: not UTF-8 text");
    }

    @Test
    void shouldWriteNeverAsAStringAndReadItBack() throws IOException {
        ResultsDocument document = SampleResults.document();
        String json = ResultsJson.toJson(document);
        ObjectNode peerFinal = latencyEntry(new ObjectMapper().readTree(json), "event-only", "peer-final", "all");
        assertThat(peerFinal.path("never").asLong()).isEqualTo(3);
        assertThat(peerFinal.path("corrected").path("p99").asText()).isEqualTo("never");
        assertThat(peerFinal.path("corrected").path("max").asText()).isEqualTo("never");
        assertThat(peerFinal.path("completedOnly").path("corrected").path("p99").isIntegralNumber()).isTrue();
        LatencyFigures read = ResultsJson.fromJson(json).strategy("event-only").latency("peer-final", "all");
        assertThat(read.corrected().p99()).isEqualTo(Percentiles.NEVER);
        assertThat(read).isEqualTo(document.strategy("event-only").latency("peer-final", "all"));
    }

    @Test
    void shouldRefuseAStringLatencyOtherThanNever() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode tree = (ObjectNode) mapper.readTree(ResultsJson.toJson(SampleResults.document()));
        ((ObjectNode) latencyEntry(tree, "event-only", "peer-final", "all").path("corrected")).put("p99", "forever");
        assertThatThrownBy(() -> ResultsJson.fromJson(mapper.writeValueAsString(tree)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("forever")
                .hasMessageContaining("a latency must be nanoseconds or \"never\"");
    }

    /** A version-1 document: completed-only figures as corrected and raw, and unmatched. */
    @Test
    void shouldReadAVersion1DocumentWithItsFiguresAsCompletedOnlyAndDeriveTheIntendedOnes() throws IOException {
        ResultsDocument document = SampleResults.document();
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode tree = (ObjectNode) mapper.readTree(ResultsJson.toJson(document));
        tree.put("version", 1);
        tree.withArray("/strategies").forEach(s -> s.path("latency").forEach(l -> {
            ObjectNode entry = (ObjectNode) l;
            entry.set("corrected", entry.path("completedOnly").path("corrected"));
            entry.set("raw", entry.path("completedOnly").path("raw"));
            entry.put("unmatched", entry.path("never").asLong());
            entry.remove(List.of("never", "completedOnly"));
        }));
        ResultsDocument old = ResultsJson.fromJson(mapper.writeValueAsString(tree));
        assertThat(old.version()).isEqualTo(ResultsDocument.VERSION);
        LatencyFigures lost = old.strategy("event-only").latency("peer-final", "all");
        LatencyFigures written = document.strategy("event-only").latency("peer-final", "all");
        assertThat(lost.never()).isEqualTo(3);
        assertThat(lost.completedOnly()).isEqualTo(written.completedOnly());
        assertThat(lost.corrected().count()).isEqualTo(written.corrected().count());
        assertThat(lost.corrected().p99()).isEqualTo(Percentiles.NEVER);
        assertThat(lost.corrected().p50()).isGreaterThanOrEqualTo(written.corrected().p50());
        assertThat(old.strategy("reconcile").latency()).isEqualTo(document.strategy("reconcile").latency());
    }

    @Test
    void shouldDeriveTheIntendedFiguresOfAVersion1EntryAsNeverOrTheNextStoredPercentileAtOrAboveTheRank()
            throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode tree = (ObjectNode) mapper.readTree(ResultsJson.toJson(SampleResults.document()));
        tree.put("version", 1);
        ObjectNode entry = latencyEntry(tree, "reconcile", "echo", "all");
        entry.remove(List.of("never", "completedOnly"));
        entry.put("unmatched", 2);
        ObjectNode completed = (ObjectNode) mapper.readTree(
                "{\"count\": 98, \"p50\": 10, \"p90\": 20, \"p99\": 30, \"p999\": 40, \"max\": 50}");
        entry.set("corrected", completed);
        entry.set("raw", completed);
        LatencyFigures read = ResultsJson.fromJson(mapper.writeValueAsString(tree)).strategy("reconcile")
                .latency("echo", "all");
        // of 100 intended: p50 is rank 50 (p90 of 98 is rank 89), p90 rank 90 (p99 of 98 is rank 98), p99 rank 99 > 98
        assertThat(read.corrected()).isEqualTo(new Percentiles(100, 20, 30, Percentiles.NEVER, Percentiles.NEVER,
                Percentiles.NEVER));
        assertThat(read.completedOnly().corrected()).isEqualTo(new Percentiles(98, 10, 20, 30, 40, 50));
        assertThat(read.never()).isEqualTo(2);
    }

    private static ObjectNode latencyEntry(JsonNode document, String strategy, String metric, String phase) {
        for (JsonNode s : document.path("strategies")) {
            for (JsonNode l : s.path("latency")) {
                if (s.path("strategy").asText().equals(strategy) && l.path("metric").asText().equals(metric)
                        && l.path("phase").asText().equals(phase)) {
                    return (ObjectNode) l;
                }
            }
        }
        throw new AssertionError("no " + metric + " " + phase + " of " + strategy);
    }
}
