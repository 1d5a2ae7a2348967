package dev.livetalk.server;

import dev.livetalk.protocol.ErrorCode;
import dev.livetalk.protocol.ErrorEvent;
import dev.livetalk.protocol.Join;
import dev.livetalk.protocol.Leave;
import dev.livetalk.protocol.Ping;
import dev.livetalk.protocol.Pong;
import dev.livetalk.protocol.ResumeStatus;
import dev.livetalk.protocol.Welcome;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.livetalk.server.CoreDriver.closes;
import static dev.livetalk.server.CoreDriver.closesAny;
import static dev.livetalk.server.CoreDriver.error;
import static dev.livetalk.server.CoreDriver.events;
import static org.assertj.core.api.Assertions.assertThat;

/** The connection rules of a server under abuse: before the hello, caps, limits per user, admission before decoding. */
class ServerCoreHardeningTest {

    private static ServerConfig.Builder config() {
        return ServerConfig.builder(CoreDriver.SECRET);
    }

    @Test
    void shouldCloseConnectionWhoseFirstFrameTheCodecRejects() {
        CoreDriver driver = new CoreDriver();
        ConnectionId id = driver.open();

        List<ServerOutput> out = driver.json(id, "{not json");

        assertThat(error(out, id).code()).isEqualTo(ErrorCode.HELLO_REQUIRED);
        assertThat(error(out, id).message()).startsWith("first event must be a hello: malformed-json: ");
        assertThat(closes(out, id, ErrorCode.HELLO_REQUIRED)).isTrue();
        assertThat(driver.core.connectionCount()).isZero();
    }

    @Test
    void shouldCloseConnectionWhoseFirstFrameIsBinary() {
        CoreDriver driver = new CoreDriver();
        ConnectionId id = driver.open();

        List<ServerOutput> out = driver.core.onBinaryFrame(id, 12, driver.now());

        assertThat(error(out, id).message()).startsWith("first event must be a hello: binary-frame: ");
        assertThat(closes(out, id, ErrorCode.HELLO_REQUIRED)).isTrue();
    }

    @Test
    void shouldCloseConnectionWithoutHelloAtTheHelloTimeoutAndNotBefore() {
        CoreDriver driver = new CoreDriver(config().helloTimeout(Duration.ofSeconds(10)).idleTimeout(Duration.ofSeconds(30)));
        ConnectionId silent = driver.open();
        ConnectionId alice = driver.login("alice");
        assertThat(driver.core.nextDeadline()).isEqualTo(driver.now() + Duration.ofSeconds(10).toNanos());

        driver.advance(Duration.ofMillis(9_999));
        assertThat(driver.core.onTick(driver.now())).isEmpty();
        driver.advance(Duration.ofMillis(1));
        List<ServerOutput> out = driver.core.onTick(driver.now());

        assertThat(error(out, silent).message())
                .isEqualTo("hello must come within 10000 ms of the connection opening: none after 10000 ms");
        assertThat(closes(out, silent, ErrorCode.HELLO_REQUIRED)).isTrue();
        assertThat(events(out, alice)).isEmpty();
        assertThat(driver.core.connectionCount()).isEqualTo(1);
        assertThat(driver.core.nextDeadline()).isEqualTo(driver.now() + Duration.ofSeconds(20).toNanos());
    }

    @Test
    void shouldRefuseConnectionBeyondTheTotalCapAndTakeOneAfterAClose() {
        CoreDriver driver = new CoreDriver(config().maxConnections(2));
        ConnectionId first = driver.open();
        driver.open();
        ConnectionId third = new ConnectionId(99);

        List<ServerOutput> out = driver.core.onOpen(third, driver.now());

        assertThat(error(out, third).code()).isEqualTo(ErrorCode.TOO_MANY_CONNECTIONS);
        assertThat(error(out, third).message()).isEqualTo("connections must stay within 2 on this server: 2 open");
        assertThat(closes(out, third, ErrorCode.TOO_MANY_CONNECTIONS)).isTrue();
        assertThat(driver.core.connectionCount()).isEqualTo(2);
        assertThat(driver.core.onFrame(third, new dev.livetalk.protocol.Decoded.Ok<>(new Ping(1)), driver.now())).isEmpty();

        driver.core.onClose(first, driver.now());
        assertThat(driver.core.onOpen(third, driver.now())).isEmpty();
    }

    @Test
    void shouldRefuseHelloOfAUserHoldingItsConnectionCap() {
        CoreDriver driver = new CoreDriver(config().maxConnectionsPerUser(2));
        ConnectionId first = driver.login("alice");
        driver.login("alice");
        ConnectionId third = driver.open();

        List<ServerOutput> out = driver.frame(third, CoreDriver.hello("alice", null, Map.of()));

        assertThat(error(out, third).message()).isEqualTo("connections of user \"alice\" must stay within 2: 2 open");
        assertThat(closes(out, third, ErrorCode.TOO_MANY_CONNECTIONS)).isTrue();
        driver.login("bob");
        driver.core.onClose(first, driver.now());
        driver.login("alice");
    }

    @Test
    void shouldRateLimitAUserOverAllItsConnectionsAndAcrossReconnects() {
        CoreDriver driver = new CoreDriver(config().rateLimit(10, 4));
        ConnectionId one = driver.login("alice");
        ConnectionId two = driver.login("alice");
        driver.frame(one, new Ping(1));
        driver.frame(one, new Ping(2));
        driver.frame(two, new Ping(3));
        driver.frame(two, new Ping(4));
        assertThat(error(driver.frame(two, new Ping(5)), two).code()).isEqualTo(ErrorCode.RATE_LIMITED);
        ConnectionId bob = driver.login("bob");
        assertThat(events(driver.frame(bob, new Ping(6)), bob)).containsExactly(new Pong(6));

        driver.core.onClose(one, driver.now());
        driver.core.onClose(two, driver.now());
        driver.core.onTick(driver.now());
        ConnectionId again = driver.login("alice");
        assertThat(error(driver.frame(again, new Ping(7)), again).code()).isEqualTo(ErrorCode.RATE_LIMITED);

        driver.advance(Duration.ofMillis(100));
        assertThat(events(driver.frame(again, new Ping(8)), again)).containsExactly(new Pong(8));
    }

    @Test
    void shouldCountAbuseOfAUserAcrossReconnects() {
        CoreDriver driver = new CoreDriver(config().abuse(3, Duration.ofSeconds(10)));
        ConnectionId first = driver.login("mallory");
        driver.frame(first, new Leave("nowhere"));
        driver.frame(first, new Leave("nowhere"));
        driver.core.onClose(first, driver.now());
        driver.core.onTick(driver.now());

        ConnectionId second = driver.login("mallory");
        List<ServerOutput> out = driver.frame(second, new Leave("nowhere"));

        assertThat(closes(out, second, ErrorCode.ABUSE)).isTrue();
        assertThat(((ErrorEvent) events(out, second).get(1)).message())
                .isEqualTo("rejected frames must stay below 3 per 10000 ms per user: 3");
        ConnectionId other = driver.login("alice");
        assertThat(closesAny(driver.frame(other, new Leave("nowhere")))).isFalse();
    }

    @Test
    void shouldChargeFramesBeforeDecodingAndNotChargeTheirDecodedEventAgain() {
        CoreDriver driver = new CoreDriver(config().rateLimit(10, 2));
        ConnectionId alice = driver.login("alice");
        for (int t = 1; t <= 2; t++) {
            assertThat(driver.core.admit(alice, 20, driver.now())).isEqualTo(new Admission(true, List.of()));
            assertThat(events(driver.frame(alice, new Ping(t)), alice)).containsExactly(new Pong(t));
        }
        Admission refused = driver.core.admit(alice, 20, driver.now());

        assertThat(refused.decode()).isFalse();
        assertThat(error(refused.outputs(), alice).code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(error(refused.outputs(), alice).message()).endsWith("per user: 20 bytes dropped before decoding");
        assertThat(error(refused.outputs(), alice).ref()).isNull();
    }

    @Test
    void shouldChargeTheBytesOfFramesBeforeDecoding() {
        CoreDriver driver = new CoreDriver(config().inboundBytesLimit(65_536, 65_536));
        ConnectionId alice = driver.login("alice");
        assertThat(driver.core.admit(alice, 60_000, driver.now()).decode()).isTrue();
        assertThat(driver.core.admit(alice, 60_000, driver.now()).decode()).isFalse();

        driver.advance(Duration.ofSeconds(1));
        assertThat(driver.core.admit(alice, 60_000, driver.now()).decode()).isTrue();
    }

    @Test
    void shouldAdmitTheHelloUnchargedAndNothingForAnUnknownConnection() {
        CoreDriver driver = new CoreDriver(config().rateLimit(10, 1));
        ConnectionId id = driver.open();
        assertThat(driver.core.admit(id, 100, driver.now()).decode()).isTrue();
        driver.frame(id, CoreDriver.hello("alice", null, Map.of()));
        assertThat(events(driver.frame(id, new Ping(1)), id)).containsExactly(new Pong(1));

        assertThat(driver.core.admit(new ConnectionId(42), 10, driver.now())).isEqualTo(new Admission(false, List.of()));
    }

    @Test
    void shouldRefuseAJoinThatWouldCreateARoomBeyondTheCap() {
        CoreDriver driver = new CoreDriver(config().maxRooms(2));
        ConnectionId alice = driver.member("alice", "a", "b");

        List<ServerOutput> out = driver.frame(alice, new Join("c"));

        assertThat(error(out, alice).code()).isEqualTo(ErrorCode.TOO_MANY_ROOMS);
        assertThat(error(out, alice).message()).isEqualTo("rooms must stay within 2 on this server: room \"c\" would be one more");
        assertThat(closesAny(out)).isFalse();
        assertThat(driver.core.roomCount()).isEqualTo(2);
        ConnectionId bob = driver.login("bob");
        assertThat(events(driver.frame(bob, new Join("a")), bob)).hasSize(1);
        ConnectionId carol = driver.open();
        Welcome welcome = (Welcome) events(driver.frame(carol, CoreDriver.hello("carol", CoreDriver.EPOCH,
                Map.of("d", 0L, "b", 0L))), carol).getFirst();
        assertThat(welcome.resume()).containsOnly(Map.entry("d", ResumeStatus.FORBIDDEN), Map.entry("b", ResumeStatus.RESUMED));
        assertThat(driver.core.roomCount()).isEqualTo(2);
    }
}
