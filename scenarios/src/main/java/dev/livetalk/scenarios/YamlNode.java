package dev.livetalk.scenarios;

import java.util.List;

/**
 * A YAML document as a tree that remembers where each node starts (1-based line and column),
 * so validation can point at the exact value that is wrong.
 *
 * <p>Immutable; any thread.
 */
sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {

    Mark mark();

    /** What the node is, for "expected X, found Y" errors. */
    String describe();

    /** A 1-based position in the file. */
    record Mark(int line, int column) {
    }

    /** One key of a mapping, where the key starts, and its value. */
    record Entry(String key, Mark keyMark, YamlNode value) {
    }

    record Mapping(Mark mark, List<Entry> entries) implements YamlNode {
        @Override
        public String describe() {
            return "a mapping";
        }
    }

    record Sequence(Mark mark, List<YamlNode> items) implements YamlNode {
        @Override
        public String describe() {
            return "a list";
        }
    }

    /** The scalar types YAML resolves plain values to. */
    enum ScalarType { STRING, INTEGER, DECIMAL, BOOLEAN, NULL }

    record Scalar(Mark mark, ScalarType type, String text) implements YamlNode {
        @Override
        public String describe() {
            return switch (type) {
                case STRING -> "the text '" + text + "'";
                case INTEGER, DECIMAL -> "the number " + text;
                case BOOLEAN -> "the boolean " + text;
                case NULL -> "nothing (null)";
            };
        }
    }
}
