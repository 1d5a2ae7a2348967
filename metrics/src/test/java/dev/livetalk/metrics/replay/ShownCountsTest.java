package dev.livetalk.metrics.replay;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A member's counts of the lines it displays now, a byte a message and the rare large or negative count apart. */
class ShownCountsTest {

    @Test
    void shouldCountAsAnIntPerMessageWouldPastAByteAndBelowZero() {
        MessageIndex index = TwoRooms.index();
        List<LogicalMessage> lobby = TwoRooms.ofRoom(index, "lobby");
        Random random = new Random(20261207L);
        for (int round = 0; round < 50; round++) {
            ShownCounts counts = new ShownCounts(index, "lobby");
            int[] oracle = new int[lobby.size()];
            for (int step = 0; step < 3_000; step++) {
                int m = random.nextInt(lobby.size());
                // mostly ones and minus ones, now and then a jump past a byte's range or below zero
                int delta = random.nextInt(20) == 0 ? random.nextInt(600) - 300 : random.nextBoolean() ? 1 : -1;
                oracle[m] += delta;
                assertThat(counts.add(lobby.get(m), delta)).as("round " + round + " step " + step).isEqualTo(oracle[m]);
                int probe = random.nextInt(lobby.size());
                assertThat(counts.of(lobby.get(probe))).isEqualTo(oracle[probe]);
            }
        }
    }

    @Test
    void shouldRefuseAMessageOfAnotherRoom() {
        MessageIndex index = TwoRooms.index();
        ShownCounts counts = new ShownCounts(index, "lobby");
        LogicalMessage side = TwoRooms.ofRoom(index, "side").get(0);
        assertThatThrownBy(() -> counts.add(side, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not one of room lobby");
    }
}
