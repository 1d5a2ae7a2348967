package dev.livetalk.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every event survives encode then decode unchanged, from the side that sends it. */
class EventCodecRoundTripTest {
    private static final Message PLAIN = new Message("general", 1, "m-1", "c-1", "bob", "hi", null, 1000);
    private static final Message REPLY =
            new Message("general", 2, "m-2", "c-2", "alice@example.org", "re: \"hi\"\n\u00e9\uD83D\uDE00", "m-1", 2000);

    private final EventCodec codec = new EventCodec();

    static Stream<Arguments> clientEvents() {
        return Stream.of(
                new Hello("alice", "t0k3n", 1),
                new Hello("alice", "t0k3n", 1, "e-1", Map.of("general", 41L)),
                new Hello("alice", "t0k3n", 2, null, Map.of("general", 0L)),
                new Join("general"),
                new Leave("a.b_c-D9"),
                new Send("general", "c-1", "hi", null),
                new Send("general", "c-2", "", "m-1"),
                new Send("general", "c-3", "tab\tquote\" backslash\\ nul\u0000 \u2028", null),
                HistoryRequest.range("general", 1, 1),
                HistoryRequest.limited("general", Long.MAX_VALUE, Integer.MAX_VALUE),
                new Read("general", 5),
                new Read("general", 5, ReceiptKind.DELIVERED),
                new Ping(Long.MIN_VALUE),
                new Pong(Long.MAX_VALUE)).map(Arguments::of);
    }

    static Stream<Arguments> serverEvents() {
        return Stream.of(
                new Welcome("s-1", "e-1", Map.of(), Map.of()),
                new Welcome("s-1", "e-1", Map.of("general", 3L), Map.of("general", ResumeStatus.HISTORY_TRUNCATED)),
                new Joined("general", 0),
                new Ack("general", "c-1", 1, "m-1"),
                PLAIN,
                REPLY,
                new HistoryReply("general", List.of(), 0, 1),
                new HistoryReply("general", List.of(PLAIN, REPLY), 9, 1),
                new Receipt("general", "bob", ReceiptKind.DELIVERED, 3),
                new Receipt("general", "bob", ReceiptKind.READ, 3),
                new Ping(0),
                new Pong(-1),
                new ErrorEvent(ErrorCode.RATE_LIMITED, "at most 20 events/s: 21", "c-9"),
                new ErrorEvent(ErrorCode.MALFORMED_JSON, "frame is not valid JSON", null)).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clientEvents")
    void shouldDecodeWhatAClientEncodes(ClientEvent event) {
        String frame = codec.encode(event);
        assertThat(codec.decodeClient(frame)).as(frame).isEqualTo(new Decoded.Ok<>(event));
        assertThat(Sender.CLIENT.decodeBytes(codec, frame)).as(frame).isEqualTo(new Decoded.Ok<>(event));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serverEvents")
    void shouldDecodeWhatAServerEncodes(ServerEvent event) {
        String frame = codec.encode(event);
        assertThat(codec.decodeServer(frame)).as(frame).isEqualTo(new Decoded.Ok<>(event));
        assertThat(Sender.SERVER.decodeBytes(codec, frame)).as(frame).isEqualTo(new Decoded.Ok<>(event));
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void shouldCarryEveryErrorCodeByItsWireName(ErrorCode code) {
        String frame = codec.encode(new ErrorEvent(code, "why", "ref-1"));
        assertThat(frame).contains("\"code\":\"" + code.wireName() + "\"");
        assertThat(codec.decodeServer(frame)).isEqualTo(new Decoded.Ok<>(new ErrorEvent(code, "why", "ref-1")));
        assertThat(ErrorCode.fromWireName(code.wireName())).isSameAs(code);
    }

    @Test
    void shouldDecodePingAndPongFromEitherSide() {
        for (Event event : List.of(new Ping(7), new Pong(7))) {
            String frame = codec.encode(event);
            assertThat(codec.decodeClient(frame)).isEqualTo(new Decoded.Ok<>(event));
            assertThat(codec.decodeServer(frame)).isEqualTo(new Decoded.Ok<>(event));
        }
    }

    @Test
    void shouldTellHistoryRequestFromReplyByDirection() {
        String request = codec.encode(HistoryRequest.limited("general", 3, 10));
        String reply = codec.encode(new HistoryReply("general", List.of(PLAIN), 1, 1));

        assertThat(codec.decodeClient(request)).isEqualTo(new Decoded.Ok<>(HistoryRequest.limited("general", 3, 10)));
        assertThat(codec.decodeServer(reply))
                .isEqualTo(new Decoded.Ok<>(new HistoryReply("general", List.of(PLAIN), 1, 1)));
        assertThat(codec.decodeServer(request)).isInstanceOf(Decoded.Rejected.class);
        assertThat(codec.decodeClient(reply)).isInstanceOf(Decoded.Rejected.class);
    }

    @Test
    void shouldOmitAbsentOptionalFields() {
        assertThat(codec.encode(new Hello("alice", "t0k3n", 1)))
                .isEqualTo("{\"type\":\"hello\",\"user\":\"alice\",\"token\":\"t0k3n\",\"version\":1}");
        assertThat(codec.encode(new Send("general", "c-1", "hi", null)))
                .isEqualTo("{\"type\":\"send\",\"room\":\"general\",\"clientMsgId\":\"c-1\",\"body\":\"hi\"}");
        assertThat(codec.encode(PLAIN)).doesNotContain("replyTo");
        assertThat(codec.encode(new Welcome("s-1", "e-1", Map.of("general", 3L), Map.of())))
                .isEqualTo("{\"type\":\"welcome\",\"session\":\"s-1\",\"epoch\":\"e-1\",\"rooms\":{\"general\":3}}");
        assertThat(codec.encode(HistoryRequest.limited("general", 1, 5)))
                .isEqualTo("{\"type\":\"history\",\"room\":\"general\",\"fromSeq\":1,\"limit\":5}");
        assertThat(codec.encode(HistoryRequest.range("general", 1, 5)))
                .isEqualTo("{\"type\":\"history\",\"room\":\"general\",\"fromSeq\":1,\"toSeq\":5}");
        assertThat(codec.encode(new ErrorEvent(ErrorCode.ABUSE, "too many rejected frames", null)))
                .isEqualTo("{\"type\":\"error\",\"code\":\"abuse\",\"message\":\"too many rejected frames\"}");
    }

    @Test
    void shouldReadJsonNullAsAnAbsentOptionalField() {
        assertThat(codec.decodeClient("{\"type\":\"send\",\"room\":\"r\",\"clientMsgId\":\"c\",\"body\":\"b\",\"replyTo\":null}"))
                .isEqualTo(new Decoded.Ok<>(new Send("r", "c", "b", null)));
        assertThat(codec.decodeClient("{\"type\":\"hello\",\"user\":\"u\",\"token\":\"t\",\"version\":1,\"resume\":null}"))
                .isEqualTo(new Decoded.Ok<>(new Hello("u", "t", 1)));
    }

    @Test
    void shouldDefaultReadKindToReadAndAlwaysWriteIt() {
        assertThat(codec.decodeClient("{\"type\":\"read\",\"room\":\"general\",\"seq\":4}"))
                .isEqualTo(new Decoded.Ok<>(new Read("general", 4, ReceiptKind.READ)));
        assertThat(codec.encode(new Read("general", 4)))
                .isEqualTo("{\"type\":\"read\",\"room\":\"general\",\"seq\":4,\"kind\":\"read\"}");
    }

    @Test
    void shouldAcceptFieldsInAnyOrderAndInsignificantWhitespace() {
        assertThat(codec.decodeServer(" {\n\"seq\" : 3, \"id\":\"m-3\", \"clientMsgId\":\"c\", \"room\":\"r\",\t\"type\":\"ack\"}\r\n"))
                .isEqualTo(new Decoded.Ok<>(new Ack("r", "c", 3, "m-3")));
    }

    @Test
    void shouldKeepResumeAndRoomMapsInWireOrder() {
        Decoded<ServerEvent> decoded = codec.decodeServer(
                "{\"type\":\"welcome\",\"session\":\"s\",\"epoch\":\"e\",\"rooms\":{\"z\":1,\"a\":2,\"m\":3}}");
        assertThat(decoded).isInstanceOf(Decoded.Ok.class);
        Welcome welcome = (Welcome) ((Decoded.Ok<ServerEvent>) decoded).event();
        assertThat(welcome.rooms()).containsExactly(Map.entry("z", 1L), Map.entry("a", 2L), Map.entry("m", 3L));
    }
}
