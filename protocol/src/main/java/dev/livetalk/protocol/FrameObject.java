package dev.livetalk.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The fields of one event object, flat, in the order they came: strings and integers as the
 * parser gave them, anything else (a float, a nested object or array) as a tree. Events are
 * flat, so every frame of a run is read into one of these rather than into an
 * {@link ObjectNode}: no map entry and no value node per field. Each field remembers whether
 * a reader asked for it, so the fields an event does not define can be named.
 *
 * <p>Not thread-safe; one per frame at a time (a {@link FrameStream} {@linkplain #clear clears}
 * its one for the next frame).
 */
final class FrameObject {
    /** The value of a JSON null (absent fields are not stored). */
    private static final Object NULL = new Object();
    /** The value slot of an integer that fits a long, which is kept in {@link #longs} (no boxing). */
    private static final Object LONG = new Object();

    /** Name and value of field i at 2i and 2i+1; a value is a String, LONG, BigInteger, Boolean, NULL or JsonNode. */
    private Object[] slots = new Object[SLOTS];
    /** At i, the value of field i when its slot holds LONG; made at the first such field. */
    private long[] longs;
    private int size;
    /**
     * Bit i: a reader asked for field i. Fields beyond the 64th are never marked: no event has
     * that many, so such a frame always has an unasked field among its first 64 to be named.
     */
    private long asked;
    /** Bit (hash mod 64) of every name added. */
    private long nameBits;
    /** Every name added, once the object has {@link #INDEXED_FROM} fields; {@code null} before. */
    private Set<String> names;

    /** From this many fields on, a set of the names checks duplicates (the filter alone would scan). */
    private static final int INDEXED_FROM = 16;

    /** The slots an object starts with: 10 fields, more than most events have. */
    private static final int SLOTS = 20;

    /**
     * Empties this object for the next frame (a {@link FrameStream} reads every frame into one);
     * returns it. Its values are let go, and slots grown for a frame of many fields.
     */
    FrameObject clear() {
        if (slots.length > 4 * SLOTS) {
            slots = new Object[SLOTS];
        } else {
            Arrays.fill(slots, 0, 2 * size, null);
        }
        size = 0;
        asked = 0;
        nameBits = 0;
        names = null;
        return this;
    }

    /** The fields of a nested object (a history reply's message), the same way. */
    static FrameObject of(ObjectNode node) {
        FrameObject fields = new FrameObject();
        for (Map.Entry<String, JsonNode> property : node.properties()) {
            JsonNode value = property.getValue();
            String name = property.getKey();
            if (value.isTextual()) {
                fields.addString(name, value.textValue());
            } else if (value.isIntegralNumber() && value.canConvertToLong()) {
                fields.addLong(name, value.longValue());
            } else if (value.isIntegralNumber()) {
                fields.addBig(name, value.bigIntegerValue());
            } else if (value.isBoolean()) {
                fields.addBoolean(name, value.booleanValue());
            } else if (value.isNull()) {
                fields.addNull(name);
            } else {
                fields.addNode(name, value);
            }
        }
        return fields;
    }

    /** Adds a field; false when the object already has one of that name. */
    boolean addString(String name, String value) {
        return add(name, value);
    }

    boolean addLong(String name, long value) {
        if (!add(name, LONG)) {
            return false;
        }
        if (longs == null || longs.length < size) {
            longs = longs == null ? new long[slots.length / 2] : Arrays.copyOf(longs, slots.length / 2);
        }
        longs[size - 1] = value;
        return true;
    }

    boolean addBig(String name, BigInteger value) {
        return add(name, value);
    }

    boolean addBoolean(String name, boolean value) {
        return add(name, value);
    }

    boolean addNull(String name) {
        return add(name, NULL);
    }

    boolean addNode(String name, JsonNode value) {
        return add(name, value);
    }

    /**
     * Adds a field unless one of that name is there, in time independent of the number of
     * fields. Up to {@link #INDEXED_FROM} fields, a 64-bit filter of the names' hashes answers
     * most checks: a name whose bit is not set has no equal among the earlier ones, so only a
     * name whose bit is set is compared with them. Beyond that, a set of the names answers (a
     * frame of thousands of distinct keys would otherwise fill the filter and compare each new
     * name with every earlier one). Names from the parser are canonical and their hashes
     * cached, but not always interned: a parser's symbol table stops canonicalizing once it
     * holds about 49,000 names (a frame with a huge nested object, or a long-lived parser), so
     * identity alone would miss duplicates.
     */
    private boolean add(String name, Object value) {
        if (names != null) {
            if (!names.add(name)) {
                return false;
            }
        } else if (isListed(name)) {
            return false;
        }
        if (2 * size == slots.length) {
            slots = Arrays.copyOf(slots, slots.length * 2);
        }
        slots[2 * size] = name;
        slots[2 * size + 1] = value;
        size++;
        if (names == null && size == INDEXED_FROM) {
            names = new HashSet<>(4 * INDEXED_FROM);
            for (int i = 0; i < size; i++) {
                names.add((String) slots[2 * i]);
            }
        }
        return true;
    }

    /** Whether one of the first fields (before the set) has {@code name}; marks its bit in the filter. */
    private boolean isListed(String name) {
        long bit = 1L << name.hashCode();   // the shift takes the hash's low 6 bits
        if ((nameBits & bit) != 0) {
            for (int i = 0; i < size; i++) {
                if (slots[2 * i] == name || name.equals(slots[2 * i])) {
                    return true;
                }
            }
        }
        nameBits |= bit;
        return false;
    }

    /** The number of fields. */
    int size() {
        return size;
    }

    /**
     * The index of field {@code name}, marking it asked for; -1 when absent. Names the parser
     * gives are canonical, so identity usually decides.
     */
    int ask(String name) {
        int index = indexOf(name);
        if (index >= 0 && index < 64) {
            asked |= 1L << index;
        }
        return index;
    }

    private boolean wasAsked(int index) {
        return index < 64 && (asked & (1L << index)) != 0;
    }

    private int indexOf(String name) {
        for (int i = 0; i < size; i++) {
            if (slots[2 * i] == name) {
                return i;
            }
        }
        for (int i = 0; i < size; i++) {
            if (name.equals(slots[2 * i])) {
                return i;
            }
        }
        return -1;
    }

    /** The first field no reader asked for, or {@code null}. */
    String firstNotAsked() {
        for (int i = 0; i < size; i++) {
            if (!wasAsked(i)) {
                return (String) slots[2 * i];
            }
        }
        return null;
    }

    private Object value(int index) {
        return slots[2 * index + 1];
    }

    boolean isNull(int index) {
        return value(index) == NULL;
    }

    boolean isString(int index) {
        return value(index) instanceof String;
    }

    boolean isLong(int index) {
        return value(index) == LONG;
    }

    String string(int index) {
        return (String) value(index);
    }

    long longValue(int index) {
        if (value(index) != LONG) {
            throw new ClassCastException("field " + index + " is not an integer");
        }
        return longs[index];
    }

    /** A nested object or array (or a float), or {@code null} when the field is not one. */
    JsonNode node(int index) {
        return value(index) instanceof JsonNode node ? node : null;
    }

    /** The string field {@code name} without marking it asked, or {@code null}. */
    String peekString(String name) {
        int index = indexOf(name);
        return index >= 0 && value(index) instanceof String text ? text : null;
    }

    /** The field's value as JSON text, as error messages quote it. */
    String render(int index) {
        Object value = value(index);
        if (value == NULL) {
            return "null";
        }
        if (value == LONG) {
            return Long.toString(longs[index]);
        }
        return value instanceof String text ? TextNode.valueOf(text).toString() : value.toString();
    }
}
