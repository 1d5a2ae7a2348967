package dev.livetalk.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Map;

/**
 * The fields of one event object, flat, in the order they came: strings and integers as the
 * parser gave them, anything else (a float, a nested object or array) as a tree. Events are
 * flat, so every frame of a run is read into one of these rather than into an
 * {@link ObjectNode}: no map entry and no value node per field. Each field remembers whether
 * a reader asked for it, so the fields an event does not define can be named.
 *
 * <p>Not thread-safe; one per frame.
 */
final class FrameObject {
    private static final byte STRING = 0;
    private static final byte LONG = 1;
    /** An integer beyond 64 bits. */
    private static final byte BIG = 2;
    private static final byte TRUE = 3;
    private static final byte FALSE = 4;
    private static final byte NULL = 5;
    /** A float, an object or an array. */
    private static final byte NODE = 6;

    private String[] names = new String[10];
    /** String, BigInteger or JsonNode by kind; null for the others. */
    private Object[] values = new Object[10];
    private long[] longs = new long[10];
    private byte[] kinds = new byte[10];
    private boolean[] asked = new boolean[10];
    private int size;

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
        return add(name, STRING, value, 0);
    }

    boolean addLong(String name, long value) {
        return add(name, LONG, null, value);
    }

    boolean addBig(String name, BigInteger value) {
        return add(name, BIG, value, 0);
    }

    boolean addBoolean(String name, boolean value) {
        return add(name, value ? TRUE : FALSE, null, 0);
    }

    boolean addNull(String name) {
        return add(name, NULL, null, 0);
    }

    boolean addNode(String name, JsonNode value) {
        return add(name, NODE, value, 0);
    }

    private boolean add(String name, byte kind, Object value, long number) {
        if (indexOf(name) >= 0) {
            return false;
        }
        if (size == names.length) {
            int capacity = size * 2;
            names = Arrays.copyOf(names, capacity);
            values = Arrays.copyOf(values, capacity);
            longs = Arrays.copyOf(longs, capacity);
            kinds = Arrays.copyOf(kinds, capacity);
            asked = Arrays.copyOf(asked, capacity);
        }
        names[size] = name;
        values[size] = value;
        longs[size] = number;
        kinds[size] = kind;
        size++;
        return true;
    }

    /**
     * The index of field {@code name}, marking it asked for; -1 when absent. Names the parser
     * gives are canonical, so identity usually decides.
     */
    int ask(String name) {
        int index = indexOf(name);
        if (index >= 0) {
            asked[index] = true;
        }
        return index;
    }

    private int indexOf(String name) {
        for (int i = 0; i < size; i++) {
            if (names[i] == name) {
                return i;
            }
        }
        for (int i = 0; i < size; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The first field no reader asked for, or {@code null}. */
    String firstNotAsked() {
        for (int i = 0; i < size; i++) {
            if (!asked[i]) {
                return names[i];
            }
        }
        return null;
    }

    boolean isNull(int index) {
        return kinds[index] == NULL;
    }

    boolean isString(int index) {
        return kinds[index] == STRING;
    }

    boolean isLong(int index) {
        return kinds[index] == LONG;
    }

    String string(int index) {
        return (String) values[index];
    }

    long longValue(int index) {
        return longs[index];
    }

    /** A nested object or array, or {@code null} when the field is not one. */
    JsonNode node(int index) {
        return kinds[index] == NODE ? (JsonNode) values[index] : null;
    }

    /** The string field {@code name} without marking it asked, or {@code null}. */
    String peekString(String name) {
        int index = indexOf(name);
        return index >= 0 && kinds[index] == STRING ? (String) values[index] : null;
    }

    /** The field's value as JSON text, as error messages quote it. */
    String render(int index) {
        return switch (kinds[index]) {
            case STRING -> TextNode.valueOf((String) values[index]).toString();
            case LONG -> Long.toString(longs[index]);
            case BIG -> values[index].toString();
            case TRUE -> "true";
            case FALSE -> "false";
            case NULL -> "null";
            default -> values[index].toString();
        };
    }
}
