package dev.livetalk.client.tyrus;

import dev.livetalk.client.ClientSession;
import dev.livetalk.client.Link;
import dev.livetalk.client.SessionConfig;
import dev.livetalk.client.transcript.TranscriptListener;
import dev.livetalk.protocol.LinkRole;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * A send racing with its connection's end: whatever Tyrus throws for a socket that closed after the
 * open check is a transport error of that link, never a harness failure.
 */
class DrivenClientSendTest {
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final ClientDriver driver = new ClientDriver(Duration.ofSeconds(2), failures::add);

    @AfterEach
    void close() {
        driver.close();
    }

    /** A session that says it is open, whose every send throws {@code thrown}, as Tyrus does once its socket closed. */
    private static Session closingUnderneath(RuntimeException thrown) {
        RemoteEndpoint.Async remote = (RemoteEndpoint.Async) Proxy.newProxyInstance(
                DrivenClientSendTest.class.getClassLoader(), new Class<?>[] {RemoteEndpoint.Async.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("sendText")) {
                        throw thrown;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return (Session) Proxy.newProxyInstance(DrivenClientSendTest.class.getClassLoader(),
                new Class<?>[] {Session.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "isOpen" -> true;
                    case "getAsyncRemote" -> remote;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private DrivenClient.Connection connectionOver(Session session) {
        DrivenClient client = driver.add(new ClientSession(SessionConfig.builder("ann", "secret").rooms("general").strategy("reconcile").build(),
                TranscriptListener.NONE), Map.of(LinkRole.MAIN, URI.create("ws://127.0.0.1:9/chat")));
        return client.new Connection(new Link(LinkRole.MAIN, 1), session);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"not-connected", "closed-session", "executor-gone"})
    void shouldCountASendOnASocketThatClosedUnderneathAsATransportError(String kind) throws Exception {
        RuntimeException thrown = switch (kind) {
            case "not-connected" -> new RuntimeException("Socket is not connected."); // TyrusWebSocket's own
            case "closed-session" -> new IllegalStateException("The connection has been closed.");
            default -> new RejectedExecutionException("shut down");
        };
        DrivenClient.Connection connection = connectionOver(closingUnderneath(thrown));

        assertThatCode(() -> connection.send("{\"type\":\"ping\"}")).doesNotThrowAnyException();

        assertThat(driver.transportErrors()).isEqualTo(1);
        assertThat(failures).isEmpty();
    }

    @Test
    void shouldSendNothingOnALinkWithoutASocket() throws Exception {
        DrivenClient.Connection connection = connectionOver(null);

        connection.send("{\"type\":\"ping\"}");

        assertThat(driver.transportErrors()).isEqualTo(1);
    }
}
