package dev.livetalk.network.toxiproxy;

import dev.livetalk.network.NetworkBackendException;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A Toxiproxy server the harness talks to: one already running ({@link #connect}), a child
 * process it started ({@link #start}, {@link ToxiproxyProcess}) or a container it started
 * ({@link #startContainer}, {@link ToxiproxyDocker}). {@link #close()} and a JVM shutdown hook
 * stop what the harness started, so neither a normal exit nor Ctrl-C leaves it running.
 *
 * <p>Created and closed by the thread that owns the run; {@link #close()} may race with the
 * shutdown hook, and both are safe to call more than once.
 */
public final class ToxiproxyServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ToxiproxyServer.class.getName());

    private final URI apiUrl;
    private final String version;
    private final String origin;
    private final OwnedServer owned;
    private final ProxyAddressing addressing;

    /**
     * @param owned      what the harness started and {@link #close()} stops; {@code null} for an external server
     * @param addressing how this server's proxies are addressed
     */
    ToxiproxyServer(URI apiUrl, String version, String origin, OwnedServer owned, ProxyAddressing addressing) {
        this.apiUrl = Objects.requireNonNull(apiUrl, "apiUrl");
        this.version = Objects.requireNonNull(version, "version");
        this.origin = Objects.requireNonNull(origin, "origin");
        this.owned = owned;
        this.addressing = Objects.requireNonNull(addressing, "addressing");
        if (!version.equals(ToxiproxyLocator.VERSION) && !version.equals("git")) {
            LOG.log(System.Logger.Level.WARNING, "Toxiproxy at " + apiUrl + " reports version " + version
                    + "; the harness is tested with " + ToxiproxyLocator.VERSION);
        }
    }

    /** How long an external server, which should be up already, may take to answer. */
    static final Duration EXTERNAL_TIMEOUT = Duration.ofSeconds(2);

    /**
     * A server that already runs at {@code url}; checked with {@code GET /version}.
     *
     * @param origin where the URL came from, for messages ({@code TOXIPROXY_URL}, {@code --toxiproxy})
     */
    public static ToxiproxyServer connect(URI url, String origin) {
        try (VersionProbe probe = new VersionProbe()) {
            // A running server answers at once; waiting as long as for a starting child would only
            // keep a user with a wrong URL waiting.
            String version = probe.await(url, EXTERNAL_TIMEOUT, new CompletableFuture<>());
            LOG.log(System.Logger.Level.INFO, "using Toxiproxy " + version + " at " + url + " (from " + origin + ")");
            return new ToxiproxyServer(url, version, origin, null, LoopbackAddressing.INSTANCE);
        } catch (VersionProbe.ExitedEarly e) {
            throw new IllegalStateException("no process was watched", e);
        } catch (NetworkBackendException e) {
            throw new NetworkBackendException("no Toxiproxy answers at " + url + " (from " + origin + "): "
                    + e.getMessage(), e);
        }
    }

    /** Starts {@code binary} as a child process on a free loopback port and waits until it answers. */
    public static ToxiproxyServer start(Path binary, String origin) {
        try {
            return ToxiproxyProcess.start(binary, origin);
        } catch (IOException e) {
            throw new NetworkBackendException("cannot start Toxiproxy " + binary + " (from " + origin + "): "
                    + e.getMessage(), e);
        }
    }

    /**
     * Starts Testcontainers' {@code ToxiproxyContainer} from {@code image} (which Docker pulls
     * if needed) and waits until it answers; see {@link ToxiproxyDocker} for how its proxies
     * are reached and its limit of 32 client links at once.
     *
     * @param origin why the container route was taken, for messages ({@code Docker})
     */
    public static ToxiproxyServer startContainer(String image, String origin) {
        return ToxiproxyDocker.start(image, origin);
    }

    /** The API's base URL, such as {@code http://127.0.0.1:41234}. */
    public URI apiUrl() {
        return apiUrl;
    }

    /** The API's host, for the toxiproxy-java client. */
    public String host() {
        return apiUrl.getHost();
    }

    /** The API's port, for the toxiproxy-java client. */
    public int port() {
        return apiUrl.getPort();
    }

    /** The version the server reports: {@code 2.12.0} for a release binary, {@code git} when built by {@code go install}. */
    public String version() {
        return version;
    }

    /** The child process, when the harness started the server as one; empty for an external server or a container. */
    public Optional<ProcessHandle> process() {
        return owned instanceof ToxiproxyProcess child ? Optional.of(child.handle()) : Optional.empty();
    }

    /** True when {@link #close()} stops the server (a child process or a container), taking its proxies with it. */
    boolean stopsOnClose() {
        return owned != null;
    }

    /** How this server's proxies listen, are reached and reach the upstream. */
    ProxyAddressing addressing() {
        return addressing;
    }

    /**
     * Checks, before a run, that {@code links} proxies (one per client link) fit on this
     * server at once; only a container has a limit (32).
     *
     * @param what what needs them, for the message, such as {@code scenario scale}
     * @throws NetworkBackendException when they do not fit, saying the limit and what to use instead
     */
    public void requireCapacity(int links, String what) {
        addressing.requireCapacity(links, what);
    }

    /** One line for logs and the run header: version, URL and where the server came from. */
    public String describe() {
        String how = owned == null ? "external, from " + origin : owned.describe() + " of " + origin;
        return "Toxiproxy " + version + " at " + apiUrl + " (" + how + ")";
    }

    /** Stops the child process or container, if the harness started one; an external server is left running. */
    @Override
    public void close() {
        if (owned != null) {
            owned.close();
        }
    }
}
