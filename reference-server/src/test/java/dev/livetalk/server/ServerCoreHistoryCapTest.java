package dev.livetalk.server;

import dev.livetalk.protocol.Ack;
import dev.livetalk.protocol.ErrorCode;
import dev.livetalk.protocol.Message;
import dev.livetalk.protocol.ResumeStatus;
import dev.livetalk.protocol.ServerEvent;
import dev.livetalk.protocol.Welcome;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.livetalk.server.CoreDriver.closesAny;
import static dev.livetalk.server.CoreDriver.error;
import static dev.livetalk.server.CoreDriver.events;
import static org.assertj.core.api.Assertions.assertThat;

/** History memory over all rooms, the resume rules (epoch, replay bound) and client message ids across rooms. */
class ServerCoreHistoryCapTest {
    private static final String KILOBYTE = "x".repeat(1000);

    private static ServerConfig.Builder config() {
        return ServerConfig.builder(CoreDriver.SECRET);
    }

    private static void sendMessages(CoreDriver driver, ConnectionId from, String room, int count, String body) {
        for (int i = 0; i < count; i++) {
            driver.send(from, room, room + "-" + driver.core.headSeq(room), body);
        }
    }

    private static List<ServerEvent> hello(CoreDriver driver, String epoch, Map<String, Long> resume) {
        ConnectionId id = driver.open();
        return events(driver.frame(id, CoreDriver.hello("alice", epoch, resume)), id);
    }

    @Test
    void shouldDropTheOldestMessagesOfAnyRoomBeyondTheHistoryMemory() {
        CoreDriver driver = new CoreDriver(config().maxHistoryBytes(65_536));
        ConnectionId bob = driver.member("bob", "old", "new");
        sendMessages(driver, bob, "old", 30, KILOBYTE);
        sendMessages(driver, bob, "new", 30, KILOBYTE);
        long perMessage = Rooms.estimatedBytes(driver.core.history("new").getFirst());

        assertThat(driver.core.historyBytes()).isLessThanOrEqualTo(65_536).isGreaterThan(65_536 - 2 * perMessage);
        assertThat(driver.core.history("new")).hasSize(30);
        List<Message> old = driver.core.history("old");
        assertThat(old.getFirst().seq()).isGreaterThan(1);
        assertThat(old.getLast().seq()).isEqualTo(30);
        long retained = 0;
        for (Message m : old) {
            retained += Rooms.estimatedBytes(m);
        }
        for (Message m : driver.core.history("new")) {
            retained += Rooms.estimatedBytes(m);
        }
        assertThat(driver.core.historyBytes()).isEqualTo(retained);

        Welcome welcome = (Welcome) hello(driver, CoreDriver.EPOCH, Map.of("old", 1L)).getFirst();
        assertThat(welcome.resume()).containsOnly(Map.entry("old", ResumeStatus.HISTORY_TRUNCATED));
    }

    @Test
    void shouldAnswerResumeWithoutEpochFromAPositionAboveZeroEpochChanged() {
        CoreDriver driver = new CoreDriver();
        ConnectionId bob = driver.member("bob", "lobby");
        sendMessages(driver, bob, "lobby", 5, "hi");

        List<ServerEvent> events = hello(driver, null, Map.of("lobby", 3L));

        assertThat(((Welcome) events.getFirst()).resume()).containsOnly(Map.entry("lobby", ResumeStatus.EPOCH_CHANGED));
        assertThat(events).hasSize(1);
        List<ServerEvent> fromZero = hello(driver, null, Map.of("lobby", 0L));
        assertThat(((Welcome) fromZero.getFirst()).resume()).containsOnly(Map.entry("lobby", ResumeStatus.RESUMED));
        assertThat(fromZero).hasSize(6);
    }

    @Test
    void shouldAnswerHistoryTruncatedForARoomWhoseReplayWouldPassTheMessageBound() {
        CoreDriver driver = new CoreDriver(config().maxResumeReplay(5, 1 << 20));
        ConnectionId bob = driver.member("bob", "a", "b", "c");
        sendMessages(driver, bob, "a", 3, "hi");
        sendMessages(driver, bob, "b", 3, "hi");
        sendMessages(driver, bob, "c", 2, "hi");
        Map<String, Long> resume = new LinkedHashMap<>();
        resume.put("a", 0L);
        resume.put("b", 0L);
        resume.put("c", 0L);

        List<ServerEvent> events = hello(driver, CoreDriver.EPOCH, resume);

        Welcome welcome = (Welcome) events.getFirst();
        assertThat(welcome.resume().get("a")).isEqualTo(ResumeStatus.RESUMED);
        assertThat(welcome.resume().get("b")).isEqualTo(ResumeStatus.HISTORY_TRUNCATED);
        assertThat(welcome.resume().get("c")).isEqualTo(ResumeStatus.RESUMED);
        assertThat(welcome.rooms()).containsOnlyKeys("a", "b", "c");
        assertThat(events.subList(1, events.size())).extracting(e -> ((Message) e).room())
                .containsExactly("a", "a", "a", "c", "c");
    }

    @Test
    void shouldAnswerHistoryTruncatedForARoomWhoseReplayWouldPassTheByteBound() {
        CoreDriver driver = new CoreDriver(config().maxResumeReplay(1000, 2048));
        ConnectionId bob = driver.member("bob", "lobby");
        sendMessages(driver, bob, "lobby", 2, KILOBYTE);

        assertThat(((Welcome) hello(driver, CoreDriver.EPOCH, Map.of("lobby", 0L)).getFirst()).resume())
                .containsOnly(Map.entry("lobby", ResumeStatus.HISTORY_TRUNCATED));
        assertThat(hello(driver, CoreDriver.EPOCH, Map.of("lobby", 1L))).hasSize(2);
    }

    @Test
    void shouldRefuseAClientMessageIdReusedInAnotherRoomAndStillAckAResendInItsRoom() {
        CoreDriver driver = new CoreDriver();
        ConnectionId alice = driver.member("alice", "a", "b");
        Ack original = (Ack) events(driver.send(alice, "a", "c1", "first"), alice).getFirst();

        List<ServerOutput> reused = driver.send(alice, "b", "c1", "second");

        assertThat(error(reused, alice).code()).isEqualTo(ErrorCode.CLIENT_MSG_ID_REUSED);
        assertThat(error(reused, alice).message()).isEqualTo("clientMsgId must be unique per user across rooms: "
                + "\"c1\" is message 1 of room \"a\", not a message of room \"b\"");
        assertThat(error(reused, alice).ref()).isEqualTo("c1");
        assertThat(closesAny(reused)).isFalse();
        assertThat(driver.committed).hasSize(1);
        assertThat(driver.core.headSeq("b")).isZero();
        assertThat(events(driver.send(alice, "a", "c1", "first"), alice)).containsExactly(original);
    }
}
