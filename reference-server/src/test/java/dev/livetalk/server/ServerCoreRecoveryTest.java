package dev.livetalk.server;

import dev.livetalk.protocol.Ack;
import dev.livetalk.protocol.Message;
import dev.livetalk.protocol.ResumeStatus;
import dev.livetalk.protocol.Welcome;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.livetalk.server.CoreDriver.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A core started from a durable history continues where the old one stood. */
class ServerCoreRecoveryTest {

    @Test
    void shouldContinueSeqsKeepTheEpochAndAnswerAResendWithTheOriginalAck() {
        CoreDriver before = new CoreDriver(ServerConfig.builder(CoreDriver.SECRET), "e-durable");
        ConnectionId alice = before.member("alice", "lobby");
        Ack first = (Ack) events(before.send(alice, "lobby", "c1", "one"), alice).getFirst();
        before.send(alice, "lobby", "c2", "two");
        ServerHistory history = before.core.durableHistory();

        ServerCore after = new ServerCore(before.config, history, 0);
        CoreDriver driver = new CoreDriver(after, before.config);
        ConnectionId again = driver.login("alice", "e-durable", Map.of("lobby", 1L));
        List<ServerOutput> out = driver.send(again, "lobby", "c1", "one");
        List<ServerOutput> next = driver.send(again, "lobby", "c3", "three");

        assertThat(after.epoch()).isEqualTo("e-durable");
        assertThat(events(out, again)).containsExactly(first);
        assertThat(((Ack) events(next, again).getFirst()).seq()).isEqualTo(3);
        assertThat(after.history("lobby")).extracting(Message::seq).containsExactly(1L, 2L, 3L);
    }

    @Test
    void shouldResumeFromARecoveredPositionWithTheMissedMessages() {
        CoreDriver before = new CoreDriver(ServerConfig.builder(CoreDriver.SECRET), "e-durable");
        ConnectionId alice = before.member("alice", "lobby");
        before.send(alice, "lobby", "c1", "one");
        before.send(alice, "lobby", "c2", "two");
        CoreDriver driver = new CoreDriver(new ServerCore(before.config, before.core.durableHistory(), 0), before.config);

        ConnectionId bob = driver.open();
        List<ServerOutput> out = driver.frame(bob, CoreDriver.hello("bob", "e-durable", Map.of("lobby", 1L)));

        Welcome welcome = (Welcome) events(out, bob).getFirst();
        assertThat(welcome.resume()).containsEntry("lobby", ResumeStatus.RESUMED);
        assertThat(events(out, bob).subList(1, 2)).extracting(e -> ((Message) e).seq()).containsExactly(2L);
    }

    @Test
    void shouldGiveIdsThatDifferAcrossEpochsAndRefuseAHistoryWithAGap() {
        assertThat(ServerHistory.messageId("e1", "lobby", 1)).isNotEqualTo(ServerHistory.messageId("e2", "lobby", 1))
                .startsWith("lobby:1.");
        Message one = new Message("lobby", 1, "a", "c1", "alice", "x", null, 0);
        Message three = new Message("lobby", 3, "b", "c3", "alice", "x", null, 0);
        assertThatThrownBy(() -> new ServerHistory("e1", Map.of("lobby", List.of(one, three))))
                .hasMessage("room lobby's history must be contiguous: seq 3 follows 1");
    }
}
