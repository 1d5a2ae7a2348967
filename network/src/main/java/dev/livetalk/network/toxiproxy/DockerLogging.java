package dev.livetalk.network.toxiproxy;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Quiets Testcontainers and docker-java, which log through SLF4J into java.util.logging
 * (slf4j-jdk14): every probe, pull and container start at INFO. Warnings and errors still
 * show, except the availability probe's ({@code org.testcontainers.dockerclient}): when Docker
 * is missing, the locator's how-to says so ("Docker: not available") instead of a log of
 * every strategy Testcontainers tried. The loggers are held strongly here, because JUL holds
 * them weakly and a collected logger forgets its level. Thread-safe: JUL levels are.
 */
final class DockerLogging {
    private static final Logger[] WARNINGS = {
        Logger.getLogger("org.testcontainers"),
        Logger.getLogger("tc"), // Testcontainers' per-image loggers are named tc.IMAGE
        Logger.getLogger("com.github.dockerjava"),
    };
    private static final Logger PROBE = Logger.getLogger("org.testcontainers.dockerclient");

    private DockerLogging() {
    }

    /** Sets the levels; call before the first Testcontainers class logs. */
    static void quiet() {
        for (Logger logger : WARNINGS) {
            logger.setLevel(Level.WARNING);
        }
        PROBE.setLevel(Level.OFF);
    }
}
