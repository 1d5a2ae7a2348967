package dev.livetalk.scenarios.fault;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.livetalk.scenarios.Durations;

import java.io.IOException;
import java.time.Duration;

/**
 * Writes a {@link FaultSchedule} as JSON for the run's output, and reads it back: the seed,
 * and for each window the fault's name and type, start and end (durations as scenario files
 * write them, plus nanoseconds), its parameters (the fault record's components by name),
 * direction, target clients, link and server side.
 *
 * <p>Stateless apart from a thread-safe mapper; any thread.
 */
public final class FaultScheduleJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new SimpleModule("durations").addSerializer(Duration.class, new DurationSerializer()))
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private FaultScheduleJson() {
    }

    /** The schedule as a JSON tree, to embed in a larger document. */
    public static ObjectNode toTree(FaultSchedule schedule) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("seed", schedule.seed());
        ArrayNode windows = root.putArray("windows");
        for (FaultWindow window : schedule.windows()) {
            ObjectNode node = windows.addObject();
            node.put("fault", window.fault());
            node.put("type", window.kind().yamlName());
            node.put("occurrence", window.occurrence());
            node.put("start", Durations.format(window.start()));
            node.put("end", Durations.format(window.end()));
            node.put("startNanos", window.start().toNanos());
            node.put("endNanos", window.end().toNanos());
            node.set("parameters", MAPPER.valueToTree(window.parameters()));
            node.put("direction", window.direction().yamlName());
            ArrayNode clients = node.putArray("clients");
            window.clients().forEach(clients::add);
            node.put("link", window.link().yamlName());
            node.put("serverSide", window.serverSide());
        }
        return root;
    }

    /**
     * Reads a schedule written by {@link #toTree}; every field is required.
     *
     * @param path what the tree is called in its document ({@code faultSchedule}), to name fields in errors
     * @throws IllegalArgumentException naming the field, the rule and the value found when malformed
     */
    public static FaultSchedule fromTree(JsonNode tree, String path) {
        return FaultScheduleReader.read(tree, path);
    }

    /** The schedule as indented JSON text. */
    public static String toJson(FaultSchedule schedule) {
        try {
            return MAPPER.writeValueAsString(toTree(schedule));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** Durations as {@code 500ms}, {@code 5s}. */
    private static final class DurationSerializer extends JsonSerializer<Duration> {
        @Override
        public void serialize(Duration value, JsonGenerator generator, SerializerProvider provider)
                throws IOException {
            generator.writeString(Durations.format(value));
        }
    }
}
