package dev.livetalk.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.io.IOException;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The strict JSON codec of the wire protocol. Decoding never throws: a frame that breaks
 * the contract becomes {@link Decoded.Rejected} naming the field and the rule. Encoding
 * writes the fields of docs/PROTOCOL.md and leaves absent optional fields out.
 *
 * <p>Thread-safe: an instance holds only immutable configuration and may be shared.
 */
public final class EventCodec {
    private static final int MAX_NESTING = 16;

    private final CodecLimits limits;
    private final JsonFactory factory;
    private final ObjectMapper mapper;
    private final EventWriter writer;

    public EventCodec(CodecLimits limits) {
        this.limits = limits;
        // Duplicate keys and the number of fields of every object, the event's and nested ones,
        // are checked while reading it (readFields, nestedTree), each in time independent of the
        // number of fields. The parser's own detection would cost an eighth of a decode.
        JsonFactory factory = JsonFactory.builder()
                // interned names: FrameObject finds the fields readers ask for (string literals) by identity
                .enable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
                .enable(JsonFactory.Feature.INTERN_FIELD_NAMES)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING)
                        .maxStringLength(limits.maxFrameBytes())
                        .maxNumberLength(32)
                        .build())
                .build();
        this.factory = factory;
        this.mapper = new ObjectMapper(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        this.writer = new EventWriter(factory);
    }

    /** A codec with {@link CodecLimits#DEFAULT}. */
    public EventCodec() {
        this(CodecLimits.DEFAULT);
    }

    public CodecLimits limits() {
        return limits;
    }

    /** Writes one event as a JSON text frame. */
    public String encode(Event event) {
        return writer.write(event);
    }

    /** Decodes a text frame a client sent. */
    public Decoded<ClientEvent> decodeClient(String frame) {
        return decode(frame, Direction.CLIENT_TO_SERVER);
    }

    /** Decodes the raw bytes of a text frame a client sent, checking they are UTF-8. */
    public Decoded<ClientEvent> decodeClient(ByteBuffer utf8) {
        return decode(utf8, Direction.CLIENT_TO_SERVER);
    }

    /** Decodes a text frame the server sent. */
    public Decoded<ServerEvent> decodeServer(String frame) {
        return decode(frame, Direction.SERVER_TO_CLIENT);
    }

    /** Decodes the raw bytes of a text frame the server sent, checking they are UTF-8. */
    public Decoded<ServerEvent> decodeServer(ByteBuffer utf8) {
        return decode(utf8, Direction.SERVER_TO_CLIENT);
    }

    private <T extends Event> Decoded<T> decode(ByteBuffer utf8, Direction direction) {
        if (utf8.remaining() > limits.maxFrameBytes()) {
            return tooLarge(utf8.remaining());
        }
        ByteBuffer in = utf8.duplicate();
        CharBuffer out = CharBuffer.allocate(in.remaining());
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position() - utf8.position();
            return new Decoded.Rejected<>(ErrorCode.INVALID_UTF8, String.format(Locale.ROOT,
                    "frame must be valid UTF-8: malformed byte 0x%02X at byte %d", in.get(in.position()), offset), null);
        }
        decoder.flush(out);
        String frame = out.flip().toString();
        return decode(frame, direction);
    }

    /** A decoder and encoder for the frames of one thread, reusing one parser and one generator. */
    public FrameStream stream() {
        return new FrameStream(this);
    }

    <T extends Event> Decoded<T> decode(String frame, Direction direction) {
        if (frame == null) {
            return new Decoded.Rejected<>(ErrorCode.MALFORMED_JSON, "frame must not be null", null);
        }
        if (!surelyFits(frame)) {
            int bytes = utf8Length(frame);
            if (bytes > limits.maxFrameBytes()) {
                return tooLarge(bytes);
            }
        }
        FrameObject node;
        try {
            node = readObject(frame);
            if (node == null) {
                JsonNode tree = mapper.readTree(frame);
                return new Decoded.Rejected<>(ErrorCode.MALFORMED_JSON,
                        "frame must be one JSON object: " + (tree == null ? "empty" : tree.getNodeType()), null);
            }
        } catch (TooManyFields e) {
            return rejected(ErrorCode.MALFORMED_JSON, e.getOriginalMessage(), null);
        } catch (JsonProcessingException e) {
            return rejected(ErrorCode.MALFORMED_JSON, "frame is not valid JSON: " + e.getOriginalMessage(), null);
        }
        return decodeObject(node, direction);
    }

    /**
     * Reads a frame that is one JSON object into its flat fields, or returns {@code null} when
     * it is not an object. Events are flat objects, so their fields are read straight off the
     * streaming parser into a {@link FrameObject} (only a nested value becomes a tree): no map
     * entry or value node per field, since every frame of a run passes here. Duplicate keys and
     * the number of fields are checked as the fields come; nesting depth and lengths are the
     * parser's checks.
     */
    private FrameObject readObject(String frame) throws JsonProcessingException {
        try (JsonParser parser = factory.createParser(frame)) {
            FrameObject fields = readFields(parser);
            if (fields != null && parser.nextToken() != null) {
                throw new JsonParseException(parser,
                        "Trailing token (of type " + parser.currentToken() + ") found after the object");
            }
            return fields;
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new IllegalStateException("reading a String cannot fail with I/O", e);
        }
    }

    /**
     * Reads the next value off {@code parser} when it is an object, up to its end, into its
     * flat fields; returns {@code null}, having read one token, when it is not an object.
     */
    FrameObject readFields(JsonParser parser) throws IOException {
        return readFields(parser, null);
    }

    /**
     * As {@link #readFields(JsonParser)}, into {@code reused} (emptied first) when it is not
     * {@code null}: a stream of frames reads each one into the same object.
     */
    FrameObject readFields(JsonParser parser, FrameObject reused) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        FrameObject fields = reused == null ? new FrameObject() : reused.clear();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            if (fields.size() == limits.maxObjectFields()) {
                throw new TooManyFields(parser, limits.maxObjectFields(), name);
            }
            if (!add(fields, name, parser, parser.nextToken())) {
                throw new JsonParseException(parser, "Duplicate field '" + name + "'");
            }
        }
        if (token != JsonToken.END_OBJECT) {   // the parser ends an object's fields with END_OBJECT or an exception
            throw new JsonParseException(parser, "Unexpected token (" + token + ") in the object");
        }
        return fields;
    }

    /** Whether {@code frame} is within the frame limit for sure without counting its UTF-8 bytes. */
    boolean surelyFits(String frame) {
        // A char is at most 3 bytes of UTF-8 (a surrogate pair: 4 for 2), so most frames need no count.
        return frame.length() <= limits.maxFrameBytes() / 3;
    }

    JsonFactory factory() {
        return factory;
    }

    private boolean add(FrameObject fields, String name, JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_STRING -> fields.addString(name, parser.getText());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT, LONG -> fields.addLong(name, parser.getLongValue());
                default -> fields.addBig(name, parser.getBigIntegerValue());
            };
            case VALUE_TRUE, VALUE_FALSE -> fields.addBoolean(name, token == JsonToken.VALUE_TRUE);
            case VALUE_NULL -> fields.addNull(name);
            default -> fields.addNode(name, nestedTree(parser, token));
        };
    }

    /**
     * The nested value that starts at {@code token}, read off the parser into a tree, with the
     * same checks as the event object: at most {@code maxObjectFields} fields per object,
     * counted as they come, and no duplicate key (found through the object's map). Depth is
     * the parser's check.
     */
    private JsonNode nestedTree(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> nestedObject(parser);
            case START_ARRAY -> nestedArray(parser);
            case VALUE_STRING -> TextNode.valueOf(parser.getText());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> IntNode.valueOf(parser.getIntValue());
                case LONG -> LongNode.valueOf(parser.getLongValue());
                default -> BigIntegerNode.valueOf(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> DoubleNode.valueOf(parser.getDoubleValue());
            case VALUE_TRUE, VALUE_FALSE -> BooleanNode.valueOf(token == JsonToken.VALUE_TRUE);
            case VALUE_NULL -> NullNode.getInstance();
            default -> throw new JsonParseException(parser, "Unexpected token (" + token + ")");
        };
    }

    private ObjectNode nestedObject(JsonParser parser) throws IOException {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            if (object.size() == limits.maxObjectFields()) {
                throw new TooManyFields(parser, limits.maxObjectFields(), name);
            }
            if (object.replace(name, nestedTree(parser, parser.nextToken())) != null) {
                throw new JsonParseException(parser, "Duplicate field '" + name + "'");
            }
        }
        if (token != JsonToken.END_OBJECT) {
            throw new JsonParseException(parser, "Unexpected token (" + token + ") in the object");
        }
        return object;
    }

    private ArrayNode nestedArray(JsonParser parser) throws IOException {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == null) {
                throw new JsonParseException(parser, "Unexpected end of input in an array");
            }
            array.add(nestedTree(parser, token));
        }
        return array;
    }

    /** An object with more fields than {@link CodecLimits#maxObjectFields()}, found at its first field too many. */
    static final class TooManyFields extends JsonParseException {
        private static final long serialVersionUID = 1L;

        TooManyFields(JsonParser parser, int limit, String name) {
            super(parser, "objects must have at most " + limit + " fields: field " + (limit + 1) + " (\""
                    + (name.length() > 32 ? name.substring(0, 32) + "..." : name) + "\") at character "
                    + parser.currentLocation().getCharOffset());
        }
    }

    @SuppressWarnings("unchecked")
    <T extends Event> Decoded<T> decodeObject(FrameObject node, Direction direction) {
        String ref = refOf(node);
        try {
            Event event = EventReader.read(node, direction, limits);
            return new Decoded.Ok<>((T) event);
        } catch (FieldReader.FrameException e) {
            return rejected(e.code(), e.getMessage(), ref);
        } catch (IllegalArgumentException e) {
            return rejected(ErrorCode.INVALID_FIELD, e.getMessage(), ref);
        }
    }

    /**
     * A rejection whose message may quote the frame: unpaired surrogates in it become U+FFFD,
     * so the error event it turns into is always valid UTF-8 on the wire.
     */
    private static <T extends Event> Decoded<T> rejected(ErrorCode code, String message, String ref) {
        return new Decoded.Rejected<>(code, Names.withoutUnpairedSurrogates(message), ref);
    }

    private <T extends Event> Decoded<T> tooLarge(int bytes) {
        return new Decoded.Rejected<>(ErrorCode.FRAME_TOO_LARGE,
                "frame must be at most " + limits.maxFrameBytes() + " bytes: " + bytes, null);
    }

    private static String refOf(FrameObject node) {
        String clientMsgId = node.peekString("clientMsgId");
        if (isUsableRef(clientMsgId, Names.MAX_ID_LENGTH)) {
            return clientMsgId;
        }
        String type = node.peekString("type");
        return isUsableRef(type, 32) ? type : null;
    }

    private static boolean isUsableRef(String value, int maxLength) {
        return value != null && !value.isEmpty() && value.length() <= maxLength && Names.unpairedSurrogate(value) < 0;
    }

    /** UTF-8 length of {@code s}, stopping early once it is clearly beyond any limit. */
    static int utf8Length(String s) {
        int length = s.length();
        int bytes = 0;
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** Which side sent a frame; the same type name can mean different events each way. */
    enum Direction {
        CLIENT_TO_SERVER, SERVER_TO_CLIENT
    }
}
