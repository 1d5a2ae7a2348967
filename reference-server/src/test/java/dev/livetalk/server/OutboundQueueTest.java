package dev.livetalk.server;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class OutboundQueueTest {

    @Test
    void shouldCountUtf8BytesAsTheEncoderDoes() {
        SplittableRandom random = new SplittableRandom(16);
        char[] alphabet = {'a', '"', '\u00e9', '\u07ff', '\u0800', '\u20ac', '\ud83d', '\ude00', '\uffff'};
        for (int round = 0; round < 2_000; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(40);
            for (int i = 0; i < length; i++) {
                text.append(alphabet[random.nextInt(alphabet.length)]);
            }
            String sample = text.toString();
            assertThat(OutboundQueue.utf8Length(sample)).as("UTF-8 length of %s", sample)
                    .isEqualTo(sample.getBytes(StandardCharsets.UTF_8).length);
        }
    }
}
