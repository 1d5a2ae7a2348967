package dev.livetalk.metrics.results;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;

/**
 * The JSON form of a latency figure in {@code results.json}: nanoseconds as an integer, or the
 * string {@code "never"} for {@link Percentiles#NEVER} (the figure never happened by the end
 * of the run). A string sorts above every number in jq, so {@code select(.p99 > 1e9)} keeps
 * the nevers; pandas reads the column as objects, and {@code pd.to_numeric(s.replace("never",
 * float("inf")))} makes it numeric.
 *
 * <p>Stateless; any thread.
 */
final class NanosJson {
    /** The text written for {@link Percentiles#NEVER}. */
    static final String NEVER = "never";

    private NanosJson() {
    }

    /** Writes a figure. */
    static final class Writer extends StdSerializer<Long> {
        private static final long serialVersionUID = 1L;

        Writer() {
            super(Long.class);
        }

        @Override
        public void serialize(Long nanos, JsonGenerator out, SerializerProvider provider) throws IOException {
            if (Percentiles.isNever(nanos)) {
                out.writeString(NEVER);
            } else {
                out.writeNumber(nanos);
            }
        }
    }

    /** Reads a figure: an integer, or {@code "never"}. */
    static final class Reader extends StdDeserializer<Long> {
        private static final long serialVersionUID = 1L;

        Reader() {
            super(Long.class);
        }

        @Override
        public Long deserialize(JsonParser in, DeserializationContext context) throws IOException {
            if (in.currentToken() == JsonToken.VALUE_STRING) {
                String text = in.getText();
                if (!NEVER.equals(text)) {
                    return (Long) context.handleWeirdStringValue(Long.class, text,
                            "a latency must be nanoseconds or \"never\"");
                }
                return Percentiles.NEVER;
            }
            if (in.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                return in.getLongValue();
            }
            return (Long) context.handleUnexpectedToken(Long.class, in);
        }
    }
}
