package dev.livetalk.metrics.correctness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps the first few examples of each kind in the order of the run: an example is offered at
 * a position ({@link #at}: the check, the client's place in the trace, then what orders it within
 * the client), and among the examples of one position in the order they are offered. The rooms
 * of a run may be checked one at a time in any order: the first few of each kind are the same.
 *
 * <p>Single thread.
 */
final class Examples {
    /** The checks in the order their examples come. */
    static final int FINAL_TRANSCRIPTS = 0;
    static final int MARKERS = 1;
    static final int SENDS = 2;

    private static final Comparator<long[]> ORDER = Arrays::compare;

    private final int perKind;
    private final Map<ExampleKind, TreeMap<long[], Example>> kept = new EnumMap<>(ExampleKind.class);
    private long[] position = {0};
    private long offered;

    Examples(int perKind) {
        this.perKind = perKind;
    }

    /** How many examples of each kind are kept. */
    int perKind() {
        return perKind;
    }

    /** Where the examples offered next stand in the run's order: compared element by element. */
    void at(long... position) {
        this.position = position;
    }

    void offer(Example example) {
        TreeMap<long[], Example> ofKind = kept.computeIfAbsent(example.kind(), k -> new TreeMap<>(ORDER));
        long[] key = Arrays.copyOf(position, position.length + 1);
        key[position.length] = offered++;
        if (ofKind.size() < perKind) {
            ofKind.put(key, example);
        } else if (ORDER.compare(key, ofKind.lastKey()) < 0) {
            ofKind.pollLastEntry();
            ofKind.put(key, example);
        }
    }

    List<Example> list() {
        TreeMap<long[], Example> all = new TreeMap<>(ORDER);
        kept.values().forEach(all::putAll);
        return List.copyOf(new ArrayList<>(all.values()));
    }
}
