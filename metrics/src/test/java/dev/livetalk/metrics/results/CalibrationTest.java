package dev.livetalk.metrics.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CalibrationTest {

    @Test
    void shouldTakeTheNoiseFloorAsTheFullStackThroughToxiproxySpreadFromP50ToP99() {
        assertThat(SampleResults.calibration().noiseFloorNanos()).isEqualTo(1_500_000 - 400_000);
    }

    @Test
    void shouldGiveEachLayersP50AsARatioOfTheBareEchoP50() {
        Calibration.Measured calibration = SampleResults.calibration();
        assertThat(calibration.p50Ratio(HarnessLayer.BARE_ECHO)).isEqualTo(1.0);
        assertThat(calibration.p50Ratio(HarnessLayer.BARE_ECHO_TOXIPROXY)).isCloseTo(1.8, within(1e-9));
        assertThat(calibration.p50Ratio(HarnessLayer.FULL_STACK)).isCloseTo(2.5, within(1e-9));
        assertThat(calibration.p50Ratio(HarnessLayer.FULL_STACK_TOXIPROXY)).isCloseTo(4.0, within(1e-9));
        assertThat(calibration.layer(HarnessLayer.FULL_STACK).corrected().p50()).isEqualTo(250_000);
    }

    @Test
    void shouldGiveRatioZeroAndFloorZeroWithoutSamples() {
        Percentiles none = new Percentiles(0, 0, 0, 0, 0, 0);
        Calibration.Measured empty = new Calibration.Measured(1, 1, "reconcile", List.of(
                new LayerLatency(HarnessLayer.BARE_ECHO, none, none, 3),
                new LayerLatency(HarnessLayer.BARE_ECHO_TOXIPROXY, none, none, 0),
                new LayerLatency(HarnessLayer.FULL_STACK, none, none, 0),
                new LayerLatency(HarnessLayer.FULL_STACK_TOXIPROXY, none, none, 0)));
        assertThat(empty.p50Ratio(HarnessLayer.FULL_STACK)).isZero();
        assertThat(empty.noiseFloorNanos()).isZero();
    }

    @Test
    void shouldHaveAFloorOfZeroInVirtualTimeAndWhenSkipped() {
        assertThat(new Calibration.VirtualTime().noiseFloorNanos()).isZero();
        assertThat(new Calibration.VirtualTime().reason()).contains("virtual time");
        assertThat(new Calibration.Skipped("--no-calibration").noiseFloorNanos()).isZero();
    }

    @Test
    void shouldRefuseLayersMissingOrOutOfOrderNamingThem() {
        Calibration.Measured sample = SampleResults.calibration();
        assertThatThrownBy(() -> new Calibration.Measured(1, 500, "reconcile", sample.layers().subList(0, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("calibration layers must be [BARE_ECHO, BARE_ECHO_TOXIPROXY, FULL_STACK,"
                        + " FULL_STACK_TOXIPROXY] in that order: [BARE_ECHO, BARE_ECHO_TOXIPROXY, FULL_STACK]");
        assertThatThrownBy(() -> new Calibration.Measured(1, 0, "reconcile", sample.layers()))
                .hasMessage("calibration rate must be > 0 sends/s: 0.0");
        assertThatThrownBy(() -> new Calibration.Skipped(" ")).hasMessageContaining("needs a reason");
    }

    @Test
    void shouldRoundTripEveryKindThroughResultsJsonWithTheFloorWrittenBeside() throws IOException {
        ResultsDocument sample = SampleResults.document();
        for (Calibration calibration : List.of(SampleResults.calibration(), new Calibration.VirtualTime(),
                new Calibration.Skipped("--no-calibration"))) {
            ResultsDocument document = ResultsDocument.of("s", 1, "toxiproxy",
                    sample.environment().withCalibration(calibration), null, sample.strategies());
            String json = ResultsJson.toJson(document);
            assertThat(new ObjectMapper().readTree(json).at("/environment/calibration/noiseFloorNanos").asLong(-1))
                    .isEqualTo(calibration.noiseFloorNanos());
            assertThat(ResultsJson.fromJson(json).environment().calibration()).isEqualTo(calibration);
        }
    }

    @Test
    void shouldValidateEveryKindAgainstThePublishedSchemaAndRefuseAFloorOtherThanZeroWithoutMeasurement()
            throws IOException {
        JsonSchema schema;
        try (InputStream in = ResultsJson.class.getResourceAsStream("/results.schema.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
        ObjectMapper mapper = new ObjectMapper();
        ResultsDocument sample = SampleResults.document();
        for (Calibration calibration : List.of(SampleResults.calibration(), new Calibration.VirtualTime(),
                new Calibration.Skipped("--no-calibration"))) {
            ResultsDocument document = ResultsDocument.of("s", 1, "toxiproxy",
                    sample.environment().withCalibration(calibration), null, sample.strategies());
            assertThat(schema.validate(mapper.readTree(ResultsJson.toJson(document)))).as(calibration.toString()).isEmpty();
        }
        ObjectNode tree = (ObjectNode) mapper.readTree(ResultsJson.toJson(ResultsDocument.of("s", 1, "sim",
                sample.environment().withCalibration(new Calibration.VirtualTime()), null, sample.strategies())));
        ((ObjectNode) tree.at("/environment/calibration")).put("noiseFloorNanos", 5);
        assertThat(schema.validate(tree)).isNotEmpty();
    }

    @Test
    void shouldReadBackACalibrationWrittenAloneAndRefuseOtherText() {
        String json = ResultsJson.toJson(SampleResults.calibration());
        assertThat(json).startsWith("{\n  \"kind\" : \"measured\",");
        assertThat(ResultsJson.calibrationFromJson(json)).isEqualTo(SampleResults.calibration());
        assertThatThrownBy(() -> ResultsJson.calibrationFromJson("{\"kind\": \"guessed\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not a calibration: ");
        assertThatThrownBy(() -> ResultsJson.calibrationFromJson("root:x:0:0:root:/root:/bin/bash"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not a calibration: ")
                .as("Jackson's note on the source it does not quote").hasMessageNotContaining("REDACTED");
    }

    @Test
    void shouldReadADocumentWithoutCalibrationAsNotMeasured() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode tree = (ObjectNode) mapper.readTree(ResultsJson.toJson(SampleResults.document()));
        ((ObjectNode) tree.get("environment")).remove("calibration");
        Environment read = ResultsJson.fromJson(mapper.writeValueAsString(tree)).environment();
        assertThat(read.calibration()).isEqualTo(Calibration.NOT_MEASURED);
        assertThat(read.cores()).isEqualTo(2);
    }
}
