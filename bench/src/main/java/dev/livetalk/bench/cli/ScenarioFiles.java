package dev.livetalk.bench.cli;

import dev.livetalk.scenarios.Backend;
import dev.livetalk.scenarios.LoaderOptions;
import dev.livetalk.scenarios.Scenario;
import dev.livetalk.scenarios.ScenarioException;
import dev.livetalk.scenarios.ScenarioLoader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Expands the command line's files and folders into scenario files, in a stable order. */
final class ScenarioFiles {
    private ScenarioFiles() {
    }

    /**
     * The one scenario file a benchmark's {@code option} names, loaded for {@code network}.
     *
     * @throws UsageException naming the option and the file: missing, unreadable or invalid
     */
    static Scenario loadOne(String option, Path file, Backend network) {
        if (!Files.isRegularFile(file)) {
            throw new UsageException(option + ": " + (Files.exists(file)
                    ? "not a regular file (a scenario is a YAML text file): " : "no such scenario file: ") + file);
        }
        try {
            return ScenarioLoader.load(file, LoaderOptions.DEFAULTS.withNetwork(network));
        } catch (ScenarioException e) {
            throw new UsageException(option + ": invalid scenario " + file + ":\n"
                    + String.join("\n", e.errors().stream().map(Object::toString).toList()));
        } catch (IOException e) {
            throw new UsageException(option + ": cannot read " + file + ": " + e.getMessage());
        }
    }

    /** How the name of an editor's lock file begins (Emacs: {@code .#NAME}, a link to nothing): not a scenario. */
    private static final String EDITOR_LOCK = ".#";

    /**
     * The YAML files named, and the {@code *.yaml} / {@code *.yml} files directly inside the
     * folders named (not their sub-folders), sorted by name per folder.
     *
     * @throws UsageException for a path that does not exist, is neither a regular file nor a folder
     *     (a FIFO, a device), or is a folder without scenarios; also for a {@code *.yaml} in a
     *     folder that is no regular file (a link to nothing, a FIFO), which was left out in silence;
     *     an editor's lock ({@code .#NAME.yaml}, a link to nothing while Emacs edits NAME.yaml) is no scenario
     */
    static List<Path> expand(List<Path> paths) {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                List<Path> inFolder = yamlFilesIn(path);
                if (inFolder.isEmpty()) {
                    throw new UsageException("no scenario files (*.yaml or *.yml) in folder " + path);
                }
                files.addAll(inFolder);
            } else {
                files.add(regularFile(path));
            }
        }
        return files;
    }

    /** {@code path}, a regular file (through links). */
    private static Path regularFile(Path path) {
        if (Files.isRegularFile(path)) {
            return path;
        }
        if (Files.exists(path)) {
            throw new UsageException("not a regular file or folder (a scenario is a YAML text file): " + path);
        }
        throw new UsageException("no such scenario file or folder: " + path
                + (Files.isSymbolicLink(path) ? " (a link to a path that does not exist)" : ""));
    }

    private static List<Path> yamlFilesIn(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(p -> p.getFileName().toString().endsWith(".yaml")
                            || p.getFileName().toString().endsWith(".yml"))
                    .filter(p -> !p.getFileName().toString().startsWith(EDITOR_LOCK))
                    .filter(p -> !Files.isDirectory(p))
                    .sorted()
                    .map(ScenarioFiles::regularFile)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }
}
