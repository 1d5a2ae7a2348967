package dev.livetalk.protocol;

import org.junit.jupiter.api.Test;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The number of fields of an object is bounded while parsing, and the duplicate check stays
 * linear: a frame of thousands of distinct keys is refused at the first field too many.
 */
class EventCodecFieldLimitTest {
    private final EventCodec codec = new EventCodec();

    /** A frame of {@code keys} distinct fields, then {@code tail} (which ends the object). */
    private static String manyKeys(int keys, String tail) {
        return IntStream.range(0, keys).mapToObj(i -> "\"k" + i + "\":0,")
                .collect(Collectors.joining("", "{", tail));
    }

    @Test
    void shouldRefuseFrameOfSixThousandKeysAtTheFirstFieldBeyondTheLimit() {
        String frame = manyKeys(6_600, "\"type\":\"ping\",\"t\":1}");
        assertThat(EventCodec.utf8Length(frame)).isBetween(60_000, 64 * 1024);

        Decoded<ClientEvent> decoded = codec.decodeClient(frame);

        Decoded.Rejected<ClientEvent> rejected = (Decoded.Rejected<ClientEvent>) decoded;
        assertThat(rejected.code()).isEqualTo(ErrorCode.MALFORMED_JSON);
        assertThat(rejected.message()).startsWith("objects must have at most 1024 fields: field 1025 (\"k1024\") at character ");
        assertThat(codec.stream().decodeClient(frame)).isEqualTo(decoded);
    }

    @Test
    void shouldRefuseNestedObjectBeyondTheLimit() {
        String resume = manyKeys(1_025, "\"last\":0}").replace(",\"last\":0}", "}");
        String frame = "{\"type\":\"hello\",\"user\":\"u\",\"token\":\"t\",\"version\":1,\"resume\":" + resume + "}";

        Decoded<ClientEvent> decoded = codec.decodeClient(frame);

        assertThat(((Decoded.Rejected<ClientEvent>) decoded).message())
                .startsWith("objects must have at most 1024 fields: field 1025 (\"k1024\")");
    }

    @Test
    void shouldAcceptNestedObjectAtTheLimit() {
        String resume = manyKeys(1_024, "\"last\":0}").replace(",\"last\":0}", "}");
        String frame = "{\"type\":\"hello\",\"user\":\"u\",\"token\":\"t\",\"version\":1,\"resume\":"
                + resume.replace("\"k", "\"r") + "}";

        assertThat(codec.decodeClient(frame)).isInstanceOf(Decoded.Ok.class);
    }

    @Test
    void shouldFindDuplicateKeyAmongManyFieldsWithTheSetOfNames() {
        String frame = manyKeys(500, "\"k17\":1}");
        Decoded.Rejected<ClientEvent> rejected = (Decoded.Rejected<ClientEvent>) codec.decodeClient(frame);
        assertThat(rejected.message()).contains("Duplicate field 'k17'");

        String nested = "{\"type\":\"hello\",\"user\":\"u\",\"token\":\"t\",\"version\":1,\"resume\":"
                + manyKeys(500, "\"k499\":1}").replace("\"k", "\"r") + "}";
        assertThat(((Decoded.Rejected<ClientEvent>) codec.decodeClient(nested)).message())
                .contains("Duplicate field 'r499'");
    }

    /**
     * Reports what the refusal of the 6,600-key frame costs (no bound asserted: wall time on a
     * shared machine). Before the bound the codec read all 6,600 fields, comparing each with
     * the earlier ones.
     */
    @Test
    void shouldReportTheCostOfRefusingTheManyKeysFrame() {
        String frame = manyKeys(6_600, "\"type\":\"ping\",\"t\":1}");
        FrameStream stream = codec.stream();
        for (int i = 0; i < 200; i++) {   // warm up
            stream.decodeClient(frame);
        }
        int rounds = 500;
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            assertThat(stream.decodeClient(frame)).isInstanceOf(Decoded.Rejected.class);
        }
        long perFrame = (System.nanoTime() - start) / rounds;
        System.out.printf("refusing a %d-byte frame of 6,600 keys: %.1f us per frame (%d rounds)%n",
                frame.length(), perFrame / 1e3, rounds);
        assertThat(perFrame).isPositive();
    }
}
