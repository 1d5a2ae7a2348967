package dev.livetalk.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import com.fasterxml.jackson.core.util.BufferRecycler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Writes events field by field with a streaming generator; thread-safe. */
final class EventWriter {
    private final JsonFactory factory;

    EventWriter(JsonFactory factory) {
        this.factory = factory;
    }

    /**
     * Writes into Jackson's segmented writer on a pooled buffer recycler, as
     * {@code ObjectMapper.writeValueAsString} does: the generator and the writer share the
     * recycled buffers, and the text is copied once, into the String.
     */
    String write(Event event) {
        BufferRecycler buffers = factory._getBufferRecycler();
        try (SegmentedStringWriter out = new SegmentedStringWriter(buffers)) {
            try (JsonGenerator g = factory.createGenerator(out)) {
                writeEvent(g, event);
            }
            return out.getAndClear();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        } finally {
            buffers.releaseToPool();
        }
    }

    static void writeEvent(JsonGenerator g, Event event) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", event.type());
        switch (event) {
            case Hello e -> {
                g.writeStringField("user", e.user());
                g.writeStringField("token", e.token());
                g.writeNumberField("version", e.version());
                optional(g, "epoch", e.epoch());
                if (!e.resume().isEmpty()) {
                    seqMap(g, "resume", e.resume());
                }
            }
            case Welcome e -> {
                g.writeStringField("session", e.session());
                g.writeStringField("epoch", e.epoch());
                seqMap(g, "rooms", e.rooms());
                if (!e.resume().isEmpty()) {
                    g.writeObjectFieldStart("resume");
                    for (Map.Entry<String, ResumeStatus> entry : e.resume().entrySet()) {
                        g.writeStringField(entry.getKey(), entry.getValue().wireName());
                    }
                    g.writeEndObject();
                }
            }
            case Join e -> g.writeStringField("room", e.room());
            case Leave e -> g.writeStringField("room", e.room());
            case Joined e -> {
                g.writeStringField("room", e.room());
                g.writeNumberField("headSeq", e.headSeq());
            }
            case Send e -> {
                g.writeStringField("room", e.room());
                g.writeStringField("clientMsgId", e.clientMsgId());
                g.writeStringField("body", e.body());
                optional(g, "replyTo", e.replyTo());
            }
            case Ack e -> {
                g.writeStringField("room", e.room());
                g.writeStringField("clientMsgId", e.clientMsgId());
                g.writeNumberField("seq", e.seq());
                g.writeStringField("id", e.id());
            }
            case Message e -> messageFields(g, e);
            case HistoryRequest e -> {
                g.writeStringField("room", e.room());
                g.writeNumberField("fromSeq", e.fromSeq());
                if (e.toSeq() != null) {
                    g.writeNumberField("toSeq", e.toSeq());
                }
                if (e.limit() != null) {
                    g.writeNumberField("limit", e.limit());
                }
            }
            case HistoryReply e -> {
                g.writeStringField("room", e.room());
                g.writeArrayFieldStart("messages");
                for (Message message : e.messages()) {
                    g.writeStartObject();
                    g.writeStringField("type", message.type());
                    messageFields(g, message);
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeNumberField("headSeq", e.headSeq());
                g.writeNumberField("firstSeq", e.firstSeq());
            }
            case Read e -> {
                g.writeStringField("room", e.room());
                g.writeNumberField("seq", e.seq());
                g.writeStringField("kind", e.kind().wireName());
            }
            case Receipt e -> {
                g.writeStringField("room", e.room());
                g.writeStringField("user", e.user());
                g.writeStringField("kind", e.kind().wireName());
                g.writeNumberField("seq", e.seq());
            }
            case Ping e -> g.writeNumberField("t", e.t());
            case Pong e -> g.writeNumberField("t", e.t());
            case ErrorEvent e -> {
                g.writeStringField("code", e.code().wireName());
                g.writeStringField("message", e.message());
                optional(g, "ref", e.ref());
            }
        }
        g.writeEndObject();
    }

    private static void messageFields(JsonGenerator g, Message m) throws IOException {
        g.writeStringField("room", m.room());
        g.writeNumberField("seq", m.seq());
        g.writeStringField("id", m.id());
        g.writeStringField("clientMsgId", m.clientMsgId());
        g.writeStringField("from", m.from());
        g.writeStringField("body", m.body());
        optional(g, "replyTo", m.replyTo());
        g.writeNumberField("serverTime", m.serverTime());
    }

    private static void seqMap(JsonGenerator g, String name, Map<String, Long> rooms) throws IOException {
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, Long> entry : rooms.entrySet()) {
            g.writeNumberField(entry.getKey(), entry.getValue());
        }
        g.writeEndObject();
    }

    private static void optional(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }
}
