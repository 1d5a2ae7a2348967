package dev.livetalk.network.toxiproxy;

import dev.livetalk.network.NetworkBackendException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Installs the Toxiproxy server with {@code go install github.com/Shopify/toxiproxy/v2/cmd/server@v2.12.0}
 * into a {@code GOBIN} folder (the project's {@code .tools/bin}) through {@link GoInstaller};
 * the output of {@code go} goes to {@code <gobin>/../go-install-server.log}.
 * Runs on the caller's thread; stateless. Installs under {@link GoInstaller#exclusively}: a process
 * that waited for another's install takes the binary it left instead of installing it again.
 */
public final class ToxiproxyInstaller {
    /** How long {@code go install} may take by default (it downloads and compiles the module). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    private ToxiproxyInstaller() {
    }

    /**
     * Runs {@code go install} and returns the installed binary, {@code <gobin>/server}; or returns
     * that binary without running {@code go} when it is there once the tools folder's lock is held
     * (another process installed it meanwhile: the locator finds {@code .tools/bin/server} first).
     *
     * @throws NetworkBackendException when {@code go} fails, times out, or installs no binary
     */
    public static Path install(ToxiproxySource.Installable source, Duration timeout) {
        return GoInstaller.exclusively(source.gobin(), () -> {
            Path installed = source.gobin().resolve("server");
            if (PathSearch.isExecutable(installed)) {
                return installed;
            }
            // Stamp the version: a plain go install reports "git", and the results name the version.
            return GoInstaller.install("Toxiproxy " + ToxiproxyLocator.VERSION, source.go(), source.gobin(),
                    List.of("-ldflags=-X github.com/Shopify/toxiproxy/v2.Version=" + ToxiproxyLocator.VERSION,
                            ToxiproxyLocator.GO_PACKAGE),
                    "server", timeout);
        });
    }
}
