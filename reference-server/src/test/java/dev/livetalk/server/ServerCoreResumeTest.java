package dev.livetalk.server;

import dev.livetalk.protocol.Message;
import dev.livetalk.protocol.ResumeStatus;
import dev.livetalk.protocol.ServerEvent;
import dev.livetalk.protocol.Welcome;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;

import static dev.livetalk.server.CoreDriver.events;
import static org.assertj.core.api.Assertions.assertThat;

class ServerCoreResumeTest {
    private final CoreDriver driver = new CoreDriver(ServerConfig.builder(CoreDriver.SECRET)
            .historyLimit(10).privateRoom("board", Set.of("alice")));
    private final ConnectionId bob = driver.member("bob", "lobby", "kitchen");

    private void sendMessages(String room, int count) {
        for (int i = 0; i < count; i++) {
            driver.send(bob, room, room + "-" + driver.core.headSeq(room), "body");
        }
    }

    private List<ServerEvent> hello(String user, String epoch, Map<String, Long> resume) {
        ConnectionId id = driver.open();
        return events(driver.frame(id, CoreDriver.hello(user, epoch, resume)), id);
    }

    private static long seqOf(ServerEvent event) {
        return ((Message) event).seq();
    }

    @Test
    void shouldReplayMissedMessagesRightAfterWelcomeInOrder() {
        sendMessages("lobby", 7);
        List<ServerEvent> events = hello("alice", CoreDriver.EPOCH, Map.of("lobby", 4L));

        Welcome welcome = (Welcome) events.getFirst();
        assertThat(welcome.resume()).containsExactly(Map.entry("lobby", ResumeStatus.RESUMED));
        assertThat(welcome.rooms()).containsExactly(Map.entry("lobby", 7L));
        assertThat(events.subList(1, events.size())).extracting(ServerCoreResumeTest::seqOf).containsExactly(5L, 6L, 7L);
    }

    @Test
    void shouldMergeReplayWithLiveTrafficWithoutGapOrDuplicate() {
        sendMessages("lobby", 6);
        ConnectionId alice = driver.open();
        List<Long> seen = new ArrayList<>();
        events(driver.frame(alice, CoreDriver.hello("alice", CoreDriver.EPOCH, Map.of("lobby", 2L))), alice)
                .stream().skip(1).forEach(e -> seen.add(seqOf(e)));
        for (int i = 0; i < 3; i++) {
            events(driver.send(bob, "lobby", "live-" + i, "live"), alice).forEach(e -> seen.add(seqOf(e)));
        }

        assertThat(seen).containsExactlyElementsOf(LongStream.rangeClosed(3, 9).boxed().toList());
    }

    @Test
    void shouldResumeSeveralRoomsAndSendNothingForUpToDateOnes() {
        sendMessages("lobby", 3);
        sendMessages("kitchen", 2);
        List<ServerEvent> events = hello("alice", CoreDriver.EPOCH, Map.of("lobby", 3L, "kitchen", 1L));

        Welcome welcome = (Welcome) events.getFirst();
        assertThat(welcome.resume()).containsOnly(Map.entry("lobby", ResumeStatus.RESUMED),
                Map.entry("kitchen", ResumeStatus.RESUMED));
        assertThat(events.subList(1, events.size())).singleElement()
                .satisfies(e -> assertThat(((Message) e).room()).isEqualTo("kitchen"))
                .satisfies(e -> assertThat(seqOf(e)).isEqualTo(2));
    }

    @Test
    void shouldSayHistoryTruncatedWhenPositionIsOlderThanRetainedHistory() {
        sendMessages("lobby", 15);
        List<ServerEvent> events = hello("alice", CoreDriver.EPOCH, Map.of("lobby", 4L));

        assertThat(((Welcome) events.getFirst()).resume())
                .containsExactly(Map.entry("lobby", ResumeStatus.HISTORY_TRUNCATED));
        assertThat(events).hasSize(1);
    }

    @Test
    void shouldResumeFromExactlyTheOldestRetainedMessage() {
        sendMessages("lobby", 15);
        List<ServerEvent> events = hello("alice", CoreDriver.EPOCH, Map.of("lobby", 5L));

        assertThat(((Welcome) events.getFirst()).resume()).containsExactly(Map.entry("lobby", ResumeStatus.RESUMED));
        assertThat(events.subList(1, events.size())).extracting(ServerCoreResumeTest::seqOf)
                .containsExactlyElementsOf(LongStream.rangeClosed(6, 15).boxed().toList());
    }

    @Test
    void shouldSayEpochChangedWhenClientEpochDiffers() {
        sendMessages("lobby", 3);
        List<ServerEvent> events = hello("alice", "epoch-of-a-dead-server", Map.of("lobby", 2L));

        Welcome welcome = (Welcome) events.getFirst();
        assertThat(welcome.resume()).containsExactly(Map.entry("lobby", ResumeStatus.EPOCH_CHANGED));
        assertThat(welcome.rooms()).containsExactly(Map.entry("lobby", 3L));
        assertThat(events).hasSize(1);
    }

    @Test
    void shouldSayEpochChangedAfterRestartLostHistory() {
        sendMessages("lobby", 3);
        CoreDriver restarted = new CoreDriver(ServerConfig.builder(CoreDriver.SECRET), "epoch-2");
        ConnectionId alice = restarted.open();
        List<ServerEvent> events = events(restarted.frame(alice,
                CoreDriver.hello("alice", CoreDriver.EPOCH, Map.of("lobby", 3L))), alice);

        assertThat(((Welcome) events.getFirst()).epoch()).isEqualTo("epoch-2");
        assertThat(((Welcome) events.getFirst()).resume()).containsExactly(Map.entry("lobby", ResumeStatus.EPOCH_CHANGED));
    }

    @Test
    void shouldSayEpochChangedWhenPositionIsBeyondHeadWithoutEpoch() {
        sendMessages("lobby", 3);
        List<ServerEvent> events = hello("alice", null, Map.of("lobby", 30L));

        assertThat(((Welcome) events.getFirst()).resume()).containsExactly(Map.entry("lobby", ResumeStatus.EPOCH_CHANGED));
    }

    @Test
    void shouldRefuseResumeIntoPrivateRoomForUserNotAllowed() {
        List<ServerEvent> events = hello("mallory", CoreDriver.EPOCH, Map.of("board", 0L));

        Welcome welcome = (Welcome) events.getFirst();
        assertThat(welcome.resume()).containsExactly(Map.entry("board", ResumeStatus.FORBIDDEN));
        assertThat(welcome.rooms()).isEmpty();
        assertThat(((Welcome) hello("alice", CoreDriver.EPOCH, Map.of("board", 0L)).getFirst()).resume())
                .containsExactly(Map.entry("board", ResumeStatus.RESUMED));
    }

    @Test
    void shouldDeliverLiveMessagesToResumedRoomsEvenWhenTruncated() {
        sendMessages("lobby", 15);
        ConnectionId alice = driver.open();
        driver.frame(alice, CoreDriver.hello("alice", CoreDriver.EPOCH, Map.of("lobby", 1L)));

        assertThat(events(driver.send(bob, "lobby", "next", "live"), alice))
                .singleElement().satisfies(e -> assertThat(seqOf(e)).isEqualTo(16));
    }
}
