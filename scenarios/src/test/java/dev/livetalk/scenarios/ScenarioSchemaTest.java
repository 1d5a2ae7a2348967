package dev.livetalk.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ScenarioSchemaTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = ScenarioSchemaTest.class.getResourceAsStream("/scenario.schema.json")) {
            assertThat(in).as("scenario.schema.json on the class path").isNotNull();
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    private static Set<ValidationMessage> check(String yaml) throws IOException {
        return schema.validate(YAML.readTree(yaml));
    }

    @Test
    void shouldAcceptEveryExampleScenario() throws IOException {
        for (Path file : ExampleFiles.examples()) {
            JsonNode tree = YAML.readTree(Files.readString(file));
            assertThat(schema.validate(tree)).as(file.toString()).isEmpty();
        }
    }

    @Test
    void shouldRejectAnUnknownTopLevelKey() throws IOException {
        assertThat(check(minimal("durration: 5s\n"))).isNotEmpty();
    }

    @Test
    void shouldRejectASimulatorOnlyFaultOnToxiproxy() throws IOException {
        String fault = "faults:\n  - type: message-loss\n    probability: 0.1\n    at: 1s\n    for: 1s\n";
        assertThat(check(minimal(fault))).isNotEmpty();
        assertThat(check(minimal("network: sim\n" + fault))).isEmpty();
    }

    @Test
    void shouldRejectAParameterOfAnotherFaultKind() throws IOException {
        assertThat(check(minimal("faults:\n  - type: down\n    latency: 5ms\n    at: 1s\n    for: 1s\n"))).isNotEmpty();
        assertThat(check(minimal("faults:\n  - type: down\n    at: 1s\n    for: 1s\n"))).isEmpty();
    }

    @Test
    void shouldRejectADurationWithoutAUnit() throws IOException {
        assertThat(check(minimal("warmup: 500\n"))).isNotEmpty();
    }

    @Test
    void shouldRejectABudgetThatDoesNotStartWithAMetric() throws IOException {
        assertThat(check(minimal("budgets: ['latency p(99) < 5ms']\n"))).isNotEmpty();
        assertThat(check(minimal("budgets: ['peer-final p(99) < 5ms']\n"))).isEmpty();
    }

    @Test
    void shouldKeepServerFaultsOnTheServerWithTheirParameters() throws IOException {
        assertThat(check(minimal("faults:\n  - {type: restart, durable: false, at: 1s, for: 1s}\n"))).isEmpty();
        assertThat(check(minimal("faults:\n  - {type: restart, durable: true, at: 1s, for: 1s, target: server}\n")))
                .isEmpty();
        assertThat(check(minimal("network: sim\nfaults:\n  - {type: pause, at: 1s, for: 1s}\n"))).isEmpty();
        assertThat(check(minimal("faults:\n  - {type: slow-commit, delay: 20ms, at: 1s, for: 1s}\n"))).isEmpty();
        assertThat(check(minimal("faults:\n  - {type: restart, at: 1s, for: 1s}\n"))).as("no durable").isNotEmpty();
        assertThat(check(minimal("faults:\n  - {type: restart, durable: 'no', at: 1s, for: 1s}\n"))).isNotEmpty();
        assertThat(check(minimal("faults:\n  - {type: slow-commit, at: 1s, for: 1s}\n"))).as("no delay").isNotEmpty();
        assertThat(check(minimal("faults:\n  - {type: pause, at: 1s, for: 1s, target: all}\n"))).isNotEmpty();
        assertThat(check(minimal("faults:\n  - {type: restart, durable: true, at: 1s, for: 1s, target: {client: a}}\n")))
                .isNotEmpty();
        assertThat(check(minimal("faults:\n  - {type: slow-commit, delay: 5ms, at: 1s, for: 1s, target: all}\n")))
                .isNotEmpty();
        assertThat(check(minimal("faults:\n  - {type: pause, at: 1s, for: 1s, direction: both}\n"))).isNotEmpty();
        assertThat(check(minimal("faults:\n  - {type: pause, delay: 5ms, at: 1s, for: 1s}\n"))).isNotEmpty();
    }

    @Test
    void shouldKnowTheServerBlock() throws IOException {
        assertThat(check(minimal("server: {history-limit: 50}\n"))).isEmpty();
        assertThat(check(minimal("server: {history-limit: 0}\n"))).isNotEmpty();
        assertThat(check(minimal("server: {history-limit: 2.5}\n"))).isNotEmpty();
        assertThat(check(minimal("server: {history: 50}\n"))).isNotEmpty();
        assertThat(check(minimal("server: {history-limit: 50, dedupe-window: 2000}\n"))).isEmpty();
        assertThat(check(minimal("server: {dedupe-window: 0}\n"))).isNotEmpty();
        assertThat(check(minimal("server: {dedupe-window: 2.5}\n"))).isNotEmpty();
    }

    @Test
    void shouldKnowTheLimitOfCount() throws IOException {
        assertThat(check(minimal("faults:\n  - {type: down, every: 2ns, for: 1ns, count: 1000000}\n"))).isEmpty();
        assertThat(check(minimal("faults:\n  - {type: down, every: 2ns, for: 1ns, count: 1000001}\n"))).isNotEmpty();
    }

    @Test
    void shouldKnowTheLimitOfTheRate() throws IOException {
        assertThat(check(minimal("").replace("rate: 1", "rate: 1000"))).isEmpty();
        assertThat(check(minimal("").replace("rate: 1", "rate: 1e10"))).isNotEmpty();
    }

    @Test
    void shouldKnowTheLimitOfTheScenarioName() throws IOException {
        assertThat(check(minimal("").replace("name: t", "name: " + "n".repeat(100)))).isEmpty();
        assertThat(check(minimal("").replace("name: t", "name: " + "n".repeat(101)))).isNotEmpty();
    }

    @Test
    void shouldKnowTheLimitsOfUserRoomAndFaultNames() throws IOException {
        String users = minimal("").replace("users: [a, b]", "users: [a, NAME]").replace("members: all", "members: [a]");
        assertThat(check(users.replace("NAME", "u".repeat(64)))).isEmpty();
        assertThat(check(users.replace("NAME", "u".repeat(65)))).isNotEmpty();
        assertThat(check(minimal("").replace("name: r", "name: " + "r".repeat(64)))).isEmpty();
        assertThat(check(minimal("").replace("name: r", "name: " + "r".repeat(65)))).isNotEmpty();
        String fault = "faults:\n  - {type: down, at: 1s, for: 1s, name: NAME}\n";
        assertThat(check(minimal(fault.replace("NAME", "f".repeat(100))))).isEmpty();
        assertThat(check(minimal(fault.replace("NAME", "f".repeat(101))))).isNotEmpty();
    }

    private static String minimal(String extra) {
        return "name: t\nseed: 1\nduration: 10s\nusers: [a, b]\nrooms: [{name: r, members: all}]\nload: {rate: 1}\n"
                + extra;
    }

    @Test
    void shouldRejectTheInvalidFilesThatTheSchemaCanJudge() throws IOException {
        for (String name : List.of("unknown-key.yaml", "wrong-type.yaml", "negative-rate.yaml",
                "share-out-of-range.yaml", "sim-only-fault.yaml", "toxiproxy-only-fault.yaml",
                "duration-without-unit.yaml", "direction-not-applicable.yaml", "missing-keys.yaml",
                "bad-budget.yaml", "many-errors.yaml", "server-fault-on-a-link.yaml", "history-limit-zero.yaml")) {
            Path file = ExampleFiles.example("invalid/" + name);
            assertThat(schema.validate(YAML.readTree(Files.readString(file)))).as(name).isNotEmpty();
        }
    }
}
