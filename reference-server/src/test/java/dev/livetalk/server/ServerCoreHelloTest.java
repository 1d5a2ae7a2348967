package dev.livetalk.server;

import dev.livetalk.protocol.ErrorCode;
import dev.livetalk.protocol.ErrorEvent;
import dev.livetalk.protocol.Hello;
import dev.livetalk.protocol.Join;
import dev.livetalk.protocol.Message;
import dev.livetalk.protocol.Ping;
import dev.livetalk.protocol.Pong;
import dev.livetalk.protocol.UserToken;
import dev.livetalk.protocol.Welcome;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.livetalk.server.CoreDriver.closes;
import static dev.livetalk.server.CoreDriver.error;
import static dev.livetalk.server.CoreDriver.events;
import static org.assertj.core.api.Assertions.assertThat;

class ServerCoreHelloTest {
    private final CoreDriver driver = new CoreDriver();

    @Test
    void shouldWelcomeUserWithValidTokenAndEpoch() {
        ConnectionId id = driver.open();
        List<ServerOutput> out = driver.frame(id, CoreDriver.hello("alice", null, Map.of()));

        assertThat(events(out, id)).singleElement().isInstanceOfSatisfying(Welcome.class, welcome -> {
            assertThat(welcome.epoch()).isEqualTo(CoreDriver.EPOCH);
            assertThat(welcome.session()).isEqualTo("s" + id.value());
            assertThat(welcome.rooms()).isEmpty();
        });
    }

    @Test
    void shouldCloseWhenFirstEventIsNotHello() {
        ConnectionId id = driver.open();
        List<ServerOutput> out = driver.frame(id, new Join("lobby"));

        assertThat(error(out.subList(0, 1), id).code()).isEqualTo(ErrorCode.HELLO_REQUIRED);
        assertThat(error(out.subList(0, 1), id).message()).contains("first event must be hello", "join");
        assertThat(closes(out, id, ErrorCode.HELLO_REQUIRED)).isTrue();
        assertThat(driver.core.connectionCount()).isZero();
    }

    @Test
    void shouldCloseOnSecondHello() {
        ConnectionId id = driver.login("alice");
        List<ServerOutput> out = driver.frame(id, CoreDriver.hello("alice", null, Map.of()));

        assertThat(closes(out, id, ErrorCode.HELLO_REQUIRED)).isTrue();
    }

    @Test
    void shouldCloseOnUnsupportedVersionNamingTheVersion() {
        ConnectionId id = driver.open();
        List<ServerOutput> out = driver.frame(id, new Hello("alice", UserToken.of(CoreDriver.SECRET, "alice"), 99));

        ErrorEvent error = (ErrorEvent) events(out, id).getFirst();
        assertThat(error.code()).isEqualTo(ErrorCode.UNSUPPORTED_VERSION);
        assertThat(error.message()).isEqualTo("version must be 1: 99");
        assertThat(closes(out, id, ErrorCode.UNSUPPORTED_VERSION)).isTrue();
    }

    @Test
    void shouldCloseWhenTokenBelongsToAnotherUser() {
        ConnectionId id = driver.open();
        String alicesToken = UserToken.of(CoreDriver.SECRET, "alice");
        List<ServerOutput> out = driver.frame(id, new Hello("bob", alicesToken, 1));

        assertThat(((ErrorEvent) events(out, id).getFirst()).code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
        assertThat(closes(out, id, ErrorCode.UNAUTHENTICATED)).isTrue();
    }

    @Test
    void shouldCloseWhenTokenIsKeyedWithAnotherSecret() {
        ConnectionId id = driver.open();
        List<ServerOutput> out = driver.frame(id, new Hello("alice", UserToken.of("other-secret", "alice"), 1));

        assertThat(closes(out, id, ErrorCode.UNAUTHENTICATED)).isTrue();
    }

    @Test
    void shouldCloseConnectionWhenHelloIsMalformed() {
        ConnectionId id = driver.open();
        List<ServerOutput> out = driver.json(id, "{\"type\":\"hello\",\"user\":\"alice\",\"version\":1}");

        assertThat(error(out, id).code()).isEqualTo(ErrorCode.HELLO_REQUIRED);
        assertThat(error(out, id).message()).isEqualTo("first event must be a hello: missing-field: hello needs field token");
        assertThat(closes(out, id, ErrorCode.HELLO_REQUIRED)).isTrue();
        assertThat(driver.core.connectionCount()).isZero();
    }

    @Test
    void shouldRejectFromFieldInSendSoSenderCannotBeImpersonated() {
        ConnectionId alice = driver.member("alice", "lobby");
        List<ServerOutput> out = driver.json(alice,
                "{\"type\":\"send\",\"room\":\"lobby\",\"clientMsgId\":\"m1\",\"body\":\"hi\",\"from\":\"bob\"}");

        assertThat(error(out, alice).code()).isEqualTo(ErrorCode.INVALID_FIELD);
        assertThat(error(out, alice).ref()).isEqualTo("m1");
        assertThat(driver.committed).isEmpty();
    }

    @Test
    void shouldStampMessagesWithTheAuthenticatedUser() {
        ConnectionId alice = driver.member("alice", "lobby");
        driver.json(alice, "{\"type\":\"send\",\"room\":\"lobby\",\"clientMsgId\":\"m1\",\"body\":\"hi\"}");

        assertThat(driver.committed).extracting(Message::from).containsExactly("alice");
        assertThat(driver.committed.getFirst().serverTime())
                .isEqualTo(CoreDriver.WALL_CLOCK_OFFSET + driver.now() / 1_000_000);
    }

    @Test
    void shouldAnswerPingWithPongCarryingTheSameT() {
        ConnectionId id = driver.login("alice");

        assertThat(events(driver.frame(id, new Ping(42)), id)).containsExactly(new Pong(42));
    }

    @Test
    void shouldIgnoreFramesOfClosedOrUnknownConnections() {
        ConnectionId id = driver.login("alice");
        driver.core.onClose(id, driver.now());

        assertThat(driver.frame(id, new Ping(1))).isEmpty();
        assertThat(driver.core.onClose(id, driver.now())).isEmpty();
    }
}
