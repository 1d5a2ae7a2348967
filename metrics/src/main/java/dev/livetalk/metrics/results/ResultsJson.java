package dev.livetalk.metrics.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes and reads {@code results.json}: two-space indented, {@code \n} line ends, map keys
 * sorted, so equal documents are equal text. Reading upgrades version 1 and refuses any other
 * version but the current one.
 *
 * <p>Stateless apart from thread-safe Jackson objects; any thread.
 */
public final class ResultsJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final ObjectWriter WRITER = MAPPER.writer(new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private ResultsJson() {
    }

    /** The document as JSON text, ending with a line end. */
    public static String toJson(ResultsDocument document) {
        try {
            return WRITER.writeValueAsString(document) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a results document always serialises", e);
        }
    }

    /** Writes the document to {@code file} (UTF-8). */
    public static void write(ResultsDocument document, Path file) throws IOException {
        Files.writeString(file, toJson(document), StandardCharsets.UTF_8);
    }

    /**
     * Reads a document of the current version, or of version 1 (upgraded: see
     * {@link ResultsVersion1}).
     *
     * @throws IllegalArgumentException when the text is not a results document of a version it reads
     */
    public static ResultsDocument fromJson(String json) {
        try {
            JsonNode tree = MAPPER.readTree(json);
            if (!(tree instanceof ObjectNode document)) {
                throw new IllegalArgumentException("not a results document: a JSON object is expected, and the text is "
                        + (tree == null || tree.isMissingNode() ? "empty" : "a JSON " + tree.getNodeType().name()
                        .toLowerCase(java.util.Locale.ROOT)));
            }
            JsonNode version = document.get("version");
            if (version == null) {
                throw new IllegalArgumentException("not a results document: it has no \"version\" (1 or "
                        + ResultsDocument.VERSION + ")");
            }
            if (version.isInt() && version.intValue() == 1) {
                ResultsVersion1.upgrade(document);
            } else if (!version.isInt() || version.intValue() != ResultsDocument.VERSION) {
                throw new IllegalArgumentException("results document version must be 1 or " + ResultsDocument.VERSION
                        + ": " + version);
            }
            checkNotJudged(document.get("notJudged"));
            checkStrategies(document.get("strategies"), document.hasNonNull("stopped"));
            return MAPPER.treeToValue(tree, ResultsDocument.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a results document: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * {@code notJudged}, when present, is a list of budgets each with its expression and the
     * strategies it is for (results.schema.json): what is not is named by its path and rule.
     */
    private static void checkNotJudged(JsonNode list) {
        if (list == null || list.isNull()) {
            return;
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException("not a results document: notJudged must be an array of budgets: " + list);
        }
        for (int i = 0; i < list.size(); i++) {
            String path = "notJudged[" + i + "]";
            JsonNode item = list.get(i);
            if (!item.isObject()) {
                throw new IllegalArgumentException("not a results document: " + path
                        + " must be an object with budget and strategies: " + item);
            }
            JsonNode budget = item.get("budget");
            if (budget == null || !budget.isTextual() || budget.asText().isBlank()) {
                throw new IllegalArgumentException("not a results document: " + path + ".budget is required: the"
                        + " expression as written, a non-empty string" + (budget == null ? "" : ": " + budget));
            }
            JsonNode strategies = item.get("strategies");
            boolean names = strategies != null && strategies.isArray() && !strategies.isEmpty();
            for (int k = 0; names && k < strategies.size(); k++) {
                names = strategies.get(k).isTextual() && !strategies.get(k).asText().isBlank();
            }
            if (!names) {
                throw new IllegalArgumentException("not a results document: " + path + ".strategies is required: the"
                        + " strategies the budget is for, an array of one name or more"
                        + (strategies == null ? "" : ": " + strategies));
            }
        }
    }

    /**
     * {@code strategies} is a list of results whose correctness, cost and latency figures are 0 or
     * more (results.schema.json: counts, shares, per-client costs, nanoseconds; Kendall's tau alone
     * runs from -1 to 1), with no more converged clients than clients and a converged share of at
     * most 100%, of each strategy and of each of its rooms: the gate takes them as counts of
     * events, and a count of -5 in a {@code --baseline} failed the run after its whole play with an
     * exception of the statistics library, its results unwritten. The list holds one strategy or
     * more, but in a scenario the harness stopped ({@code stopped}) before its first strategy
     * finished: a report of none rendered "PASS" of 0 strategy runs. What is not is named by its
     * path and rule.
     */
    private static void checkStrategies(JsonNode strategies, boolean stopped) {
        if (strategies == null || !strategies.isArray()) {
            throw new IllegalArgumentException("not a results document: strategies is required: an array of the"
                    + " strategies' results" + (strategies == null ? "" : ": " + strategies));
        }
        if (strategies.isEmpty() && !stopped) {
            throw new IllegalArgumentException("not a results document: strategies must hold the results of one"
                    + " strategy or more (none only in a scenario that stopped before its first strategy finished):"
                    + " []");
        }
        for (int i = 0; i < strategies.size(); i++) {
            String path = "strategies[" + i + "]";
            checkFigures(path, strategies.get(i));
            checkNotNegative(path + ".cost", strategies.get(i).path("cost"), FIGURE);
            JsonNode rooms = strategies.get(i).path("rooms");
            for (int k = 0; k < rooms.size(); k++) {
                checkFigures(path + ".rooms[" + k + "]", rooms.get(k));
            }
        }
    }

    /** The correctness and latency figures of a strategy or a room at {@code path}: 0 or more, the converged within the clients. */
    private static void checkFigures(String path, JsonNode figures) {
        JsonNode correctness = figures.path("correctness");
        checkNotNegative(path + ".correctness", correctness, FIGURE);
        checkNotNegative(path + ".latency", figures.path("latency"), LATENCY);
        if (correctness.path("convergedClients").asLong() > correctness.path("clients").asLong()) {
            throw new IllegalArgumentException("not a results document: " + path + ".correctness.convergedClients"
                    + " must be at most its clients (" + correctness.path("clients") + "): "
                    + correctness.path("convergedClients"));
        }
        if (correctness.path("convergedShare").asDouble() > 100) {
            throw new IllegalArgumentException("not a results document: " + path + ".correctness.convergedShare"
                    + " must be at most 100 (a percentage of the clients): " + correctness.path("convergedShare"));
        }
    }

    /** What a correctness or cost figure is, in the rule of {@link #checkNotNegative}. */
    private static final String FIGURE = "a count, share or cost";
    /** What a latency figure is, in the rule of {@link #checkNotNegative}. */
    private static final String LATENCY = "a count or nanoseconds";

    /** Every number under {@code node} (in its objects and lists), but Kendall's tau, is 0 or more: {@code what}. */
    private static void checkNotNegative(String path, JsonNode node, String what) {
        if (node.isNumber() && node.asDouble() < 0) {
            throw new IllegalArgumentException("not a results document: " + path + " must be 0 or more (" + what
                    + "): " + node);
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkNotNegative(path + "[" + i + "]", node.get(i), what);
            }
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!name.equals("kendallTau")) {
                checkNotNegative(path + "." + name, node.get(name), what);
            }
        });
    }

    /**
     * The document in {@code file} as a JSON tree, every field kept (also those this version does
     * not know), after the checks and the upgrade {@link #fromJson} makes: for readers that must
     * see every figure, as {@code livetalk audit} does.
     *
     * @throws IllegalArgumentException when the text is not a results document of a version it reads
     */
    public static ObjectNode readTree(Path file) {
        ResultsDocument checked = read(file);
        try {
            JsonNode tree = MAPPER.readTree(text(file));
            if (tree.path("version").asInt(-1) == 1 && tree instanceof ObjectNode document) {
                ResultsVersion1.upgrade(document);
            }
            if (!(tree instanceof ObjectNode document) || checked == null) {
                throw new IllegalArgumentException("not a results document: " + file);
            }
            return document;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not a results document: " + e.getOriginalMessage(), e);
        }
    }

    /** A calibration alone ({@code livetalk calibrate --json}), as it appears in a document's environment. */
    public static String toJson(Calibration calibration) {
        try {
            return WRITER.forType(Calibration.class).writeValueAsString(calibration) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a calibration always serialises", e);
        }
    }

    /**
     * Reads a calibration written by {@link #toJson(Calibration)}.
     *
     * @throws IllegalArgumentException when the text is not one
     */
    public static Calibration calibrationFromJson(String json) {
        try {
            return MAPPER.readValue(json, Calibration.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a calibration: " + e.getOriginalMessage(), e); // not Jackson's source note
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a calibration: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a document from {@code file}.
     *
     * @throws IllegalArgumentException naming the file, when it is not UTF-8 text or not a results
     *                                  document of a version it reads
     * @throws UncheckedIOException     when it cannot be read
     */
    public static ResultsDocument read(Path file) {
        String text = text(file);
        try {
            return fromJson(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** The text of {@code file}; a file that is not UTF-8 text is bad input, not a failure to read. */
    private static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException(file + ": not a results document: not UTF-8 text", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read results document " + file, e);
        }
    }
}
