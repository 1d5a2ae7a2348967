package dev.livetalk.bench.cli;

import java.nio.file.Path;

/**
 * The project folder that default paths ({@code scenarios/}, {@code reports/latest/}) are
 * relative to: the system property {@code livetalk.home}, else {@code LIVETALK_HOME} (the
 * launcher sets it), else the working directory.
 */
final class Home {
    private Home() {
    }

    static Path resolve(String relative) {
        String home = System.getProperty("livetalk.home", System.getenv("LIVETALK_HOME"));
        Path base = home == null || home.isBlank() ? Path.of("") : Path.of(home);
        return base.resolve(relative);
    }
}
