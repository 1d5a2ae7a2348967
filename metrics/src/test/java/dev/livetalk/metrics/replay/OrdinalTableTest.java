package dev.livetalk.metrics.replay;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link OrdinalTable} against a {@link HashMap} of lists of the same strings fed the same puts. */
class OrdinalTableTest {
    private static final long SEED = 20_261_206L;

    @Test
    void shouldAnswerAsAMapOfTheKeysStringsForEveryArity() {
        for (int arity = 1; arity <= 3; arity++) {
            Random random = new Random(SEED + arity);
            OrdinalTable table = new OrdinalTable(arity);
            Map<List<String>, Integer> model = new HashMap<>();
            for (int i = 0; i < 5_000; i++) {
                String[] key = key(random, arity);
                int ordinal = random.nextInt(1_000_000);
                boolean replace = random.nextBoolean();
                Integer before = model.get(Arrays.asList(key));
                assertThat(table.put(key[0], key[1], key[2], ordinal, replace))
                        .isEqualTo(before == null ? OrdinalTable.NONE : before);
                if (replace || before == null) {
                    model.put(Arrays.asList(key), ordinal);
                }
                String[] asked = key(random, arity);
                Integer expected = model.get(Arrays.asList(asked));
                assertThat(table.get(asked[0], asked[1], asked[2]))
                        .isEqualTo(expected == null ? OrdinalTable.NONE : expected);
            }
            assertThat(table.size()).isEqualTo(model.size());
            model.forEach((key, ordinal) -> assertThat(table.get(key.get(0), key.get(1), key.get(2)))
                    .isEqualTo(ordinal));
        }
    }

    @Test
    void shouldTellKeysApartByEveryStringAndByNull() {
        OrdinalTable table = new OrdinalTable(3);
        table.put("room-1", "user-1", "c-1", 0, false);
        table.put("room-1", "user-1", null, 1, false);
        table.put(null, "user-1", "c-1", 2, false);
        assertThat(table.get("room-1", "user-1", "c-1")).isZero();
        assertThat(table.get("room-1", "user-1", null)).isEqualTo(1);
        assertThat(table.get(null, "user-1", "c-1")).isEqualTo(2);
        assertThat(table.get("room-2", "user-1", "c-1")).isEqualTo(OrdinalTable.NONE);
        assertThat(table.get("room-1", "user-2", "c-1")).isEqualTo(OrdinalTable.NONE);
        assertThat(table.get("room-1", "user-1", "c-2")).isEqualTo(OrdinalTable.NONE);
        assertThat(new OrdinalTable(1).get("room-1")).isEqualTo(OrdinalTable.NONE);
    }

    @Test
    void shouldTellApartKeysOfOneHashCodeThroughManyGrowths() {
        List<String> same = sameHashCode(10); // 1,024 strings of one hash code
        for (int arity = 1; arity <= 3; arity++) {
            OrdinalTable table = new OrdinalTable(arity);
            Map<List<String>, Integer> model = new HashMap<>();
            for (int i = 0; i < same.size(); i++) {
                // the other strings also of that hash code, or null: every key lands on one chain of slots
                String[] key = {same.get(i), arity > 1 ? same.get(i % 7) : null,
                        arity > 2 ? (i % 5 == 0 ? null : same.get(i % 3)) : null};
                assertThat(table.put(key[0], key[1], key[2], i, false)).isEqualTo(OrdinalTable.NONE);
                model.put(Arrays.asList(key), i);
            }
            assertThat(table.size()).isEqualTo(same.size());
            model.forEach((key, ordinal) -> assertThat(table.get(key.get(0), key.get(1), key.get(2)))
                    .isEqualTo(ordinal));
            String[] other = {"x" + same.get(0), arity > 1 ? same.get(0) : null, null};
            assertThat(table.get(other[0], other[1], other[2])).isEqualTo(OrdinalTable.NONE);
        }
    }

    /** The {@code 2^blocks} strings of {@code blocks} blocks, each "Aa" or "BB" (two of one hash code): all of one hash code. */
    private static List<String> sameHashCode(int blocks) {
        List<String> strings = new ArrayList<>();
        for (int m = 0; m < 1 << blocks; m++) {
            StringBuilder s = new StringBuilder();
            for (int b = 0; b < blocks; b++) {
                s.append((m >> b & 1) == 0 ? "Aa" : "BB");
            }
            strings.add(s.toString());
        }
        return strings;
    }

    @Test
    void shouldRefuseAnArityOrAnOrdinalOutOfRange() {
        assertThatThrownBy(() -> new OrdinalTable(0)).hasMessage("a key has 1 to 3 strings: 0");
        assertThatThrownBy(() -> new OrdinalTable(4)).hasMessage("a key has 1 to 3 strings: 4");
        assertThatThrownBy(() -> new OrdinalTable(1).put("a", null, null, -1, false))
                .hasMessage("an ordinal is >= 0: -1");
    }

    /** A key of {@code arity} strings drawn from few values (so keys repeat), sometimes null; the unused ones null. */
    private static String[] key(Random random, int arity) {
        String[] key = new String[3];
        for (int i = 0; i < arity; i++) {
            int n = random.nextInt(40);
            key[i] = n == 0 ? null : "s-" + n;
        }
        return key;
    }
}
