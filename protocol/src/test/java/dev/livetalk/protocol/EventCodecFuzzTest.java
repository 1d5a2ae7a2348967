package dev.livetalk.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property: random mutations of valid frames never make the codec throw; every outcome survives UTF-8 transport: an
 * event that re-encodes to itself, or a rejection with a code and a message. The seed is in
 * every assertion message; rerun one with {@code -Dlivetalk.fuzz.seed=N}.
 */
class EventCodecFuzzTest {
    private static final long SEED = Long.getLong("livetalk.fuzz.seed", 0x11_7A_1CL);
    private static final int ROUNDS = 20_000;
    private static final String[] SNIPPETS = {
        "{", "}", "[", "]", "\"", ":", ",", "null", "true", "-", "0", "1e999", "9223372036854775808",
        "\\", "\\u", "\\uD800", "\\uDC00x", "\u00e9", "\uD83D\uDE00", "\uD800", "\u0000", " ", "\"type\":\"send\"",
        "\"clientMsgId\":\"x\"", "\"seq\":", "[[[[[[[[[[[[[[[[[[[[", "{\"a\":{\"b\":{}}}", "\"room\":\"a b\"",
    };

    private final EventCodec codec = new EventCodec(EventCodecRejectionTest.SMALL);
    /** Decodes the error events a rejection turns into; their messages may exceed the small limits. */
    private final EventCodec roomy = new EventCodec();
    private final Map<String, Integer> outcomes = new TreeMap<>();

    @Test
    void shouldNeverThrowOnMutatedFrames() {
        Random random = new Random(SEED);
        List<ExampleFrames.Example> examples = ExampleFrames.all();
        for (int round = 0; round < ROUNDS; round++) {
            String frame = examples.get(random.nextInt(examples.size())).frame();
            int mutations = 1 + random.nextInt(4);
            for (int i = 0; i < mutations; i++) {
                frame = mutate(frame, random);
            }
            String context = "seed " + SEED + " round " + round + " frame " + frame;
            for (Sender sender : Sender.values()) {
                String mutated = frame;
                assertThatCode(() -> checkOutcome(sender.decode(codec, mutated), context))
                        .as(context).doesNotThrowAnyException();
            }
        }
        assertThat(outcomes).as("seed %d: the mutations must reach both outcomes and the main codes", SEED)
                .containsKeys("ok", "malformed-json", "missing-field", "invalid-field", "unknown-type");
    }

    @Test
    void shouldNeverThrowOnMutatedBytes() {
        Random random = new Random(SEED + 1);
        List<ExampleFrames.Example> examples = ExampleFrames.all();
        for (int round = 0; round < ROUNDS; round++) {
            byte[] bytes = examples.get(random.nextInt(examples.size())).frame().getBytes(StandardCharsets.UTF_8);
            int flips = 1 + random.nextInt(3);
            for (int i = 0; i < flips; i++) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            String context = "seed " + (SEED + 1) + " round " + round;
            for (Sender sender : Sender.values()) {
                byte[] mutated = bytes;
                assertThatCode(() -> checkOutcome(sender.decode(codec, mutated), context))
                        .as(context).doesNotThrowAnyException();
            }
        }
        assertThat(outcomes).as("seed %d: byte flips must reach both outcomes", SEED + 1)
                .containsKeys("ok", "invalid-utf8", "malformed-json");
    }

    private void checkOutcome(Decoded<? extends Event> decoded, String context) {
        switch (decoded) {
            case Decoded.Ok<? extends Event> ok -> {
                outcomes.merge("ok", 1, Integer::sum);
                Event event = ok.event();
                Sender sender = event instanceof ClientEvent ? Sender.CLIENT : Sender.SERVER;
                assertThat(sender.decodeBytes(codec, codec.encode(event))).as(context).isEqualTo(decoded);
            }
            case Decoded.Rejected<? extends Event> rejected -> {
                assertThat(rejected.code()).as(context).isNotNull();
                outcomes.merge(rejected.code().wireName(), 1, Integer::sum);
                assertThat(rejected.message()).as(context).isNotBlank();
                ErrorEvent error = rejected.toErrorEvent();
                assertThat(Sender.SERVER.decodeBytes(roomy, roomy.encode(error))).as(context)
                        .isEqualTo(new Decoded.Ok<>(error));
            }
        }
    }

    static String mutate(String frame, Random random) {
        int at = frame.isEmpty() ? 0 : random.nextInt(frame.length());
        int end = Math.min(frame.length(), at + 1 + random.nextInt(8));
        return switch (random.nextInt(6)) {
            case 0 -> frame.substring(0, at) + frame.substring(end);
            case 1 -> frame.substring(0, at) + SNIPPETS[random.nextInt(SNIPPETS.length)] + frame.substring(at);
            case 2 -> frame.substring(0, at) + (char) random.nextInt(0x3000) + frame.substring(end);
            case 3 -> frame.substring(0, end) + frame.substring(at, end) + frame.substring(end);
            case 4 -> frame.substring(0, at);
            default -> swapDigits(frame, random);
        };
    }

    /** Replaces the digits of one number with a random long, often out of every rule's range. */
    private static String swapDigits(String frame, Random random) {
        int colon = frame.indexOf(':', random.nextInt(Math.max(1, frame.length())));
        if (colon < 0 || colon + 1 >= frame.length() || !Character.isDigit(frame.charAt(colon + 1))) {
            return frame;
        }
        int end = colon + 1;
        while (end < frame.length() && Character.isDigit(frame.charAt(end))) {
            end++;
        }
        return frame.substring(0, colon + 1) + random.nextLong() + frame.substring(end);
    }
}
