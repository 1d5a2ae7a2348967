package dev.livetalk.metrics.replay;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Blocks}' columns against lists fed the same values, at sizes around the blocks' edges. */
class BlocksTest {
    private static final long SEED = 20_261_208L;

    @Test
    void shouldHoldAndMoveWhatWasAdded() {
        int[] sizes = {0, 1, 15, 16, 17, Blocks.BLOCK - 1, Blocks.BLOCK, Blocks.BLOCK + 1, 3 * Blocks.BLOCK,
                5 * Blocks.BLOCK + 7, 40 * Blocks.BLOCK + 3};
        for (int size : sizes) {
            Random random = new Random(SEED + size);
            Blocks.Longs longs = new Blocks.Longs();
            Blocks.Ints ints = new Blocks.Ints();
            Blocks.Bytes bytes = new Blocks.Bytes();
            List<Long> longModel = new ArrayList<>();
            List<Integer> intModel = new ArrayList<>();
            List<Byte> byteModel = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                long l = random.nextLong();
                int n = random.nextInt();
                byte b = (byte) random.nextInt();
                longs.add(l);
                ints.add(n);
                bytes.add(b);
                longModel.add(l);
                intModel.add(n);
                byteModel.add(b);
                int asked = random.nextInt(i + 1);
                assertThat(longs.get(asked)).isEqualTo(longModel.get(asked));
                assertThat(ints.get(asked)).isEqualTo(intModel.get(asked));
                assertThat(bytes.get(asked)).isEqualTo(byteModel.get(asked));
            }
            assertThat(longs.size()).isEqualTo(size);
            assertThat(ints.size()).isEqualTo(size);
            assertThat(bytes.size()).isEqualTo(size);
            for (int i = 0; i < size; i++) {
                int value = random.nextInt();
                ints.set(i, value);
                intModel.set(i, value);
            }
            for (int i = 0; i < size; i++) {
                assertThat(ints.get(i)).isEqualTo(intModel.get(i));
            }
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                order.add(i);
            }
            Collections.shuffle(order, random);
            int[] placeOf = order.stream().mapToInt(Integer::intValue).toArray();
            long[] movedLongs = longs.moveTo(placeOf);
            byte[] movedBytes = bytes.moveTo(placeOf);
            assertThat(movedLongs).hasSize(size);
            assertThat(movedBytes).hasSize(size);
            for (int i = 0; i < size; i++) {
                assertThat(movedLongs[placeOf[i]]).isEqualTo(longModel.get(i));
                assertThat(movedBytes[placeOf[i]]).isEqualTo(byteModel.get(i));
            }
            assertThat(longs.size()).isZero();
            assertThat(bytes.size()).isZero();
            ints.clear();
            assertThat(ints.size()).isZero();
            int at = size;
            assertThatThrownBy(() -> ints.set(at, 0)).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }
}
