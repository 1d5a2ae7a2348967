package dev.livetalk.server;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns the java.util.logging output of Tyrus and Grizzly off (they log every start, stop
 * and dropped connection at INFO and above). The loggers are held strongly here, because
 * JUL holds them weakly and a collected logger forgets its level. Tyrus's {@code Server}
 * logs through a logger named {@code java.lang.Class} (a Tyrus bug), so that one is
 * silenced too. Thread-safe: JUL levels are.
 */
public final class TyrusLogging {
    private static final Logger[] NOISY = {
        Logger.getLogger("org.glassfish.tyrus"),
        Logger.getLogger("org.glassfish.grizzly"),
        Logger.getLogger("java.lang.Class"),
    };

    private TyrusLogging() {
    }

    /** Silences the noisy loggers unless {@code debug}, in which case they log everything. */
    public static void configure(boolean debug) {
        for (Logger logger : NOISY) {
            logger.setLevel(debug ? Level.ALL : Level.OFF);
        }
    }
}
