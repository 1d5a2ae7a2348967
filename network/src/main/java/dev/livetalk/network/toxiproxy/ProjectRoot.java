package dev.livetalk.network.toxiproxy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Finds the project folder whose {@code .tools/bin} holds provisioned tools: the system
 * property {@code livetalk.home}, else the environment variable {@code LIVETALK_HOME}, else
 * the nearest folder at or above the working directory that holds {@code mvnw}, else the
 * working directory itself. Stateless; reads only what it is given and the file system.
 */
public final class ProjectRoot {
    /** The system property that names the project folder. */
    public static final String PROPERTY = "livetalk.home";
    /** The environment variable that names the project folder. */
    public static final String ENV = "LIVETALK_HOME";

    private ProjectRoot() {
    }

    /** The project folder, from the given system properties, environment and working directory. */
    public static Path find(Map<String, String> properties, Map<String, String> env, Path workingDirectory) {
        String named = nonBlank(properties.get(PROPERTY));
        if (named == null) {
            named = nonBlank(env.get(ENV));
        }
        if (named != null) {
            return Path.of(named).toAbsolutePath().normalize();
        }
        Path start = workingDirectory.toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        return start;
    }

    /** The folder {@code go install} writes to and the locator searches: {@code <root>/.tools/bin}. */
    public static Path toolsBin(Path root) {
        return root.resolve(".tools").resolve("bin");
    }

    static String nonBlank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
