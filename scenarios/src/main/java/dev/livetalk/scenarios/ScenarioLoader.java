package dev.livetalk.scenarios;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads and validates scenario files: the entry point the command line calls. Every problem
 * of a file is reported at once, each as {@code file:line:column: what is wrong}.
 *
 * <p>Stateless; any thread.
 */
public final class ScenarioLoader {
    private ScenarioLoader() {
    }

    /** Loads a scenario file with {@link LoaderOptions#DEFAULTS}. */
    public static Scenario load(Path file) throws ScenarioException, IOException {
        return load(file, LoaderOptions.DEFAULTS);
    }

    /**
     * Loads a scenario file: a regular file of UTF-8 text.
     *
     * @throws ScenarioException carrying every validation error of the file; also when the path
     *     is not a regular file (a folder, a FIFO, a device) or the file is not UTF-8 text
     * @throws IOException when the file cannot be read (it does not exist, no permission)
     */
    public static Scenario load(Path file, LoaderOptions options) throws ScenarioException, IOException {
        String fileName = file.toString();
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new ScenarioException(List.of(new ValidationError(fileName, 1, 1,
                    "not a regular file (a scenario is a YAML text file): " + fileName)));
        }
        return parse(fileName, utf8(fileName, Files.readAllBytes(file)), options);
    }

    /**
     * The text of a scenario file's bytes, or a validation error at the line and column of the
     * first byte that is not UTF-8 text (an invalid UTF-8 sequence, or a NUL of UTF-16 or binary).
     */
    private static String utf8(String fileName, byte[] bytes) throws ScenarioException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        String decoded = out.flip().toString();
        int nul = decoded.indexOf('\0');
        if (!result.isError() && nul < 0) {
            return decoded;
        }
        String before;
        String what;
        if (nul >= 0) { // a NUL decodes before any invalid byte
            before = decoded.substring(0, nul);
            what = "a NUL byte at offset " + before.getBytes(StandardCharsets.UTF_8).length
                    + " (UTF-16 text or a binary file?)";
        } else {
            before = decoded;
            what = "byte 0x" + String.format("%02X", bytes[in.position()] & 0xFF) + " at offset " + in.position()
                    + " is not valid UTF-8";
        }
        int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
        int column = before.length() - before.lastIndexOf('\n');
        throw new ScenarioException(List.of(new ValidationError(fileName, line, column,
                "the file is not UTF-8 text: " + what + " (a scenario is a YAML file saved as UTF-8)")));
    }

    /** The line of the top-level {@code faults:} key (1 when not found). */
    private static int faultsLine(String text) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("faults:")) {
                return i + 1;
            }
        }
        return 1;
    }

    /** Every validation error of a file, empty when it is valid. */
    public static List<ValidationError> validate(Path file) throws IOException {
        return validate(file, LoaderOptions.DEFAULTS);
    }

    public static List<ValidationError> validate(Path file, LoaderOptions options) throws IOException {
        try {
            load(file, options);
            return List.of();
        } catch (ScenarioException e) {
            return e.errors();
        }
    }

    /**
     * Parses scenario text; {@code fileName} is only used in error positions.
     *
     * @throws ScenarioException carrying every validation error
     */
    public static Scenario parse(String fileName, String text, LoaderOptions options) throws ScenarioException {
        Diagnostics diagnostics = new Diagnostics(fileName);
        Scenario scenario = YamlTreeReader.read(text, diagnostics)
                .flatMap(root -> new ScenarioBinder(diagnostics, options, text).bind(root))
                .orElse(null);
        if (scenario == null || diagnostics.hasErrors()) {
            throw new ScenarioException(diagnostics.errors());
        }
        try {
            dev.livetalk.scenarios.fault.FaultSchedule.resolve(scenario); // rules of the resolved windows (file's seed)
        } catch (IllegalArgumentException e) {
            diagnostics.error(faultsLine(text), 1, "faults: " + e.getMessage());
            throw new ScenarioException(diagnostics.errors());
        }
        return scenario;
    }
}
