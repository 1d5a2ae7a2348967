package dev.livetalk.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A {@link FrameStream} gives the codec's result for every frame, whatever came before it on
 * the same stream: its parser and generator outlive frames, so a frame must not see what the
 * last one left behind. The seed is in every assertion message; rerun one with
 * {@code -Dlivetalk.fuzz.seed=N}.
 */
class FrameStreamTest {
    private static final long SEED = Long.getLong("livetalk.fuzz.seed", 0x5EA_F00DL);

    private final EventCodec codec = new EventCodec(EventCodecRejectionTest.SMALL);
    private final FrameStream stream = codec.stream();

    @Test
    void shouldDecodeAndEncodeEveryExampleAsTheCodecDoes() {
        for (int pass = 0; pass < 3; pass++) {   // the second and third pass run on a used parser and generator
            for (ExampleFrames.Example example : ExampleFrames.all()) {
                Decoded<? extends Event> decoded = decode(example.sender(), example.frame());
                assertThat(decoded).as(example.toString()).isEqualTo(example.sender().decode(codec, example.frame()));
                if (decoded instanceof Decoded.Ok<? extends Event> ok) {
                    assertThat(stream.encode(ok.event())).as(example.toString()).isEqualTo(codec.encode(ok.event()));
                }
            }
        }
    }

    @Test
    void shouldDecodeMutatedFramesAsTheCodecDoesOneAfterAnother() {
        Random random = new Random(SEED);
        List<ExampleFrames.Example> examples = ExampleFrames.all();
        int ok = 0;
        int rejected = 0;
        for (int round = 0; round < 20_000; round++) {
            ExampleFrames.Example example = examples.get(random.nextInt(examples.size()));
            String frame = example.frame();
            // a third of the frames go through unchanged, so valid frames follow broken ones
            int mutations = random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(4);
            for (int i = 0; i < mutations; i++) {
                frame = EventCodecFuzzTest.mutate(frame, random);
            }
            Decoded<? extends Event> expected = example.sender().decode(codec, frame);
            assertThat(decode(example.sender(), frame)).as("seed %d round %d frame %s", SEED, round, frame).isEqualTo(expected);
            if (expected instanceof Decoded.Ok<? extends Event> decoded) {
                ok++;
                assertThat(stream.encode(decoded.event())).as("seed %d round %d", SEED, round).isEqualTo(codec.encode(decoded.event()));
            } else {
                rejected++;
            }
        }
        assertThat(ok).as("seed %d: valid frames", SEED).isGreaterThan(5_000);
        assertThat(rejected).as("seed %d: rejected frames", SEED).isGreaterThan(5_000);
    }

    @Test
    void shouldLeaveNothingOfOneFrameToTheNext() {
        String ping = "{\"type\":\"ping\",\"t\":5}";
        List<String> frames = List.of(
                ping + "}",                               // a stray end
                ping + ping,                              // two objects in one frame
                "{\"type\":\"ping\",\"t\":5",             // cut short
                "{\"type\":\"ping\",\"x\":{}",            // cut short, ending as an object does: the parser reaches the end
                " " + ping, ping + "\n",                  // whitespace around one object: valid, through the codec
                "{\"type\":\"ping\",\"t\":5,\"t\":6}",    // a duplicate field
                "{\"type\":\"ping\",\"t\":\"x\"}",        // a rule broken after a clean parse
                "{}", "{\"type\":\"ping\",\"t\":5,\"x\":{\"a\":[1,{\"b\":2}]}}",
                "{\"type\":\"ping\",\"t\":" + "1".repeat(40) + "}",
                "{\"type\":\"ping\",\"t\":5,\"pad\":\"" + "x".repeat(600) + "\"}");   // beyond the limit
        for (String frame : frames) {
            assertThat(stream.decodeClient(frame)).as(frame).isEqualTo(codec.decodeClient(frame));
            assertThat(stream.decodeClient(ping)).as("a ping after " + frame).isEqualTo(new Decoded.Ok<>(new Ping(5)));
        }
    }

    @Test
    void shouldLeaveNoFieldOfAWideFrameToTheNext() {
        EventCodec wide = new EventCodec(new CodecLimits(65_536, 100));
        FrameStream wideStream = wide.stream();
        String ping = "{\"type\":\"ping\",\"t\":5}";
        StringBuilder many = new StringBuilder("{\"type\":\"ping\",\"t\":7");
        for (int i = 0; i < 60; i++) {   // past the slots the reused object keeps, and past its name set's threshold
            many.append(",\"f").append(i).append("\":").append(i % 2 == 0 ? String.valueOf(i) : "\"v" + i + "\"");
        }
        List<String> frames = List.of(
                many + "}",                                         // unknown fields: rejected, naming the first
                many + ",\"f59\":1}",                              // a duplicate among many fields
                "{\"t\":6,\"type\":\"ping\"}",                     // the same names in another order
                "{\"type\":\"ping\",\"t\":" + Long.MAX_VALUE + "}",
                "{\"type\":\"ping\",\"t\":-1}");
        for (String frame : frames) {
            assertThat(wideStream.decodeClient(frame)).as(frame).isEqualTo(wide.decodeClient(frame));
            assertThat(wideStream.decodeClient(ping)).as("a ping after " + frame).isEqualTo(new Decoded.Ok<>(new Ping(5)));
        }
        assertThat(wideStream.parsersMade()).as("a new parser only after the duplicate, which ends the one reading it")
                .isEqualTo(2);
    }

    @Test
    void shouldKeepItsParserWhileFramesAreOneObjectEach() {
        String ping = "{\"type\":\"ping\",\"t\":5}";
        for (int i = 0; i < 100; i++) {
            stream.decodeClient(ping);
            stream.decodeClient(" " + ping);   // not for the reused parser: no harm to it
        }
        assertThat(stream.parsersMade()).isEqualTo(1);
        // cut short, though it ends as an object does: the parser reaches the end of its input
        assertThat(stream.decodeClient("{\"type\":\"ping\",\"x\":{}")).isInstanceOf(Decoded.Rejected.class);
        for (int i = 0; i < 100; i++) {
            assertThat(stream.decodeClient(ping)).isEqualTo(new Decoded.Ok<>(new Ping(5)));
        }
        assertThat(stream.parsersMade()).as("a new parser after the one that reached the end of its input").isEqualTo(2);
    }

    /*
     * The parser reads its input in buffers of 4,000 chars (Jackson's default) from the thread's
     * buffer pool, which keeps the largest buffer given back: on a used thread the buffer may be
     * larger. So these run on a fresh thread each, where the parser gets a buffer of the default size.
     */

    @Test
    void shouldReadFramesLongerThanTheParsersBuffer() throws Exception {
        EventCodec roomy = new EventCodec();
        String body = "\u00e9t\u00e9 ".repeat(1_000);   // 4,000 chars: with the fields, beyond one buffer
        Send send = new Send("lobby", "c-1", body, null);
        String frame = roomy.encode(send);
        assertThat(frame.length()).isBetween(4_001, 8_000);
        List<Decoded<ClientEvent>> decoded = onFreshThread(() -> {
            FrameStream fresh = roomy.stream();
            List<Decoded<ClientEvent>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                assertThat(fresh.encode(send)).isEqualTo(frame);
                results.add(fresh.decodeClient(frame));
                results.add(fresh.decodeClient(frame + "{}"));   // the trailing object is in the second buffer
            }
            return results;
        });
        for (int i = 0; i < decoded.size(); i += 2) {
            assertThat(decoded.get(i)).isEqualTo(new Decoded.Ok<>(send));
            assertThat(decoded.get(i + 1)).isEqualTo(roomy.decodeClient(frame + "{}")).isInstanceOf(Decoded.Rejected.class);
        }
    }

    @Test
    void shouldRejectWhatFollowsAnObjectThatFillsTheBuffer() throws Exception {
        // An object that ends exactly where a buffer ends leaves the parser nothing buffered: only
        // the frame itself shows that more follows. Lengths around the default cover a buffer of 3,990 to 4,010.
        EventCodec roomy = new EventCodec();
        String ping = "{\"type\":\"ping\",\"t\":5}";
        for (int length = 3_990; length <= 4_010; length++) {
            String head = "{\"type\":\"ping\",\"t\":5,\"pad\":\"";
            String object = head + "x".repeat(length - head.length() - 2) + "\"}";
            String frame = object + "{}";
            Decoded<ClientEvent> decoded = onFreshThread(() -> {
                FrameStream fresh = roomy.stream();
                fresh.decodeClient(ping);   // makes the parser, with the fresh thread's default buffer
                return fresh.decodeClient(frame);
            });
            assertThat(object).hasSize(length);
            assertThat(decoded).as("an object of %d chars, then {}", length).isEqualTo(roomy.decodeClient(frame))
                    .isInstanceOf(Decoded.Rejected.class);
        }
    }

    @Test
    void shouldFindDuplicateFieldsAfterTheParserHasSeenTensOfThousandsOfNames() {
        // A parser's symbol table stops interning names past about 49,000; the stream's parser
        // lives across frames, so frames with many distinct names take it there.
        EventCodec roomy = new EventCodec();
        FrameStream longLived = roomy.stream();
        for (int frame = 0; frame < 600; frame++) {
            StringBuilder names = new StringBuilder("{\"type\":\"ping\",\"t\":5");
            for (int i = 0; i < 100; i++) {
                names.append(",\"k").append(frame * 100 + i).append("\":1");
            }
            String text = names.append('}').toString();
            assertThat(longLived.decodeClient(text)).isEqualTo(roomy.decodeClient(text));
        }
        assertThat(longLived.parsersMade()).as("one parser read all 60,000 names").isEqualTo(1);
        String duplicate = "{\"type\":\"ping\",\"t\":5,\"t\":6}";
        assertThat(longLived.decodeClient(duplicate)).isEqualTo(roomy.decodeClient(duplicate));
        assertThat(longLived.decodeClient(duplicate)).isInstanceOfSatisfying(Decoded.Rejected.class, rejected -> {
            assertThat(rejected.code()).isEqualTo(ErrorCode.MALFORMED_JSON);
            assertThat(rejected.message()).contains("Duplicate field 't'");
        });
    }

    private static <T> T onFreshThread(java.util.concurrent.Callable<T> work) throws Exception {
        java.util.concurrent.FutureTask<T> task = new java.util.concurrent.FutureTask<>(work);
        Thread thread = Thread.ofPlatform().name("frame-stream-test").start(task);
        thread.join();
        try {
            return task.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    private Decoded<? extends Event> decode(Sender sender, String frame) {
        return sender == Sender.CLIENT ? stream.decodeClient(frame) : stream.decodeServer(frame);
    }
}
