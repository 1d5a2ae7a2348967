package dev.livetalk.server;

import dev.livetalk.protocol.HistoryRequest;
import dev.livetalk.protocol.Leave;
import dev.livetalk.protocol.Message;
import dev.livetalk.protocol.Ping;
import dev.livetalk.protocol.Read;
import dev.livetalk.protocol.ReceiptKind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The core tells its listener of every request it receives: what the clients cost the server. */
class ServerCoreRequestsTest {
    private final List<String> requests = new ArrayList<>();
    private final ServerConfig config = ServerConfig.builder(CoreDriver.SECRET).commitListener(new CommitListener() {
        @Override
        public void onCommit(Message message) {
        }

        @Override
        public void onRequest(String type) {
            requests.add(type);
        }
    }).build();
    private final CoreDriver server = new CoreDriver(new ServerCore(config, CoreDriver.EPOCH,
            CoreDriver.WALL_CLOCK_OFFSET), config);

    @Test
    void shouldCountHellosJoinsLeavesHistoryRequestsAndSendsButNotMarkersNorPings() {
        ConnectionId alice = server.member("alice", "lobby"); // hello, join
        server.send(alice, "lobby", "c1", "hi");
        server.send(alice, "lobby", "c1", "hi"); // a resend counts again, though the server dedupes it
        server.frame(alice, HistoryRequest.range("lobby", 1, 1));
        server.frame(alice, new Read("lobby", 1, ReceiptKind.READ));
        server.frame(alice, new Ping(1));
        server.frame(alice, new Leave("lobby"));

        assertThat(requests).containsExactly("hello", "join", "send", "send", "history", "leave");
    }

    @Test
    void shouldCountARequestTheCoreRefuses() {
        ConnectionId bob = server.login("bob");
        server.send(bob, "lobby", "c1", "not a member"); // refused: bob never joined

        assertThat(requests).containsExactly("hello", "send");
    }
}
