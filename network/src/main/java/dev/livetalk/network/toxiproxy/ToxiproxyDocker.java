package dev.livetalk.network.toxiproxy;

import dev.livetalk.network.NetworkBackendException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.Testcontainers;
import org.testcontainers.toxiproxy.ToxiproxyContainer;
import org.testcontainers.utility.DockerImageName;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Toxiproxy in a Docker container, started through Testcontainers' {@code ToxiproxyContainer}
 * (step 3 of finding a server, where Docker runs). Its API is reached on the port Docker
 * mapped; its proxies listen on the 32 ports the container exposes and are reached through
 * their mapped ports; the upstream on this machine's loopback is reached from inside as
 * {@code host.testcontainers.internal} over Testcontainers' port forwarding (an SSH tunnel
 * through its {@code testcontainers/sshd} container). {@link ContainerAddressing} does that
 * translation. Because of the 32 ports, at most 32 client links fit at once: the 200-client
 * scale scenario needs a binary.
 *
 * <p>{@link #close()} and a JVM shutdown hook (thread {@code toxiproxy-container-stopper})
 * stop and remove the container; Testcontainers' Ryuk container removes it too if the JVM dies
 * without running hooks. Started and closed by the thread that owns the run; close and the
 * hook may race, and both are idempotent.
 */
final class ToxiproxyDocker implements OwnedServer {
    /** How long the API may take to answer once Testcontainers saw it ready (it waited for {@code /version} itself). */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(5);
    private static final System.Logger LOG = System.getLogger(ToxiproxyDocker.class.getName());

    private final ToxiproxyContainer container;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final Thread shutdownHook;

    private ToxiproxyDocker(ToxiproxyContainer container) {
        this.container = container;
        this.shutdownHook = new Thread(this::stop, "toxiproxy-container-stopper");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Whether Testcontainers finds a Docker it can use (which starts its Ryuk container, so it
     * takes a moment); asked by the locator only when no earlier source matched.
     *
     * @throws NetworkBackendException when Docker answers but Testcontainers cannot use it
     */
    static boolean isDockerAvailable() {
        DockerLogging.quiet();
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            throw new NetworkBackendException("Docker answers, but Testcontainers cannot use it (" + e
                    + "); fix Docker or use a Toxiproxy binary (export " + ToxiproxyLocator.SERVER_ENV + "=...)", e);
        }
    }

    /** Starts the container from {@code image} and waits until its API answers; {@code origin} is for messages. */
    static ToxiproxyServer start(String image, String origin) {
        DockerLogging.quiet();
        ToxiproxyContainer container;
        try {
            container = new ToxiproxyContainer(DockerImageName.parse(image)).withAccessToHost(true);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new NetworkBackendException("cannot use " + image + " as the Toxiproxy image: " + e.getMessage(), e);
        }
        ToxiproxyDocker owned = new ToxiproxyDocker(container);
        try {
            container.start();
            URI api = URI.create("http://" + uriHost(container.getHost()) + ":" + container.getControlPort());
            String version = version(api);
            ContainerAddressing addressing = ContainerAddressing.toxiproxyContainer(container.getHost(),
                    container::getMappedPort, ToxiproxyDocker::forwardHostPort);
            LOG.log(System.Logger.Level.INFO, "started Toxiproxy " + version + " at " + api + " (" + owned.describe()
                    + " of " + image + ", from " + origin + ")");
            return new ToxiproxyServer(api, version, image, owned, addressing);
        } catch (RuntimeException e) {
            owned.close();
            throw new NetworkBackendException("cannot start the Toxiproxy container " + image + " (from " + origin + "): "
                    + e.getMessage(), e);
        }
    }

    /** Makes port {@code port} of this machine's loopback reachable in the container as {@code host.testcontainers.internal}. */
    private static void forwardHostPort(int port) {
        try {
            Testcontainers.exposeHostPorts(port);
        } catch (Exception e) { // Testcontainers throws the SSH tunnel's IOException undeclared
            throw new NetworkBackendException("cannot forward port " + port + " of this machine into the Toxiproxy"
                    + " container (" + ContainerAddressing.HOST_ALIAS + "): " + e, e);
        }
    }

    private static String version(URI api) {
        try (VersionProbe probe = new VersionProbe()) {
            return probe.await(api, READY_TIMEOUT, new CompletableFuture<>());
        } catch (VersionProbe.ExitedEarly e) {
            throw new IllegalStateException("no process was watched", e);
        }
    }

    /** A host for a URI: an IPv6 literal goes in brackets. */
    static String uriHost(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    @Override
    public String describe() {
        String id = container.getContainerId();
        return id == null ? "container (not started)" : "container " + id.substring(0, Math.min(12, id.length()));
    }

    /** Stops and removes the container and removes the shutdown hook. */
    @Override
    public void close() {
        stop();
        OwnedServer.removeShutdownHook(shutdownHook, LOG, "the Toxiproxy container");
    }

    private void stop() {
        if (stopped.compareAndSet(false, true)) {
            container.stop();
        }
    }
}
