package dev.livetalk.scenarios;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one YAML document into a {@link YamlNode} tree with the position of every node,
 * from Jackson's YAML token stream. Syntax errors and duplicate keys become validation
 * errors.
 *
 * <p>Stateless apart from the shared, thread-safe factory; any thread.
 */
final class YamlTreeReader {
    private static final YAMLFactory FACTORY = YAMLFactory.builder().build();
    private static final Pattern SNAKE_MARK = Pattern.compile("\\s*in '[^']*', line (\\d+), column (\\d+):");

    private YamlTreeReader() {
    }

    /** The document's root, or empty after reporting why there is none. */
    static Optional<YamlNode> read(String text, Diagnostics diagnostics) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            if (parser.nextToken() == null) {
                diagnostics.error(1, 1, "the file holds no YAML document (a scenario is a mapping of keys)");
                return Optional.empty();
            }
            YamlNode root = node(parser, diagnostics);
            JsonLocation after = parser.currentTokenLocation();
            if (parser.nextToken() != null) {
                diagnostics.error(line(parser.currentTokenLocation()), column(parser.currentTokenLocation()),
                        "a scenario file holds one YAML document; found another after line " + after.getLineNr());
            }
            return Optional.of(root);
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            YamlNode.Mark fallback = new YamlNode.Mark(at == null ? 1 : line(at), at == null ? 1 : column(at));
            diagnostics.error(problemMark(e.getOriginalMessage()).orElse(fallback),
                    "not valid YAML: " + summary(e.getOriginalMessage()));
            return Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException("reading YAML from a string cannot fail with I/O", e);
        }
    }

    private static YamlNode node(JsonParser parser, Diagnostics diagnostics) throws IOException {
        YamlNode.Mark mark = mark(parser);
        JsonToken token = parser.currentToken();
        return switch (token) {
            case START_OBJECT -> mapping(parser, mark, diagnostics);
            case START_ARRAY -> sequence(parser, mark, diagnostics);
            case VALUE_NUMBER_INT -> new YamlNode.Scalar(mark, YamlNode.ScalarType.INTEGER, parser.getText());
            case VALUE_NUMBER_FLOAT -> new YamlNode.Scalar(mark, YamlNode.ScalarType.DECIMAL, parser.getText());
            case VALUE_TRUE, VALUE_FALSE -> new YamlNode.Scalar(mark, YamlNode.ScalarType.BOOLEAN, parser.getText());
            case VALUE_NULL -> new YamlNode.Scalar(mark, YamlNode.ScalarType.NULL, "null");
            default -> new YamlNode.Scalar(mark, YamlNode.ScalarType.STRING, parser.getText());
        };
    }

    private static YamlNode mapping(JsonParser parser, YamlNode.Mark mark, Diagnostics diagnostics)
            throws IOException {
        List<YamlNode.Entry> entries = new ArrayList<>();
        Map<String, YamlNode.Mark> seen = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            YamlNode.Mark keyMark = mark(parser);
            parser.nextToken();
            YamlNode value = node(parser, diagnostics);
            YamlNode.Mark first = seen.putIfAbsent(key, keyMark);
            if (first != null) {
                diagnostics.error(keyMark, "duplicate key '" + key + "' (first at " + first.line() + ":" + first.column()
                        + "; a key appears once per mapping)");
            } else {
                entries.add(new YamlNode.Entry(key, keyMark, value));
            }
        }
        return new YamlNode.Mapping(mark, List.copyOf(entries));
    }

    private static YamlNode sequence(JsonParser parser, YamlNode.Mark mark, Diagnostics diagnostics)
            throws IOException {
        List<YamlNode> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            items.add(node(parser, diagnostics));
        }
        return new YamlNode.Sequence(mark, List.copyOf(items));
    }

    private static YamlNode.Mark mark(JsonParser parser) {
        JsonLocation at = parser.currentTokenLocation();
        return new YamlNode.Mark(line(at), column(at));
    }

    private static int line(JsonLocation at) {
        return Math.max(1, at.getLineNr());
    }

    private static int column(JsonLocation at) {
        return Math.max(1, at.getColumnNr());
    }

    /** The last position SnakeYAML names in its message: where the problem was found. */
    private static Optional<YamlNode.Mark> problemMark(String message) {
        YamlNode.Mark last = null;
        for (String line : (message == null ? "" : message).lines().toList()) {
            Matcher at = SNAKE_MARK.matcher(line);
            if (at.matches()) {
                last = new YamlNode.Mark(Integer.parseInt(at.group(1)), Integer.parseInt(at.group(2)));
            }
        }
        return Optional.ofNullable(last);
    }

    /** The problem statements of a (SnakeYAML) message, without its source excerpts. */
    private static String summary(String message) {
        String text = message == null ? "" : message.strip();
        StringBuilder summary = new StringBuilder();
        for (String line : text.lines().toList()) {
            Matcher at = SNAKE_MARK.matcher(line);
            if (at.matches()) {
                summary.append(" (at ").append(at.group(1)).append(':').append(at.group(2)).append(')');
            } else if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
                summary.append(summary.isEmpty() ? "" : ": ").append(line.strip());
            }
        }
        return summary.isEmpty() ? text : summary.toString();
    }
}
