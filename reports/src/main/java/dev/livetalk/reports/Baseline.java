package dev.livetalk.reports;

import dev.livetalk.metrics.gate.BaselineComparison;
import dev.livetalk.metrics.gate.Tolerance;
import dev.livetalk.metrics.results.RegressionVerdict;
import dev.livetalk.metrics.results.ResultsDocument;
import dev.livetalk.metrics.results.ResultsJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The results of an earlier run to compare with, per scenario, and the tolerance of the
 * comparison ({@link BaselineComparison} makes the verdicts).
 *
 * <p>Immutable after loading; any thread.
 */
public final class Baseline {
    private final Map<String, ResultsDocument> byScenario;
    private final Tolerance tolerance;

    /** A baseline of {@code documents} (one per scenario; a later one of a scenario wins). */
    public Baseline(List<ResultsDocument> documents, Tolerance tolerance) {
        this.byScenario = new LinkedHashMap<>();
        documents.forEach(d -> byScenario.put(d.scenario(), d));
        this.tolerance = tolerance;
    }

    /**
     * Loads a baseline from a {@code results.json}, or from the output folder of an earlier run
     * (its {@code results.json} and those of its sub-folders).
     *
     * @throws IllegalArgumentException when nothing there is a results document
     */
    public static Baseline load(Path fileOrFolder, Tolerance tolerance) {
        List<ResultsDocument> documents = new ArrayList<>();
        for (Path file : resultsFiles(fileOrFolder)) {
            documents.add(ResultsJson.read(file));
        }
        if (documents.isEmpty()) {
            throw new IllegalArgumentException("baseline must be a results.json or a folder holding some: "
                    + fileOrFolder);
        }
        return new Baseline(documents, tolerance);
    }

    private static List<Path> resultsFiles(Path fileOrFolder) {
        if (!Files.isDirectory(fileOrFolder)) {
            return List.of(fileOrFolder);
        }
        try (Stream<Path> files = Files.walk(fileOrFolder, 2)) {
            return files.filter(f -> f.getFileName().toString().equals("results.json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list baseline folder " + fileOrFolder, e);
        }
    }

    /** Whether the baseline has results of {@code scenario}. */
    public boolean covers(String scenario) {
        return byScenario.containsKey(scenario);
    }

    /** The verdicts of every figure of {@code current} that the baseline also has; none for another scenario. */
    public List<RegressionVerdict> compare(ResultsDocument current) {
        ResultsDocument before = byScenario.get(current.scenario());
        return before == null ? List.of() : BaselineComparison.compare(before, current, tolerance);
    }
}
