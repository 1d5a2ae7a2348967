package dev.livetalk.network.toxiproxy;

import dev.livetalk.network.NetworkBackendException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Gets a running Toxiproxy: asks {@link ToxiproxyLocator} where one comes from, then connects
 * to it, starts it, installs and starts it, or starts its container. Runs on the caller's
 * thread; stateless.
 *
 * <pre>{@code
 * try (ToxiproxyServer toxiproxy = ToxiproxyLauncher.launch(Optional.ofNullable(toxiproxyOption));
 *      ToxiproxyNetwork network = new ToxiproxyNetwork(toxiproxy, serverAddress)) { ... }
 * }</pre>
 */
public final class ToxiproxyLauncher {
    private ToxiproxyLauncher() {
    }

    /**
     * Locates Toxiproxy from this process's environment, system properties, working directory
     * and Docker, and launches it (installing it first when only {@code go} is available).
     *
     * @param explicitUrl the {@code --toxiproxy URL} option, if given
     * @throws NetworkBackendException when none can be found, installed or started; the
     *                                 message says how to install one
     */
    public static ToxiproxyServer launch(Optional<String> explicitUrl) {
        return launch(locator(explicitUrl).locate(), ToxiproxyInstaller.DEFAULT_TIMEOUT);
    }

    /** Launches what {@code source} says: connect, start, install then start, or start a container; or throws its how-to. */
    public static ToxiproxyServer launch(ToxiproxySource source, Duration installTimeout) {
        return switch (source) {
            case ToxiproxySource.External external -> ToxiproxyServer.connect(external.url(), external.origin());
            case ToxiproxySource.Binary binary -> ToxiproxyServer.start(binary.executable(), binary.origin());
            case ToxiproxySource.Installable installable ->
                    ToxiproxyServer.start(ToxiproxyInstaller.install(installable, installTimeout), "go install");
            case ToxiproxySource.Container container -> ToxiproxyServer.startContainer(container.image(), container.origin());
            case ToxiproxySource.Missing missing -> throw new NetworkBackendException(missing.howTo());
        };
    }

    /** A locator over this process's environment, project folder (see {@link ProjectRoot}) and Docker (Testcontainers). */
    public static ToxiproxyLocator locator(Optional<String> explicitUrl) {
        return new ToxiproxyLocator(explicitUrl, System.getenv(), projectRoot(), ToxiproxyDocker::isDockerAvailable);
    }

    /** The project folder of this process (see {@link ProjectRoot#find}). */
    public static Path projectRoot() {
        String home = System.getProperty(ProjectRoot.PROPERTY);
        Map<String, String> properties = home == null ? Map.of() : Map.of(ProjectRoot.PROPERTY, home);
        return ProjectRoot.find(properties, System.getenv(), Path.of(""));
    }
}
