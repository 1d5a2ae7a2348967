package dev.livetalk.server;

import dev.livetalk.protocol.Ack;
import dev.livetalk.protocol.ErrorCode;
import dev.livetalk.protocol.Join;
import dev.livetalk.protocol.Joined;
import dev.livetalk.protocol.Leave;
import dev.livetalk.protocol.Message;
import dev.livetalk.protocol.ServerEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import java.time.Duration;

import static dev.livetalk.server.CoreDriver.error;
import static dev.livetalk.server.CoreDriver.events;
import static org.assertj.core.api.Assertions.assertThat;

class ServerCoreSendTest {
    private static final long SEED = 20261129L;

    private final CoreDriver driver = new CoreDriver();

    @Test
    void shouldSequenceInterleavedSendersContiguouslyAndDeliverInSeqOrder() {
        System.out.println("interleaving seed " + SEED);
        Random random = new Random(SEED);
        List<ConnectionId> senders = List.of(driver.member("alice", "lobby"), driver.member("bob", "lobby"),
                driver.member("carol", "lobby"), driver.member("alice", "lobby"));
        Map<ConnectionId, List<Long>> received = new HashMap<>();
        Map<ConnectionId, Integer> sent = new HashMap<>();
        for (int i = 0; i < 400; i++) {
            ConnectionId sender = senders.get(random.nextInt(senders.size()));
            int n = sent.merge(sender, 1, Integer::sum);
            List<ServerOutput> out = driver.send(sender, "lobby", sender + "-" + n, "body " + i);
            assertThat(events(out, sender).getFirst()).isInstanceOf(Ack.class);
            for (ConnectionId member : senders) {
                events(out, member).stream().filter(Message.class::isInstance)
                        .forEach(e -> received.computeIfAbsent(member, m -> new ArrayList<>()).add(((Message) e).seq()));
            }
            driver.advance(Duration.ofMillis(random.nextInt(20)));
        }

        List<Long> expected = LongStream.rangeClosed(1, 400).boxed().toList();
        assertThat(driver.committed).extracting(Message::seq).containsExactlyElementsOf(expected);
        senders.forEach(member -> assertThat(received.get(member)).containsExactlyElementsOf(expected));
        assertThat(driver.core.headSeq("lobby")).isEqualTo(400);
    }

    @Test
    void shouldAckSenderThenBroadcastToEveryMemberIncludingSender() {
        ConnectionId alice = driver.member("alice", "lobby");
        ConnectionId bob = driver.member("bob", "lobby");
        List<ServerOutput> out = driver.send(alice, "lobby", "m1", "hello");

        Message message = driver.committed.getFirst();
        assertThat(events(out, alice)).containsExactly(new Ack("lobby", "m1", 1, message.id()), message);
        assertThat(events(out, bob)).containsExactly(message);
        assertThat(message.body()).isEqualTo("hello");
    }

    @Test
    void shouldAnswerResendWithSameAckAndNotBroadcastAgain() {
        ConnectionId alice = driver.member("alice", "lobby");
        ConnectionId bob = driver.member("bob", "lobby");
        ServerEvent firstAck = events(driver.send(alice, "lobby", "m1", "hello"), alice).getFirst();
        driver.send(bob, "lobby", "b1", "in between");

        List<ServerOutput> resend = driver.send(alice, "lobby", "m1", "hello");

        assertThat(resend).containsExactly(new ServerOutput.Deliver(alice, firstAck));
        assertThat(driver.committed).hasSize(2);
    }

    @Test
    void shouldAnswerResendFromNewConnectionOfSameUserWithSameAck() {
        ConnectionId first = driver.member("alice", "lobby");
        ServerEvent firstAck = events(driver.send(first, "lobby", "m1", "hello"), first).getFirst();
        driver.core.onClose(first, driver.now());
        ConnectionId second = driver.member("alice", "lobby");

        assertThat(events(driver.send(second, "lobby", "m1", "hello"), second)).containsExactly(firstAck);
        assertThat(driver.committed).hasSize(1);
    }

    @Test
    void shouldCommitSameClientMsgIdOfDifferentUsersSeparately() {
        ConnectionId alice = driver.member("alice", "lobby");
        ConnectionId bob = driver.member("bob", "lobby");
        driver.send(alice, "lobby", "m1", "from alice");
        driver.send(bob, "lobby", "m1", "from bob");

        assertThat(driver.committed).extracting(Message::from).containsExactly("alice", "bob");
    }

    @Test
    void shouldForgetClientMsgIdsBeyondTheDedupeWindow() {
        CoreDriver small = new CoreDriver(ServerConfig.builder(CoreDriver.SECRET).dedupeWindow(2));
        ConnectionId alice = small.member("alice", "lobby");
        small.send(alice, "lobby", "m1", "a");
        small.send(alice, "lobby", "m2", "b");
        small.send(alice, "lobby", "m3", "c");
        small.send(alice, "lobby", "m1", "a");

        assertThat(small.committed).extracting(Message::clientMsgId).containsExactly("m1", "m2", "m3", "m1");
    }

    @Test
    void shouldRefuseSendToRoomNotJoinedNamingRoomAndRef() {
        ConnectionId alice = driver.member("alice", "lobby");
        driver.member("bob", "secret-plans");
        List<ServerOutput> out = driver.send(alice, "secret-plans", "m1", "let me in");

        assertThat(error(out, alice).code()).isEqualTo(ErrorCode.NOT_MEMBER);
        assertThat(error(out, alice).message()).isEqualTo("room must be joined before send: \"secret-plans\"");
        assertThat(error(out, alice).ref()).isEqualTo("m1");
        assertThat(driver.committed).isEmpty();
    }

    @Test
    void shouldCreatePublicRoomOnJoinAndReplyWithHeadSeq() {
        ConnectionId alice = driver.member("alice", "lobby");
        driver.send(alice, "lobby", "m1", "one");
        ConnectionId bob = driver.login("bob");

        assertThat(events(driver.frame(bob, new Join("lobby")), bob)).containsExactly(new Joined("lobby", 1));
        assertThat(events(driver.frame(bob, new Join("fresh")), bob)).containsExactly(new Joined("fresh", 0));
    }

    @Test
    void shouldStopDeliveringToConnectionAfterLeave() {
        ConnectionId alice = driver.member("alice", "lobby");
        ConnectionId bob = driver.member("bob", "lobby");
        assertThat(driver.frame(bob, new Leave("lobby"))).isEmpty();

        assertThat(events(driver.send(alice, "lobby", "m1", "gone?"), bob)).isEmpty();
        assertThat(error(driver.frame(bob, new Leave("lobby")), bob).code()).isEqualTo(ErrorCode.NOT_MEMBER);
    }

    @Test
    void shouldForbidPrivateRoomToUsersNotOnItsAllowList() {
        CoreDriver privateRooms = new CoreDriver(ServerConfig.builder(CoreDriver.SECRET)
                .privateRoom("board", Set.of("alice")));
        ConnectionId alice = privateRooms.login("alice");
        ConnectionId mallory = privateRooms.login("mallory");

        assertThat(events(privateRooms.frame(alice, new Join("board")), alice)).containsExactly(new Joined("board", 0));
        List<ServerOutput> out = privateRooms.frame(mallory, new Join("board"));
        assertThat(error(out, mallory).code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(error(out, mallory).message()).contains("\"board\"", "allow-list", "\"mallory\"");
        assertThat(error(privateRooms.send(mallory, "board", "x", "sneak"), mallory).code())
                .isEqualTo(ErrorCode.NOT_MEMBER);
        assertThat(privateRooms.committed).isEmpty();
    }

    @Test
    void shouldTellCommitListenerAboutMessagesTheBoundedHistoryDropped() {
        CoreDriver small = new CoreDriver(ServerConfig.builder(CoreDriver.SECRET).historyLimit(3));
        ConnectionId alice = small.member("alice", "lobby");
        for (int i = 1; i <= 5; i++) {
            small.send(alice, "lobby", "m" + i, "body " + i);
        }

        assertThat(small.committed).extracting(Message::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(small.core.history("lobby")).extracting(Message::seq).containsExactly(3L, 4L, 5L);
        assertThat(small.core.history("nowhere")).isEmpty();
    }
}
