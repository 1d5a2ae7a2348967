package dev.livetalk.bench.cli;

import dev.livetalk.network.NetworkBackendException;
import dev.livetalk.network.toxiproxy.ToxiproxyLauncher;
import dev.livetalk.network.toxiproxy.ToxiproxyLocator;
import dev.livetalk.server.TyrusLogging;
import picocli.CommandLine.Option;

import java.util.Optional;

/**
 * The options of every command that plays through real sockets and Toxiproxy ({@code run},
 * {@code calibrate}, {@code bench ceiling}): which Toxiproxy server to use and whether to show
 * the WebSocket stack's logging.
 */
final class ToxiproxyOptions {
    @Option(names = "--toxiproxy", paramLabel = "URL", description = "Use this Toxiproxy server (default: $TOXIPROXY_URL, else start one).")
    String url;

    @Option(names = "--debug", description = "Show Tyrus and Grizzly logging.")
    boolean debug;

    /** {@code --toxiproxy}, for {@link ToxiproxyLauncher#launch}: empty means $TOXIPROXY_URL, else start one. */
    Optional<String> url() {
        check();
        return Optional.ofNullable(url);
    }

    /**
     * Checks {@code --toxiproxy} before anything starts, also where the run would not use it
     * ({@code --network sim}): a malformed URL is a {@link UsageException} naming it (exit 2).
     */
    void check() {
        if (url != null) {
            try {
                ToxiproxyLocator.checkUrl(url);
            } catch (NetworkBackendException e) {
                throw new UsageException(e.getMessage());
            }
        }
    }

    /**
     * The loggers of the Toxiproxy launcher, whose notes (started, using, installing Toxiproxy)
     * are INFO records; held strongly here, because JUL holds loggers weakly and a collected
     * logger forgets its level.
     */
    private static final java.util.logging.Logger LAUNCHER_NOTES =
            java.util.logging.Logger.getLogger(ToxiproxyLauncher.class.getPackageName());

    /** Sets the WebSocket stack's logging as {@code --debug} says. */
    void configureLogging() {
        configureLogging(false);
    }

    /**
     * As {@link #configureLogging()}; when {@code quiet} ({@code run --quiet}), also hides the
     * launcher's notes ("started Toxiproxy ... at ...", "using Toxiproxy ..."), keeping its warnings.
     */
    void configureLogging(boolean quiet) {
        TyrusLogging.configure(debug);
        LAUNCHER_NOTES.setLevel(quiet ? java.util.logging.Level.WARNING : null);
    }
}
