package dev.livetalk.network;

import dev.livetalk.network.toxiproxy.ToxiproxyLauncher;
import dev.livetalk.network.toxiproxy.ToxiproxyServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Optional;

/**
 * One Toxiproxy for the tests of a class, found, started or installed as the harness does
 * (a missing one fails with how to get it), and closed after them:
 * {@code @RegisterExtension static final SharedToxiproxy TOXIPROXY = new SharedToxiproxy();}.
 */
final class SharedToxiproxy implements BeforeAllCallback, AfterAllCallback {
    private ToxiproxyServer server;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = ToxiproxyLauncher.launch(Optional.empty());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
        }
    }

    /** The running server; only inside a test of the class. */
    ToxiproxyServer server() {
        if (server == null) {
            throw new IllegalStateException("Toxiproxy is started before the class's tests, not before");
        }
        return server;
    }
}
