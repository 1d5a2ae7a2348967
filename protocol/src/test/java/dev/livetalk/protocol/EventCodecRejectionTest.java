package dev.livetalk.protocol;

import static dev.livetalk.protocol.ErrorCode.BODY_TOO_LARGE;
import static dev.livetalk.protocol.ErrorCode.FRAME_TOO_LARGE;
import static dev.livetalk.protocol.ErrorCode.INVALID_FIELD;
import static dev.livetalk.protocol.ErrorCode.MALFORMED_JSON;
import static dev.livetalk.protocol.ErrorCode.MISSING_FIELD;
import static dev.livetalk.protocol.ErrorCode.UNKNOWN_TYPE;
import static dev.livetalk.protocol.Sender.CLIENT;
import static dev.livetalk.protocol.Sender.SERVER;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of frames the codec must refuse: each gets the exact error code, a message naming
 * the field, the value and the rule, and the ref (clientMsgId when textual, else type).
 * Limits are small here (512-byte frames, 16-character bodies) to keep frames readable.
 */
class EventCodecRejectionTest {
    static final CodecLimits SMALL = new CodecLimits(512, 16);
    private static final String MSG_SEQ_1 = "{\"type\":\"message\",\"room\":\"r\",\"seq\":1,\"id\":\"m\","
            + "\"clientMsgId\":\"c\",\"from\":\"u\",\"body\":\"b\",\"serverTime\":0}";
    /** 66 one- or two-letter fields, then type and room: the event's own fields come after the 64th. */
    private static final String SIXTY_SIX_FIELDS_THEN_JOIN = java.util.stream.IntStream.range(0, 66)
            .mapToObj(i -> "\"" + (char) ('A' + i % 26) + (i < 26 ? "" : String.valueOf((char) ('a' + i / 26))) + "\":0,")
            .collect(java.util.stream.Collectors.joining("", "{", "\"type\":\"join\",\"room\":\"r\"}"));
    private final EventCodec codec = new EventCodec(SMALL);

    /** One frame that must be refused, and how. */
    record BadFrame(String name, Sender sender, String frame, ErrorCode code, String ref, List<String> mentions) {
        @Override
        public String toString() {
            return sender.arrow() + " " + name;
        }
    }

    private static BadFrame bad(String name, Sender sender, String frame, ErrorCode code, String ref,
                                String mention, String... more) {
        List<String> mentions = new ArrayList<>(List.of(more));
        mentions.add(0, mention);
        return new BadFrame(name, sender, frame, code, ref, List.copyOf(mentions));
    }

    /** Frames that are not one JSON object, whoever sends them. */
    static Stream<BadFrame> notAnObject() {
        return Stream.of(
                bad("truncated object", CLIENT, "{\"type\":\"join\",\"room\":", MALFORMED_JSON, null, "not valid JSON"),
                bad("unquoted names", CLIENT, "{type:\"join\"}", MALFORMED_JSON, null, "not valid JSON"),
                bad("single quotes", CLIENT, "{'type':'join','room':'r'}", MALFORMED_JSON, null, "not valid JSON"),
                bad("comment", CLIENT, "{\"type\":\"join\" /* hi */,\"room\":\"r\"}", MALFORMED_JSON, null, "not valid JSON"),
                bad("NaN", CLIENT, "{\"type\":\"ping\",\"t\":NaN}", MALFORMED_JSON, null, "not valid JSON", "NaN"),
                bad("leading zero", CLIENT, "{\"type\":\"ping\",\"t\":01}", MALFORMED_JSON, null, "not valid JSON"),
                bad("trailing garbage", CLIENT, "{\"type\":\"join\",\"room\":\"r\"} x", MALFORMED_JSON, null, "not valid JSON"),
                bad("two objects", CLIENT, "{\"type\":\"join\",\"room\":\"r\"}{\"type\":\"leave\",\"room\":\"r\"}",
                        MALFORMED_JSON, null, "not valid JSON", "Trailing token"),
                bad("duplicate key in a nested object", CLIENT,
                        "{\"type\":\"hello\",\"user\":\"u\",\"token\":\"t\",\"version\":1,\"resume\":{\"r\":1,\"r\":2}}",
                        MALFORMED_JSON, null, "Duplicate", "'r'"),
                bad("duplicate key after a nested object", CLIENT,
                        "{\"type\":\"hello\",\"resume\":{\"r\":1},\"user\":\"u\",\"user\":\"v\"}",
                        MALFORMED_JSON, null, "Duplicate", "'user'"),
                bad("duplicate key among many fields", CLIENT,
                        "{\"type\":\"join\",\"room\":\"r\",\"f1\":1,\"f2\":2,\"f3\":3,\"f4\":4,\"f5\":5,\"f6\":6,\"f7\":7,\"f8\":8,\"f9\":9,\"f10\":10,\"f11\":11,\"f12\":12,\"f13\":13,\"f14\":14,\"f15\":15,\"f16\":16,\"f17\":17,\"f18\":18,\"f19\":19,\"f20\":20,\"f17\":0}", MALFORMED_JSON, null, "Duplicate", "'f17'"),
                bad("many unknown fields", CLIENT, "{\"type\":\"join\",\"room\":\"r\",\"f1\":1,\"f2\":2,\"f3\":3,\"f4\":4,\"f5\":5,\"f6\":6,\"f7\":7,\"f8\":8,\"f9\":9,\"f10\":10,\"f11\":11,\"f12\":12,\"f13\":13,\"f14\":14,\"f15\":15,\"f16\":16,\"f17\":17,\"f18\":18,\"f19\":19,\"f20\":20}", INVALID_FIELD, "join",
                        "field f1 is not part of a join event"),
                bad("more than 64 unknown fields before the event's own", CLIENT, SIXTY_SIX_FIELDS_THEN_JOIN,
                        INVALID_FIELD, "join", "field A is not part of a join event"),
                bad("nested value then garbage", CLIENT, "{\"type\":\"hello\",\"resume\":{\"r\":1}} ]", MALFORMED_JSON, null,
                        "not valid JSON"),
                bad("two objects", SERVER, "{\"type\":\"ping\",\"t\":1}{\"type\":\"ping\",\"t\":2}", MALFORMED_JSON, null,
                        "not valid JSON", "Trailing token"),
                bad("array", CLIENT, "[{\"type\":\"join\",\"room\":\"r\"}]", MALFORMED_JSON, null, "one JSON object", "ARRAY"),
                bad("number", CLIENT, "42", MALFORMED_JSON, null, "one JSON object", "NUMBER"),
                bad("string", SERVER, "\"welcome\"", MALFORMED_JSON, null, "one JSON object", "STRING"),
                bad("null literal", CLIENT, "null", MALFORMED_JSON, null, "one JSON object"),
                bad("empty frame", CLIENT, "", MALFORMED_JSON, null, "one JSON object"),
                bad("blank frame", SERVER, " \n\t", MALFORMED_JSON, null, "one JSON object"),
                bad("duplicate key", CLIENT, "{\"type\":\"join\",\"room\":\"a\",\"room\":\"b\"}", MALFORMED_JSON, null,
                        "Duplicate", "room"),
                bad("duplicate type", CLIENT, "{\"type\":\"join\",\"type\":\"leave\",\"room\":\"a\"}", MALFORMED_JSON, null,
                        "Duplicate", "type"),
                bad("duplicate key in nested map", CLIENT,
                        "{\"type\":\"hello\",\"user\":\"u\",\"token\":\"t\",\"version\":1,\"resume\":{\"r\":1,\"r\":2}}",
                        MALFORMED_JSON, null, "Duplicate", "r"),
                bad("deep nesting", CLIENT, "{\"type\":\"join\",\"room\":\"r\",\"x\":" + "[".repeat(40) + "]".repeat(40) + "}",
                        MALFORMED_JSON, null, "nesting depth"),
                bad("number longer than 32 digits", CLIENT, "{\"type\":\"ping\",\"t\":" + "9".repeat(40) + "}",
                        MALFORMED_JSON, null, "Number value length"));
    }

    /** Frames that are objects but not an event of the receiving side. */
    static Stream<BadFrame> notAnEvent() {
        return Stream.of(
                bad("missing type", CLIENT, "{\"room\":\"r\"}", MISSING_FIELD, null, "field type"),
                bad("missing type, ref is clientMsgId", CLIENT, "{\"room\":\"r\",\"clientMsgId\":\"c-1\",\"body\":\"b\"}",
                        MISSING_FIELD, "c-1", "field type"),
                bad("null type", SERVER, "{\"type\":null}", MISSING_FIELD, null, "field type"),
                bad("number type", CLIENT, "{\"type\":7}", INVALID_FIELD, null, "type must be a string: 7"),
                bad("object type", CLIENT, "{\"type\":{\"name\":\"join\"}}", INVALID_FIELD, null, "type must be a string"),
                bad("unknown type", CLIENT, "{\"type\":\"shout\"}", UNKNOWN_TYPE, "shout",
                        "type must be one of hello, join", "\"shout\""),
                bad("type is case sensitive", CLIENT, "{\"type\":\"Join\",\"room\":\"r\"}", UNKNOWN_TYPE, "Join", "\"Join\""),
                bad("client sends welcome", CLIENT, "{\"type\":\"welcome\",\"session\":\"s\",\"epoch\":\"e\",\"rooms\":{}}",
                        UNKNOWN_TYPE, "welcome", "\"welcome\""),
                bad("client sends joined", CLIENT, "{\"type\":\"joined\",\"room\":\"r\",\"headSeq\":0}", UNKNOWN_TYPE, "joined", "\"joined\""),
                bad("client sends ack", CLIENT, "{\"type\":\"ack\",\"room\":\"r\",\"clientMsgId\":\"c-1\",\"seq\":1,\"id\":\"m\"}",
                        UNKNOWN_TYPE, "c-1", "\"ack\""),
                bad("client sends message", CLIENT, "{\"type\":\"message\"}", UNKNOWN_TYPE, "message", "\"message\""),
                bad("client sends receipt", CLIENT, "{\"type\":\"receipt\"}", UNKNOWN_TYPE, "receipt", "\"receipt\""),
                bad("client sends error", CLIENT, "{\"type\":\"error\",\"code\":\"abuse\",\"message\":\"m\"}",
                        UNKNOWN_TYPE, "error", "\"error\""),
                bad("server sends hello", SERVER, "{\"type\":\"hello\",\"user\":\"u\",\"token\":\"t\",\"version\":1}",
                        UNKNOWN_TYPE, "hello", "type must be one of welcome", "\"hello\""),
                bad("server sends send", SERVER, "{\"type\":\"send\",\"room\":\"r\",\"clientMsgId\":\"c-2\",\"body\":\"b\"}",
                        UNKNOWN_TYPE, "c-2", "\"send\""),
                bad("server sends join", SERVER, "{\"type\":\"join\",\"room\":\"r\"}", UNKNOWN_TYPE, "join", "\"join\""),
                bad("server sends read", SERVER, "{\"type\":\"read\",\"room\":\"r\",\"seq\":1}", UNKNOWN_TYPE, "read", "\"read\""),
                bad("long unknown type is cut and not a ref", CLIENT, "{\"type\":\"" + "x".repeat(100) + "\"}",
                        UNKNOWN_TYPE, null, "x".repeat(32) + "...\""));
    }

    /** Events with a field missing, mistyped, unknown, or breaking its rule. */
    static Stream<BadFrame> badFields() {
        return Stream.of(
                bad("send without body", CLIENT, "{\"type\":\"send\",\"room\":\"r\",\"clientMsgId\":\"c-1\"}",
                        MISSING_FIELD, "c-1", "send needs field body"),
                bad("join without room", CLIENT, "{\"type\":\"join\"}", MISSING_FIELD, "join", "join needs field room"),
                bad("join with null room", CLIENT, "{\"type\":\"join\",\"room\":null}", MISSING_FIELD, "join",
                        "join needs field room"),
                bad("hello without token", CLIENT, "{\"type\":\"hello\",\"user\":\"u\",\"version\":1}", MISSING_FIELD,
                        "hello", "hello needs field token"),
                bad("ack without seq", SERVER, "{\"type\":\"ack\",\"room\":\"r\",\"clientMsgId\":\"c-3\",\"id\":\"m\"}",
                        MISSING_FIELD, "c-3", "ack needs field seq"),
                bad("history reply without firstSeq", SERVER,
                        "{\"type\":\"history\",\"room\":\"r\",\"messages\":[],\"headSeq\":0}", MISSING_FIELD, "history",
                        "history needs field firstSeq"),
                bad("room as number", CLIENT, "{\"type\":\"join\",\"room\":5}", INVALID_FIELD, "join",
                        "room must be a string: 5"),
                bad("seq as string", CLIENT, "{\"type\":\"read\",\"room\":\"r\",\"seq\":\"3\"}", INVALID_FIELD, "read",
                        "seq must be an integer within 64 bits: \"3\""),
                bad("seq as float", CLIENT, "{\"type\":\"read\",\"room\":\"r\",\"seq\":3.0}", INVALID_FIELD, "read",
                        "seq must be an integer within 64 bits: 3.0"),
                bad("seq with exponent", CLIENT, "{\"type\":\"read\",\"room\":\"r\",\"seq\":1e2}", INVALID_FIELD, "read",
                        "seq must be an integer within 64 bits"),
                bad("seq beyond 64 bits", SERVER,
                        "{\"type\":\"joined\",\"room\":\"r\",\"headSeq\":9223372036854775808}", INVALID_FIELD, "joined",
                        "headSeq must be an integer within 64 bits: 9223372036854775808"),
                bad("ping t beyond 64 bits", CLIENT, "{\"type\":\"ping\",\"t\":-9223372036854775809}", INVALID_FIELD, "ping",
                        "t must be an integer within 64 bits: -9223372036854775809"),
                bad("version beyond 32 bits", CLIENT,
                        "{\"type\":\"hello\",\"user\":\"u\",\"token\":\"t\",\"version\":2147483648}", INVALID_FIELD, "hello",
                        "version must be an integer within 32 bits: 2147483648"),
                bad("version as string", CLIENT, "{\"type\":\"hello\",\"user\":\"u\",\"token\":\"t\",\"version\":\"1\"}",
                        INVALID_FIELD, "hello", "version must be an integer"),
                bad("body as object", CLIENT, "{\"type\":\"send\",\"room\":\"r\",\"clientMsgId\":\"c-4\",\"body\":{}}",
                        INVALID_FIELD, "c-4", "body must be a string: {}"),
                bad("t as boolean", SERVER, "{\"type\":\"pong\",\"t\":true}", INVALID_FIELD, "pong",
                        "t must be an integer within 64 bits: true"),
                bad("messages as object", SERVER, "{\"type\":\"history\",\"room\":\"r\",\"messages\":{},\"headSeq\":0,"
                        + "\"firstSeq\":1}", INVALID_FIELD, "history", "messages must be an array: {}"),
                bad("resume as array", CLIENT, "{\"type\":\"hello\",\"user\":\"u\",\"token\":\"t\",\"version\":1,"
                        + "\"resume\":[1]}", INVALID_FIELD, "hello", "resume must be an object: [1]"),
                bad("resume seq negative", CLIENT, "{\"type\":\"hello\",\"user\":\"u\",\"token\":\"t\",\"version\":1,"
                        + "\"resume\":{\"r\":-1}}", INVALID_FIELD, "hello", "resume.r must be an integer >= 0: -1"),
                bad("resume seq as string", CLIENT, "{\"type\":\"hello\",\"user\":\"u\",\"token\":\"t\",\"version\":1,"
                        + "\"resume\":{\"r\":\"5\"}}", INVALID_FIELD, "hello", "resume.r must be an integer >= 0: \"5\""),
                bad("resume bad room", CLIENT, "{\"type\":\"hello\",\"user\":\"u\",\"token\":\"t\",\"version\":1,"
                        + "\"resume\":{\"no room\":1}}", INVALID_FIELD, "hello", "resume room", "\"no room\""),
                bad("unknown extra field", CLIENT, "{\"type\":\"send\",\"room\":\"r\",\"clientMsgId\":\"c-5\",\"body\":\"b\","
                        + "\"priority\":1}", INVALID_FIELD, "c-5", "field priority is not part of a send event"),
                bad("from is not sent by clients", CLIENT, "{\"type\":\"send\",\"room\":\"r\",\"clientMsgId\":\"c-6\","
                        + "\"body\":\"b\",\"from\":\"mallory\"}", INVALID_FIELD, "c-6", "field from is not part of a send event"),
                bad("reply fields in a history request", CLIENT, "{\"type\":\"history\",\"room\":\"r\",\"fromSeq\":1,"
                        + "\"limit\":5,\"headSeq\":3}", INVALID_FIELD, "history", "field headSeq is not part of a history event"),
                bad("room with a space", CLIENT, "{\"type\":\"join\",\"room\":\"has space\"}", INVALID_FIELD, "join",
                        "room must be 1-64 of [A-Za-z0-9._-]: \"has space\""),
                bad("empty room", CLIENT, "{\"type\":\"leave\",\"room\":\"\"}", INVALID_FIELD, "leave",
                        "room must be 1-64 of [A-Za-z0-9._-]: \"\""),
                bad("room of 65 characters", CLIENT, "{\"type\":\"join\",\"room\":\"" + "r".repeat(65) + "\"}",
                        INVALID_FIELD, "join", "room must be 1-64", "r".repeat(65)),
                bad("room with a slash", SERVER, "{\"type\":\"joined\",\"room\":\"a/b\",\"headSeq\":0}", INVALID_FIELD,
                        "joined", "room must be 1-64 of [A-Za-z0-9._-]: \"a/b\""),
                bad("user with a space", CLIENT, "{\"type\":\"hello\",\"user\":\"al ice\",\"token\":\"t\",\"version\":1}",
                        INVALID_FIELD, "hello", "user must be 1-64 of [A-Za-z0-9._@-]: \"al ice\""),
                bad("clientMsgId too long is not a ref", CLIENT, "{\"type\":\"send\",\"room\":\"r\",\"clientMsgId\":\""
                        + "c".repeat(129) + "\",\"body\":\"b\"}", INVALID_FIELD, "send", "clientMsgId must be 1-128 characters long: 129"),
                bad("empty clientMsgId is not a ref", CLIENT, "{\"type\":\"send\",\"room\":\"r\",\"clientMsgId\":\"\","
                        + "\"body\":\"b\"}", INVALID_FIELD, "send", "clientMsgId must be 1-128 characters long: 0"),
                bad("numeric clientMsgId is not a ref", CLIENT, "{\"type\":\"send\",\"room\":\"r\",\"clientMsgId\":17,"
                        + "\"body\":\"b\"}", INVALID_FIELD, "send", "clientMsgId must be a string: 17"),
                bad("body with an unpaired high surrogate", CLIENT, "{\"type\":\"send\",\"room\":\"r\",\"clientMsgId\":\"c-10\","
                        + "\"body\":\"a\\uD800b\"}", INVALID_FIELD, "c-10",
                        "body must be valid Unicode: unpaired surrogate \\uD800 at index 1"),
                bad("reversed surrogate pair", SERVER, "{\"type\":\"error\",\"code\":\"abuse\",\"message\":\"\\uDE00\\uD83D\"}",
                        INVALID_FIELD, "error", "message must be valid Unicode: unpaired surrogate \\uDE00 at index 0"),
                bad("clientMsgId with an unpaired low surrogate is not a ref", CLIENT, "{\"type\":\"send\",\"room\":\"r\","
                        + "\"clientMsgId\":\"\\uDC00\",\"body\":\"b\"}", INVALID_FIELD, "send",
                        "clientMsgId must be valid Unicode: unpaired surrogate \\uDC00 at index 0"),
                bad("unknown type with an unpaired surrogate", CLIENT, "{\"type\":\"x\\uD800\"}", UNKNOWN_TYPE, null,
                        "\"x\uFFFD\""),
                bad("negative read seq", CLIENT, "{\"type\":\"read\",\"room\":\"r\",\"seq\":-1}", INVALID_FIELD, "read",
                        "seq must be >= 1: -1"),
                bad("zero read seq", CLIENT, "{\"type\":\"read\",\"room\":\"r\",\"seq\":0}", INVALID_FIELD, "read",
                        "seq must be >= 1: 0"),
                bad("zero fromSeq", CLIENT, "{\"type\":\"history\",\"room\":\"r\",\"fromSeq\":0,\"limit\":5}", INVALID_FIELD,
                        "history", "fromSeq must be >= 1: 0"),
                bad("negative headSeq", SERVER, "{\"type\":\"joined\",\"room\":\"r\",\"headSeq\":-1}", INVALID_FIELD, "joined",
                        "headSeq must be >= 0: -1"),
                bad("zero ack seq", SERVER, "{\"type\":\"ack\",\"room\":\"r\",\"clientMsgId\":\"c-7\",\"seq\":0,\"id\":\"m\"}",
                        INVALID_FIELD, "c-7", "seq must be >= 1: 0"),
                bad("negative welcome head", SERVER, "{\"type\":\"welcome\",\"session\":\"s\",\"epoch\":\"e\","
                        + "\"rooms\":{\"r\":-2}}", INVALID_FIELD, "welcome", "rooms.r must be an integer >= 0: -2"),
                bad("history with toSeq and limit", CLIENT, "{\"type\":\"history\",\"room\":\"r\",\"fromSeq\":1,\"toSeq\":5,"
                        + "\"limit\":5}", INVALID_FIELD, "history", "exactly one of toSeq and limit"),
                bad("history with neither toSeq nor limit", CLIENT, "{\"type\":\"history\",\"room\":\"r\",\"fromSeq\":1}",
                        INVALID_FIELD, "history", "exactly one of toSeq and limit"),
                bad("history toSeq before fromSeq", CLIENT, "{\"type\":\"history\",\"room\":\"r\",\"fromSeq\":5,\"toSeq\":4}",
                        INVALID_FIELD, "history", "toSeq must be >= fromSeq (5): 4"),
                bad("history limit zero", CLIENT, "{\"type\":\"history\",\"room\":\"r\",\"fromSeq\":5,\"limit\":0}",
                        INVALID_FIELD, "history", "limit must be >= 1: 0"),
                bad("read kind unknown", CLIENT, "{\"type\":\"read\",\"room\":\"r\",\"seq\":1,\"kind\":\"seen\"}", INVALID_FIELD,
                        "read", "kind must be one of delivered, read: \"seen\""),
                bad("read kind upper case", CLIENT, "{\"type\":\"read\",\"room\":\"r\",\"seq\":1,\"kind\":\"READ\"}",
                        INVALID_FIELD, "read", "kind must be one of delivered, read: \"READ\""),
                bad("receipt kind unknown", SERVER, "{\"type\":\"receipt\",\"room\":\"r\",\"user\":\"u\",\"kind\":\"typing\","
                        + "\"seq\":1}", INVALID_FIELD, "receipt", "kind must be one of delivered, read: \"typing\""),
                bad("error code unknown", SERVER, "{\"type\":\"error\",\"code\":\"oops\",\"message\":\"m\"}", INVALID_FIELD,
                        "error", "code must be one of", "\"oops\""),
                bad("error code as enum constant", SERVER, "{\"type\":\"error\",\"code\":\"NOT_MEMBER\",\"message\":\"m\"}",
                        INVALID_FIELD, "error", "code must be one of", "\"NOT_MEMBER\""),
                bad("welcome resume status unknown", SERVER, "{\"type\":\"welcome\",\"session\":\"s\",\"epoch\":\"e\","
                        + "\"rooms\":{},\"resume\":{\"r\":\"maybe\"}}", INVALID_FIELD, "welcome",
                        "resume.r must be one of resumed, epoch-changed, history-truncated, forbidden: \"maybe\""),
                bad("history item not an object", SERVER, "{\"type\":\"history\",\"room\":\"r\",\"messages\":[3],"
                        + "\"headSeq\":0,\"firstSeq\":1}", INVALID_FIELD, "history", "messages[0] must be a message object: NUMBER"),
                bad("history item not a message", SERVER, "{\"type\":\"history\",\"room\":\"r\",\"messages\":[{\"type\":\"ping\","
                        + "\"t\":1}],\"headSeq\":0,\"firstSeq\":1}", INVALID_FIELD, "history",
                        "messages[0] must be of type message: ping"),
                bad("history item of another room", SERVER, "{\"type\":\"history\",\"room\":\"r\",\"messages\":[{\"type\":"
                        + "\"message\",\"room\":\"q\",\"seq\":1,\"id\":\"m\",\"clientMsgId\":\"c\",\"from\":\"u\",\"body\":\"b\","
                        + "\"serverTime\":0}],\"headSeq\":1,\"firstSeq\":1}", INVALID_FIELD, "history",
                        "messages must all be of room r: q"),
                bad("history item with unknown field", SERVER, "{\"type\":\"history\",\"room\":\"r\",\"messages\":[{\"type\":"
                        + "\"message\",\"room\":\"r\",\"seq\":1,\"id\":\"m\",\"clientMsgId\":\"c\",\"from\":\"u\",\"body\":\"b\","
                        + "\"serverTime\":0,\"x\":1}],\"headSeq\":1,\"firstSeq\":1}", INVALID_FIELD, "history",
                        "messages[0]: field x is not part of a message event"),
                bad("history item without type", SERVER, "{\"type\":\"history\",\"room\":\"r\",\"messages\":[{\"room\":\"r\"}],"
                        + "\"headSeq\":1,\"firstSeq\":1}", MISSING_FIELD, "history", "messages[0]: every event needs field type"),
                bad("history item with seq zero", SERVER, "{\"type\":\"history\",\"room\":\"r\",\"messages\":[" + MSG_SEQ_1
                        + "," + MSG_SEQ_1.replace("\"seq\":1", "\"seq\":0") + "],\"headSeq\":1,\"firstSeq\":1}", INVALID_FIELD,
                        "history", "messages[1]: seq must be >= 1: 0"));
    }

    /** Frames and bodies beyond {@link #SMALL}. */
    static Stream<BadFrame> tooLarge() {
        String body17 = "b".repeat(17);
        return Stream.of(
                bad("body over the limit", CLIENT, "{\"type\":\"send\",\"room\":\"r\",\"clientMsgId\":\"c-8\",\"body\":\""
                        + body17 + "\"}", BODY_TOO_LARGE, "c-8", "body must be at most 16 characters: 17"),
                bad("message body over the limit", SERVER, "{\"type\":\"message\",\"room\":\"r\",\"seq\":1,\"id\":\"m\","
                        + "\"clientMsgId\":\"c-9\",\"from\":\"u\",\"body\":\"" + body17 + "\",\"serverTime\":0}",
                        BODY_TOO_LARGE, "c-9", "body must be at most 16 characters: 17"),
                bad("history item body over the limit", SERVER, "{\"type\":\"history\",\"room\":\"r\",\"messages\":["
                        + MSG_SEQ_1.replace("\"body\":\"b\"", "\"body\":\"" + body17 + "\"") + "],\"headSeq\":1,\"firstSeq\":1}",
                        BODY_TOO_LARGE, "history", "messages[0]: body must be at most 16 characters: 17"),
                bad("frame over the limit", CLIENT, "{\"type\":\"join\",\"room\":\"" + "r".repeat(512) + "\"}",
                        FRAME_TOO_LARGE, null, "frame must be at most 512 bytes: 537"),
                bad("frame over the limit in UTF-8 bytes, not chars", CLIENT,
                        "{\"type\":\"send\",\"room\":\"r\",\"clientMsgId\":\"c\",\"body\":\"" + "\u00e9".repeat(250) + "\"}",
                        FRAME_TOO_LARGE, null, "frame must be at most 512 bytes: 554"),
                bad("huge frame of garbage", SERVER, "x".repeat(100_000), FRAME_TOO_LARGE, null,
                        "frame must be at most 512 bytes: 100000"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"notAnObject", "notAnEvent", "badFields", "tooLarge"})
    void shouldRejectWithCodeMessageAndRef(BadFrame bad) {
        assertRejected(bad.sender().decode(codec, bad.frame()), bad);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"notAnObject", "notAnEvent", "badFields", "tooLarge"})
    void shouldRejectTheSameWayFromUtf8Bytes(BadFrame bad) {
        assertRejected(bad.sender().decodeBytes(codec, bad.frame()), bad);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"notAnObject", "notAnEvent", "badFields", "tooLarge"})
    void shouldTurnEveryRejectionIntoAnErrorEventClientsCanDecode(BadFrame bad) {
        Decoded<? extends Event> decoded = bad.sender().decode(codec, bad.frame());
        assertThat(decoded).isInstanceOf(Decoded.Rejected.class);
        ErrorEvent error = ((Decoded.Rejected<? extends Event>) decoded).toErrorEvent();
        assertThat(new EventCodec().decodeServer(new EventCodec().encode(error))).isEqualTo(new Decoded.Ok<>(error));
    }

    static void assertRejected(Decoded<? extends Event> decoded, BadFrame bad) {
        assertThat(decoded).as("%s", bad).isInstanceOf(Decoded.Rejected.class);
        Decoded.Rejected<? extends Event> rejected = (Decoded.Rejected<? extends Event>) decoded;
        assertThat(rejected.code()).as("code of %s: %s", bad, rejected.message()).isEqualTo(bad.code());
        assertThat(rejected.message()).as("message of %s", bad).contains(bad.mentions());
        assertThat(rejected.ref()).as("ref of %s", bad).isEqualTo(bad.ref());
    }

    @Test
    void shouldWordADuplicateKeyAlikeAtEveryDepth() {
        EventCodec codec = new EventCodec();
        Decoded<ClientEvent> top = codec.decodeClient("{\"type\":\"join\",\"room\":\"a\",\"room\":\"b\"}");
        Decoded<ClientEvent> nested = codec.decodeClient(
                "{\"type\":\"hello\",\"user\":\"u\",\"token\":\"t\",\"version\":1,\"resume\":{\"r\":1,\"r\":2}}");
        assertThat(top).isEqualTo(new Decoded.Rejected<>(MALFORMED_JSON, "frame is not valid JSON: Duplicate field 'room'", null));
        assertThat(nested).isEqualTo(new Decoded.Rejected<>(MALFORMED_JSON, "frame is not valid JSON: Duplicate field 'r'", null));
    }

    @Test
    void shouldFindADuplicateKeyAfterANestedObjectOfTensOfThousandsOfNames() {
        // Past about 49,000 names the parser's symbol table stops interning them, so the names
        // after such an object are new strings: the duplicate must be found by content.
        EventCodec roomy = new EventCodec(new CodecLimits(8 * 1024 * 1024, 4096, 100_000));
        StringBuilder frame = new StringBuilder("{\"type\":\"join\",\"junk\":{");
        for (int i = 0; i < 60_000; i++) {
            frame.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":0");
        }
        frame.append("},\"room\":\"a\",\"room\":\"b\"}");
        assertThat(roomy.decodeClient(frame.toString()))
                .isEqualTo(new Decoded.Rejected<>(MALFORMED_JSON, "frame is not valid JSON: Duplicate field 'room'", null));
    }
}
