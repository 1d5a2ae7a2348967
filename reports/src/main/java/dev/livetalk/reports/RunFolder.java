package dev.livetalk.reports;

import dev.livetalk.metrics.results.ResultsDocument;
import dev.livetalk.metrics.results.ResultsJson;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One results document and the folder it was read from, where its interval logs
 * ({@code StrategyResult.hlogs()}) and fault schedule live.
 *
 * <p>Immutable; any thread.
 *
 * @param document the results document
 * @param folder   the folder holding it and its {@code .hlog} files
 */
public record RunFolder(ResultsDocument document, Path folder) {
    public RunFolder {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(folder, "folder");
    }

    /**
     * Reads {@code resultsFile}.
     *
     * @throws IllegalArgumentException when it is not a results document
     * @throws java.io.UncheckedIOException when it cannot be read
     */
    public static RunFolder read(Path resultsFile) {
        Path absolute = resultsFile.toAbsolutePath().normalize();
        return new RunFolder(ResultsJson.read(absolute), absolute.getParent());
    }

    /** The scenario's name. */
    public String scenario() {
        return document.scenario();
    }

    /** The seed of the run. */
    public long seed() {
        return document.seed();
    }
}
