package dev.livetalk.network.toxiproxy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Finds an executable file by name in the folders of a {@code PATH} value, as a shell would
 * (the first folder that holds it wins; blank and malformed entries are passed over). Stateless.
 */
public final class PathSearch {
    private static final System.Logger LOG = System.getLogger(PathSearch.class.getName());

    private PathSearch() {
    }

    /** The absolute path of {@code name} in the first folder of {@code env}'s {@code PATH} holding it as an executable file. */
    public static Optional<Path> find(String name, Map<String, String> env) {
        for (String entry : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path candidate;
            try {
                candidate = Path.of(entry).resolve(name);
            } catch (InvalidPathException e) {
                LOG.log(System.Logger.Level.DEBUG, "skipping PATH entry that is no valid path: " + entry);
                continue;
            }
            if (isExecutable(candidate)) {
                return Optional.of(candidate.toAbsolutePath());
            }
        }
        return Optional.empty();
    }

    static boolean isExecutable(Path path) {
        return Files.isRegularFile(path) && Files.isExecutable(path);
    }
}
