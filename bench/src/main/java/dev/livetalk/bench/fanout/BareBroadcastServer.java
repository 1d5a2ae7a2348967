package dev.livetalk.bench.fanout;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import dev.livetalk.server.TyrusLogging;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.ServerContainer;
import org.glassfish.tyrus.spi.ServerContainerFactory;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

/**
 * The baseline of the fan-out benchmark: a Tyrus endpoint that sends every text frame it
 * receives to every open session, with no parsing, sequencing, dedupe or history.
 *
 * <p>Also the bare layers of {@code livetalk calibrate}: with two clients it relays each frame of
 * one to the other, the least a Tyrus server can do.
 *
 * <p>Threads: Tyrus's Grizzly workers call the endpoint; the session set is concurrent.
 */
public final class BareBroadcastServer implements AutoCloseable {
    /** The endpoint's path. */
    public static final String PATH = "/bare";

    private final ServerContainer container;
    private final int port;

    private BareBroadcastServer(ServerContainer container, int port) {
        this.container = container;
        this.port = port;
    }

    /** Starts a server on a free loopback port. */
    public static BareBroadcastServer start() throws IOException, DeploymentException {
        TyrusLogging.configure(false);
        ServerContainer container = ServerContainerFactory.createServerContainer(Map.of());
        BareBroadcastEndpoint endpoint = new BareBroadcastEndpoint();
        container.addEndpoint(ServerEndpointConfig.Builder.create(BareBroadcastEndpoint.class, PATH)
                .configurator(new SingletonConfigurator(endpoint))
                .build());
        container.start("/", 0);
        return new BareBroadcastServer(container, ((TyrusServerContainer) container).getPort());
    }

    /** Where clients connect. */
    public URI uri() {
        return URI.create("ws://127.0.0.1:" + port + PATH);
    }

    /** The port it listens on, on 127.0.0.1. */
    public int port() {
        return port;
    }

    @Override
    public void close() {
        container.stop();
    }

    /** Hands Tyrus one pre-built endpoint instance for every session. */
    static final class SingletonConfigurator extends ServerEndpointConfig.Configurator {
        private final Endpoint endpoint;

        SingletonConfigurator(Endpoint endpoint) {
            this.endpoint = endpoint;
        }

        @Override
        public <T> T getEndpointInstance(Class<T> endpointClass) {
            return endpointClass.cast(endpoint);
        }
    }
}
