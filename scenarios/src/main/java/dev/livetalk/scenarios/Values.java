package dev.livetalk.scenarios;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads typed values out of YAML nodes, reporting a wrong type or an impossible value at the
 * node with the value and the rule, and returning empty then.
 *
 * <p>Not thread-safe: one validation on one thread.
 */
final class Values {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    /** A whole number in plain decimal digits (YAML also reads 0x10, 0b101 and 1_000 as integers). */
    private static final Pattern PLAIN_INTEGER = Pattern.compile("[-+]?[0-9]+");
    /** A decimal number in plain digits, optionally with an exponent (not .nan, .inf, 0x10 or 1_000). */
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?");

    private final Diagnostics diagnostics;

    Values(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    void error(YamlNode at, String message) {
        diagnostics.error(at.mark(), message);
    }

    Optional<String> text(YamlNode node, String path) {
        if (node instanceof YamlNode.Scalar s && s.type() == YamlNode.ScalarType.STRING) {
            return Optional.of(s.text());
        }
        return wrongType(node, path, "text");
    }

    /** A name: letters, digits, '_', '.', '-', starting with a letter or digit. */
    Optional<String> name(YamlNode node, String path) {
        Optional<String> text = node instanceof YamlNode.Scalar s && s.type() == YamlNode.ScalarType.INTEGER
                ? Optional.of(s.text()) : text(node, path);
        if (text.isPresent() && !NAME.matcher(text.get()).matches()) {
            error(node, path + " must be a name of letters, digits, '_', '.' and '-': '" + text.get() + "'");
            return Optional.empty();
        }
        return text;
    }

    /**
     * A name of at most {@code maxLength} characters, {@code why} saying what limits it; longer, it
     * is refused with its length and only its first 20 characters quoted.
     */
    Optional<String> name(YamlNode node, String path, int maxLength, String why) {
        Optional<String> name = name(node, path);
        if (name.isPresent() && name.get().length() > maxLength) {
            error(node, path + " must be at most " + maxLength + " characters (" + why + "): " + name.get().length()
                    + " characters, '" + name.get().substring(0, Math.min(20, maxLength)) + "...'");
            return Optional.empty();
        }
        return name;
    }

    Optional<Long> integer(YamlNode node, String path) {
        if (node instanceof YamlNode.Scalar s && s.type() == YamlNode.ScalarType.INTEGER) {
            if (!PLAIN_INTEGER.matcher(s.text()).matches()) {
                error(node, path + " must be a whole number in plain decimal digits, such as 1000"
                        + " (not hexadecimal, octal, binary or with '_'): " + s.text());
                return Optional.empty();
            }
            try {
                return Optional.of(Long.parseLong(s.text()));
            } catch (NumberFormatException e) {
                error(node, path + " must be a whole number within 64 bits: " + s.text());
                return Optional.empty();
            }
        }
        return wrongType(node, path, "a whole number");
    }

    Optional<Boolean> bool(YamlNode node, String path) {
        if (node instanceof YamlNode.Scalar s && s.type() == YamlNode.ScalarType.BOOLEAN) {
            return Optional.of(Boolean.parseBoolean(s.text()));
        }
        return wrongType(node, path, "true or false");
    }

    Optional<Double> number(YamlNode node, String path) {
        if (node instanceof YamlNode.Scalar s
                && (s.type() == YamlNode.ScalarType.INTEGER || s.type() == YamlNode.ScalarType.DECIMAL)) {
            double value = PLAIN_DECIMAL.matcher(s.text()).matches() ? Double.parseDouble(s.text()) : Double.NaN;
            if (!Double.isFinite(value)) {
                error(node, path + " must be a finite decimal number, such as 2, 0.5 or 1e3"
                        + " (not .nan, .inf, hexadecimal, binary or with '_'): " + s.text());
                return Optional.empty();
            }
            return Optional.of(value);
        }
        return wrongType(node, path, "a number");
    }

    Optional<Duration> duration(YamlNode node, String path) {
        if (node instanceof YamlNode.Scalar s && s.type() == YamlNode.ScalarType.INTEGER) {
            error(node, path + " needs a unit: " + s.text() + " (write " + s.text() + "ms or " + s.text() + "s)");
            return Optional.empty();
        }
        return text(node, path).flatMap(text -> {
            try {
                return Optional.of(Durations.parse(text));
            } catch (IllegalArgumentException e) {
                error(node, path + ": " + e.getMessage());
                return Optional.empty();
            }
        });
    }

    <E extends Enum<E>> Optional<E> choice(YamlNode node, String path, E[] choices, Function<E, String> nameOf) {
        List<String> names = Arrays.stream(choices).map(nameOf).toList();
        Optional<String> text = text(node, path);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        for (E choice : choices) {
            if (nameOf.apply(choice).equals(text.get())) {
                return Optional.of(choice);
            }
        }
        error(node, path + " must be one of " + String.join(", ", names) + ": '" + text.get() + "'"
                + ClosestName.hint(text.get(), names));
        return Optional.empty();
    }

    Optional<YamlNode.Mapping> mapping(YamlNode node, String path) {
        return node instanceof YamlNode.Mapping m ? Optional.of(m) : wrongType(node, path, "a mapping of keys");
    }

    Optional<List<YamlNode>> list(YamlNode node, String path) {
        return node instanceof YamlNode.Sequence s ? Optional.of(s.items()) : wrongType(node, path, "a list");
    }

    /** A positive number; reports zero or negative values with the rule. */
    Optional<Double> positive(YamlNode node, String path, String unit) {
        Optional<Double> value = number(node, path);
        if (value.isPresent() && !(value.get() > 0)) {
            error(node, path + " must be > 0 " + unit + ": " + text(node));
            return Optional.empty();
        }
        return value;
    }

    /** A share or probability within (0, 1] (or [0, 1] when zero is allowed). */
    Optional<Double> fraction(YamlNode node, String path, boolean zeroAllowed) {
        Optional<Double> value = number(node, path);
        boolean low = zeroAllowed ? value.orElse(0.0) < 0.0 : value.orElse(1.0) <= 0.0;
        if (value.isPresent() && (low || value.get() > 1.0)) {
            error(node, path + " must be within " + (zeroAllowed ? "[0, 1]" : "(0, 1]") + ": " + text(node));
            return Optional.empty();
        }
        return value;
    }

    static String text(YamlNode node) {
        return node instanceof YamlNode.Scalar s ? s.text() : node.describe();
    }

    private <T> Optional<T> wrongType(YamlNode node, String path, String expected) {
        error(node, path + " must be " + expected + ", not " + node.describe());
        return Optional.empty();
    }
}
