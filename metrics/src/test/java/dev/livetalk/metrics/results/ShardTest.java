package dev.livetalk.metrics.results;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardTest {
    @Test
    void parsesKOverN() {
        assertThat(Shard.parse("2/4")).isEqualTo(new Shard(2, 4));
        assertThat(Shard.parse(" 1 / 1 ")).isEqualTo(Shard.WHOLE);
        assertThat(Shard.parse("3/4").toString()).isEqualTo("3/4");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2", "a/4", "2/b", "2/4/1", "1.5/4"})
    void refusesWhatIsNotKOverN(String text) {
        assertThatThrownBy(() -> Shard.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("K/N").hasMessageContaining("'" + text.trim() + "'");
    }

    @Test
    void refusesAZeroBasedIndexAndSaysHowToWriteKubernetesIndex() {
        assertThatThrownBy(() -> Shard.parse("0/4")).hasMessageContaining("1..4")
                .hasMessageContaining("JOB_COMPLETION_INDEX + 1");
        assertThatThrownBy(() -> Shard.parse("5/4")).hasMessageContaining("5/4");
        assertThatThrownBy(() -> Shard.parse("1/0")).hasMessageContaining("at least 1");
    }

    @Test
    void everyUnitBelongsToExactlyOneShardRoundRobin() {
        int n = 4;
        LongStream.range(0, 1000).forEach(unit -> assertThat(IntStream.rangeClosed(1, n)
                .filter(k -> new Shard(k, n).owns(unit)).count()).isEqualTo(1));
        assertThat(new Shard(1, 4).owns(0)).isTrue();
        assertThat(new Shard(2, 4).owns(5)).isTrue();
        assertThat(Shard.WHOLE.owns(12345)).isTrue();
    }

    @Test
    void sharesAddUpToTheWholeAndDifferByAtMostOne() {
        for (long units : new long[] {0, 1, 3, 4, 7, 100_000}) {
            long sum = IntStream.rangeClosed(1, 4).mapToLong(k -> new Shard(k, 4).share(units)).sum();
            assertThat(sum).isEqualTo(units);
            for (int k = 1; k <= 4; k++) {
                Shard shard = new Shard(k, 4);
                assertThat(shard.share(units)).isEqualTo(LongStream.range(0, units).filter(shard::owns).count());
            }
        }
    }
}
