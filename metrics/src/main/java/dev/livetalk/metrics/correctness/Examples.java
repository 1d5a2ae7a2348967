package dev.livetalk.metrics.correctness;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the first few examples of each kind, in the order they are offered.
 *
 * <p>Single thread.
 */
final class Examples {
    private final int perKind;
    private final Map<ExampleKind, Integer> kept = new EnumMap<>(ExampleKind.class);
    private final List<Example> examples = new ArrayList<>();

    Examples(int perKind) {
        this.perKind = perKind;
    }

    void offer(Example example) {
        int count = kept.getOrDefault(example.kind(), 0);
        if (count < perKind) {
            kept.put(example.kind(), count + 1);
            examples.add(example);
        }
    }

    List<Example> list() {
        return List.copyOf(examples);
    }
}
