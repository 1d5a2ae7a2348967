package dev.livetalk.server;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.strategies.WorkerThreadIOStrategy;
import org.glassfish.tyrus.container.grizzly.server.GrizzlyServerFilter;
import org.glassfish.tyrus.container.grizzly.server.WebSocketAddOn;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.WebSocketEngine;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A Tyrus server container on Grizzly that binds one address (loopback), unlike Tyrus's
 * own Grizzly container, which always binds 0.0.0.0. Otherwise it does what that container
 * does: worker-thread I/O strategy, no Grizzly keep-alive idle timeout, the public
 * {@link WebSocketAddOn}; and one thing it does not: an {@link UpgradeDeadlineFilter} closes
 * connections that have not upgraded to WebSocket within the upgrade timeout (its timer is
 * the thread {@code livetalk-server-upgrade-deadline}). Started and stopped by {@link ReferenceServer} on its caller's
 * thread; Grizzly runs its own selector and worker threads.
 */
final class LoopbackServerContainer extends TyrusServerContainer {
    private static final String LISTENER = "livetalk";

    private final String host;
    private final Map<String, Object> properties;
    private final WebSocketEngine engine;
    private final Duration upgradeTimeout;
    private final ScheduledExecutorService deadlines;
    private HttpServer server;
    private volatile NetworkListener listener;
    private String contextPath;

    LoopbackServerContainer(String host, int incomingBufferBytes, Duration upgradeTimeout) {
        super((Set<Class<?>>) null);
        this.host = host;
        this.upgradeTimeout = upgradeTimeout;
        this.deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "livetalk-server-upgrade-deadline");
            thread.setDaemon(true);
            return thread;
        });
        this.properties = Map.of(TyrusWebSocketEngine.INCOMING_BUFFER_SIZE, incomingBufferBytes);
        this.engine = TyrusWebSocketEngine.builder(this).incomingBufferSize(incomingBufferBytes).build();
    }

    @Override
    public void register(Class<?> endpointClass) throws DeploymentException {
        engine.register(endpointClass, contextPath);
    }

    @Override
    public void register(ServerEndpointConfig serverEndpointConfig) throws DeploymentException {
        engine.register(serverEndpointConfig, contextPath);
    }

    @Override
    public WebSocketEngine getWebSocketEngine() {
        return engine;
    }

    /** Binds {@code host:port} (0 for a free port) and serves endpoints under {@code rootPath}. */
    @Override
    public void start(String rootPath, int port) throws IOException, DeploymentException {
        contextPath = rootPath;
        server = new HttpServer();
        NetworkListener bound = new NetworkListener(LISTENER, host, port);
        server.addListener(bound);
        bound.getTransport().setIOStrategy(WorkerThreadIOStrategy.getInstance());
        bound.getKeepAlive().setIdleTimeoutInSeconds(-1);
        bound.registerAddOn(new WebSocketAddOn(this, contextPath));
        bound.registerAddOn(this::addUpgradeDeadline);
        listener = bound;
        server.start();
        super.start(rootPath, port);
    }

    /** Puts the deadline filter just before Tyrus's filter, which the WebSocket add-on placed. */
    private void addUpgradeDeadline(NetworkListener bound, FilterChainBuilder builder) {
        int tyrus = builder.indexOfType(GrizzlyServerFilter.class);
        if (tyrus < 0) {
            throw new IllegalStateException("the WebSocket add-on must run first: no Tyrus filter in the chain");
        }
        builder.add(tyrus, new UpgradeDeadlineFilter(upgradeTimeout, deadlines));
    }

    /** The bound port once started, else -1. */
    @Override
    public int getPort() {
        NetworkListener bound = listener;
        return bound != null && bound.getPort() > 0 ? bound.getPort() : -1;
    }

    @Override
    public void stop() {
        super.stop();
        deadlines.shutdownNow();
        if (server != null) {
            server.shutdownNow();
        }
    }

    @Override
    public Map<String, Object> getProperties() {
        return properties;
    }
}
