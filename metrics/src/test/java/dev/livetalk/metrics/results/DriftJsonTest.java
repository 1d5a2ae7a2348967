package dev.livetalk.metrics.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.livetalk.metrics.drift.Drift;
import dev.livetalk.metrics.drift.DriftTest;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The drift block in results.json: absent without one, as the schema says with one, read back equal. */
class DriftJsonTest {

    @Test
    void shouldWriteTheDriftBlockAsTheSchemaSaysAndReadItBack() throws Exception {
        Drift drift = Drift.of(DriftTest.report(0, 4, s -> 10_000_000L + s * 1_000_000L), List.of(),
                Duration.ofMinutes(4));
        ObjectMapper mapper = new ObjectMapper();
        String without = ResultsJson.toJson(SampleResults.document());
        assertThat(without).as("no drift block: absent, not null").doesNotContain("\"drift\"");
        ObjectNode tree = (ObjectNode) mapper.readTree(without);
        ObjectNode strategy = (ObjectNode) ((ArrayNode) tree.get("strategies")).get(0);
        strategy.set("drift", mapper.valueToTree(drift));
        JsonSchema schema;
        try (InputStream in = ResultsJson.class.getResourceAsStream("/results.schema.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
        assertThat(schema.validate(tree)).isEmpty();

        ResultsDocument read = ResultsJson.fromJson(tree.toString());

        assertThat(read.strategies().get(0).drift()).isEqualTo(drift);
        assertThat(read.strategies().get(1).drift()).isNull();
        String written = ResultsJson.toJson(read);
        assertThat(written).contains("\"drift\" : {").contains("\"slopeNanosPerMinute\"");
        assertThat(ResultsJson.fromJson(written)).isEqualTo(read);
        strategy.withObject("drift").put("minuteNanos", 1);
        assertThat(schema.validate(tree)).isNotEmpty();
    }
}
