package dev.livetalk.metrics.results;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.livetalk.scenarios.fault.FaultSchedule;
import dev.livetalk.scenarios.fault.FaultScheduleJson;

import java.io.IOException;

/**
 * The JSON form of a document's {@code faultSchedule}: scenarios' {@link FaultScheduleJson},
 * the same text as the run's {@code fault-schedule.json}. Reading is strict: a malformed
 * schedule fails the document with the field's path and the rule.
 *
 * <p>Stateless; any thread.
 */
final class ScheduleJson {
    /** The schedule's name in the document, which starts the path of its fields in errors. */
    static final String FIELD = "faultSchedule";

    private ScheduleJson() {
    }

    /** Writes a schedule. */
    static final class Writer extends StdSerializer<FaultSchedule> {
        private static final long serialVersionUID = 1L;

        Writer() {
            super(FaultSchedule.class);
        }

        @Override
        public void serialize(FaultSchedule schedule, JsonGenerator out, SerializerProvider provider)
                throws IOException {
            out.writeTree(FaultScheduleJson.toTree(schedule));
        }
    }

    /** Reads a schedule, refusing a malformed one with a {@link JsonMappingException} naming the field. */
    static final class Reader extends StdDeserializer<FaultSchedule> {
        private static final long serialVersionUID = 1L;

        Reader() {
            super(FaultSchedule.class);
        }

        @Override
        public FaultSchedule deserialize(JsonParser in, DeserializationContext context) throws IOException {
            JsonNode tree = in.readValueAsTree();
            try {
                return FaultScheduleJson.fromTree(tree, FIELD);
            } catch (IllegalArgumentException e) {
                throw JsonMappingException.from(in, e.getMessage(), e);
            }
        }
    }
}
