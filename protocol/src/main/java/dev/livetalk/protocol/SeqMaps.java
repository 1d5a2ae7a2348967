package dev.livetalk.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Validated, immutable, insertion-ordered copies of room-to-seq maps. */
final class SeqMaps {
    private SeqMaps() {
    }

    static Map<String, Long> copy(String field, Map<String, Long> rooms) {
        if (rooms == null || rooms.isEmpty()) {
            return Map.of();
        }
        Map<String, Long> copy = new LinkedHashMap<>();
        rooms.forEach((room, seq) -> {
            Names.room(field + " room", room);
            Names.seq(field + "." + room, Names.requireNonNull(field + "." + room, seq));
            copy.put(room, seq);
        });
        return Collections.unmodifiableMap(copy);
    }

    static <V> Map<String, V> copyOf(String field, Map<String, V> rooms) {
        if (rooms == null || rooms.isEmpty()) {
            return Map.of();
        }
        Map<String, V> copy = new LinkedHashMap<>();
        rooms.forEach((room, value) -> copy.put(Names.room(field + " room", room),
                Names.requireNonNull(field + "." + room, value)));
        return Collections.unmodifiableMap(copy);
    }
}
