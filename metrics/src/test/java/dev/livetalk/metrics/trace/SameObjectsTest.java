package dev.livetalk.metrics.trace;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link SameObjects} against a {@link HashMap} of each value to itself fed the same values. */
class SameObjectsTest {
    private static final long SEED = 20_261_206L;

    @Test
    void shouldAnswerTheFirstOfEqualValuesAsAMapOfEachToItselfWould() {
        Random random = new Random(SEED);
        SameObjects<String> same = new SameObjects<>();
        Map<String, String> model = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            String value = new String("text-" + random.nextInt(3_000)); // a new object each time
            String first = model.putIfAbsent(value, value);
            assertThat(same.same(value)).isSameAs(first != null ? first : value);
        }
        assertThat(same.size()).isEqualTo(model.size());
        model.values().forEach(first -> assertThat(same.same(new String(first))).isSameAs(first));
    }

    @Test
    void shouldKeepTheFirstOfEachValueWhenEveryValueHasOneHashCode() {
        SameObjects<String> same = new SameObjects<>();
        List<String> firsts = new ArrayList<>();
        for (int m = 0; m < 1 << 10; m++) { // 1,024 strings of blocks "Aa" or "BB": one hash code
            StringBuilder s = new StringBuilder();
            for (int b = 0; b < 10; b++) {
                s.append((m >> b & 1) == 0 ? "Aa" : "BB");
            }
            firsts.add(same.same(s.toString()));
        }
        assertThat(new HashSet<>(firsts.stream().map(String::hashCode).toList())).hasSize(1);
        assertThat(same.size()).isEqualTo(firsts.size());
        firsts.forEach(first -> assertThat(same.same(new String(first))).isSameAs(first));
    }

    @Test
    void shouldRefuseNull() {
        assertThatThrownBy(() -> new SameObjects<String>().same(null)).hasMessage("a value to share is not null");
    }
}
