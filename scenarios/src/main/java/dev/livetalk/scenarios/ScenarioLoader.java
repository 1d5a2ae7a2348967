package dev.livetalk.scenarios;

import java.io.IOException;
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
     * Loads a scenario file.
     *
     * @throws ScenarioException carrying every validation error of the file
     * @throws IOException when the file cannot be read
     */
    public static Scenario load(Path file, LoaderOptions options) throws ScenarioException, IOException {
        return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8), options);
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
