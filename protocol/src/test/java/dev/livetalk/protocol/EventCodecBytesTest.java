package dev.livetalk.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The raw-bytes path: UTF-8 validation and the frame limit before any decoding. */
class EventCodecBytesTest {
    private final EventCodec codec = new EventCodec(EventCodecRejectionTest.SMALL);

    /** A join frame whose room string holds {@code inside} as raw bytes. */
    private static byte[] joinWithRawBytes(int... inside) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("{\"type\":\"join\",\"room\":\"".getBytes(StandardCharsets.US_ASCII));
        for (int b : inside) {
            out.write(b);
        }
        out.writeBytes("\"}".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    static Stream<Arguments> invalidUtf8() {
        return Stream.of(
                Arguments.of("lone continuation byte", joinWithRawBytes(0x80)),
                Arguments.of("two-byte lead without continuation", joinWithRawBytes(0xC3, 0x28)),
                Arguments.of("overlong slash", joinWithRawBytes(0xC0, 0xAF)),
                Arguments.of("encoded surrogate (CESU-8)", joinWithRawBytes(0xED, 0xA0, 0x80)),
                Arguments.of("beyond U+10FFFF", joinWithRawBytes(0xF4, 0x90, 0x80, 0x80)),
                Arguments.of("byte 0xFF", joinWithRawBytes(0xFF)),
                Arguments.of("truncated three-byte sequence at the end",
                        new byte[] {'{', '"', 't', '"', ':', '"', (byte) 0xE2, (byte) 0x82}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidUtf8")
    void shouldRejectInvalidUtf8FromEitherSide(String name, byte[] frame) {
        for (Sender sender : Sender.values()) {
            Decoded<? extends Event> decoded = sender.decode(codec, frame);
            assertThat(decoded).as("%s from %s", name, sender).isInstanceOf(Decoded.Rejected.class);
            Decoded.Rejected<? extends Event> rejected = (Decoded.Rejected<? extends Event>) decoded;
            assertThat(rejected.code()).as(rejected.message()).isEqualTo(ErrorCode.INVALID_UTF8);
            assertThat(rejected.message()).contains("frame must be valid UTF-8", "byte");
            assertThat(rejected.ref()).isNull();
        }
    }

    @Test
    void shouldNameTheOffsetAndValueOfTheFirstBadByte() {
        Decoded<ClientEvent> decoded = codec.decodeClient(ByteBuffer.wrap(joinWithRawBytes('o', 'k', 0xC3, 0x28)));
        assertThat(decoded).isEqualTo(new Decoded.Rejected<>(ErrorCode.INVALID_UTF8,
                "frame must be valid UTF-8: malformed byte 0xC3 at byte 25", null));
    }

    @Test
    void shouldAcceptMultiByteCharactersAndSupplementaryCodePoints() {
        String frame = "{\"type\":\"send\",\"room\":\"r\",\"clientMsgId\":\"c\",\"body\":\"\u00e9\u20ac\uD83D\uDE00\"}";
        assertThat(codec.decodeClient(ByteBuffer.wrap(frame.getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(new Decoded.Ok<>(new Send("r", "c", "\u00e9\u20ac\uD83D\uDE00", null)));
    }

    @Test
    void shouldRejectAnOversizedBufferBeforeLookingAtItsBytes() {
        byte[] frame = new byte[513];
        java.util.Arrays.fill(frame, (byte) 0xFF);
        for (Sender sender : Sender.values()) {
            assertThat(sender.decode(codec, frame)).isEqualTo(new Decoded.Rejected<>(ErrorCode.FRAME_TOO_LARGE,
                    "frame must be at most 512 bytes: 513", null));
        }
    }

    @Test
    void shouldAcceptAFrameOfExactlyTheLimit() {
        String prefix = "{\"type\":\"ping\",\"t\":1";
        String frame = prefix + " ".repeat(512 - prefix.length() - 1) + "}";
        assertThat(frame.length()).isEqualTo(512);
        assertThat(codec.decodeClient(ByteBuffer.wrap(frame.getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(new Decoded.Ok<>(new Ping(1)));
        assertThat(codec.decodeClient(frame)).isEqualTo(new Decoded.Ok<>(new Ping(1)));
        assertThat(codec.decodeClient(frame + " ")).isInstanceOf(Decoded.Rejected.class);
    }

    @Test
    void shouldReadOnlyTheRemainingBytesAndLeaveTheBufferAsItWas() {
        byte[] bytes = "garbage{\"type\":\"join\",\"room\":\"r\"}".getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        buffer.position(7);

        assertThat(codec.decodeClient(buffer)).isEqualTo(new Decoded.Ok<>(new Join("r")));
        assertThat(buffer.position()).isEqualTo(7);
        assertThat(buffer.remaining()).isEqualTo(bytes.length - 7);
    }

    @Test
    void shouldDecodeFromADirectBuffer() {
        byte[] bytes = "{\"type\":\"pong\",\"t\":5}".getBytes(StandardCharsets.UTF_8);
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        assertThat(codec.decodeServer(direct)).isEqualTo(new Decoded.Ok<>(new Pong(5)));
    }
}
