package dev.livetalk.network.toxiproxy;

import java.util.Optional;

/**
 * The Toxiproxy of the ITs that need one on this machine's loopback (a binary, or
 * {@code TOXIPROXY_URL}): they check refused connections, 200 proxies at once or the child
 * process, which the Docker route does not give (32 links at most, Docker's port mapping in
 * front). On a machine with only Docker they fail saying so, instead of failing on an odd
 * assertion; the Docker route has its own IT, {@link ToxiproxyContainerIT}.
 */
final class LocalToxiproxy {
    static final String NEEDS_A_BINARY = "this IT needs a Toxiproxy on this machine's loopback (it checks refused"
            + " connections, 200 proxies or the child process), not the Docker route it found; set "
            + ToxiproxyLocator.SERVER_ENV + "=/path/to/toxiproxy-server or put `go` on PATH (the Docker route's own"
            + " IT: ./mvnw -Pdocker -pl network verify -Dit.test=ToxiproxyContainerIT)";

    private LocalToxiproxy() {
    }

    /** Launches Toxiproxy as the harness does, and fails with {@link #NEEDS_A_BINARY} if that is a container. */
    static ToxiproxyServer launch() {
        ToxiproxyServer server = ToxiproxyLauncher.launch(Optional.empty());
        if (!(server.addressing() instanceof LoopbackAddressing)) {
            String found = server.describe();
            server.close();
            throw new AssertionError(NEEDS_A_BINARY + ": " + found);
        }
        return server;
    }
}
