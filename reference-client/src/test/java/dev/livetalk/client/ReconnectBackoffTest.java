package dev.livetalk.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {
    private static final long SEED = 11;

    @Test
    void shouldDoubleTheCeilingUpToTheCap() {
        ReconnectBackoff backoff = new ReconnectBackoff(100, 1000, new SplittableRandom(SEED));

        assertThat(LongStream.range(0, 6).map(n -> backoff.ceiling((int) n)).toArray())
                .containsExactly(100, 200, 400, 800, 1000, 1000);
        assertThat(backoff.ceiling(200)).isEqualTo(1000);
    }

    @Test
    void shouldDrawEveryWaitWithinItsCeilingAndRepeatForTheSameSeed() {
        ReconnectBackoff first = new ReconnectBackoff(100, 1000, new SplittableRandom(SEED));
        ReconnectBackoff again = new ReconnectBackoff(100, 1000, new SplittableRandom(SEED));

        for (int n = 0; n < 1000; n++) {
            long ceiling = first.ceiling(n);
            long wait = first.nextDelay();
            assertThat(wait).as("wait %d, seed %d", n, SEED).isBetween(0L, ceiling).isEqualTo(again.nextDelay());
        }
    }

    @Test
    void shouldStartOverAfterASuccess() {
        ReconnectBackoff backoff = new ReconnectBackoff(100, 1000, new SplittableRandom(SEED));
        for (int n = 0; n < 10; n++) {
            backoff.nextDelay();
        }

        backoff.reset();

        for (int n = 0; n < 100; n++) {
            backoff.reset();
            assertThat(backoff.nextDelay()).isBetween(0L, 100L);
        }
    }
}
