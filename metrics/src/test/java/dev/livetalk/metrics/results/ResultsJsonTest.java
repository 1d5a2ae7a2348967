package dev.livetalk.metrics.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.livetalk.metrics.correctness.ClientConvergence;
import dev.livetalk.metrics.correctness.CorrectnessInterval;
import dev.livetalk.metrics.correctness.Outcome;
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
        assertThat(ResultsJson.toJson(read)).isEqualTo(json); // the schedule tree too (its number nodes differ in class)
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
    void shouldWriteAndReadWhyARunStoppedAndValidateIt() throws IOException {
        ResultsDocument stopped = SampleResults.document().stoppedBy(new RunStopped(RunStopped.Cause.HARNESS_FAILURE,
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
    }

    @Test
    void shouldRefuseAnotherVersion() {
        assertThatThrownBy(() -> ResultsJson.fromJson("{\"version\": 2, \"scenario\": \"x\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("results document version must be 1: 2");
    }
}
