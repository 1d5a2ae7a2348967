package dev.livetalk.server;

import dev.livetalk.protocol.ErrorCode;
import dev.livetalk.protocol.ErrorEvent;
import dev.livetalk.protocol.Join;
import dev.livetalk.protocol.Ping;
import dev.livetalk.protocol.Pong;
import dev.livetalk.protocol.ServerEvent;
import org.junit.jupiter.api.Test;
import dev.livetalk.protocol.Leave;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;

import static dev.livetalk.server.CoreDriver.closes;
import static dev.livetalk.server.CoreDriver.closesAny;
import static dev.livetalk.server.CoreDriver.error;
import static dev.livetalk.server.CoreDriver.events;
import static org.assertj.core.api.Assertions.assertThat;

class ServerCoreLimitsTest {

    @Test
    void shouldRateLimitBeyondBurstDropTheEventAndKeepTheConnection() {
        CoreDriver driver = new CoreDriver(ServerConfig.builder(CoreDriver.SECRET).rateLimit(10, 5));
        ConnectionId alice = driver.member("alice", "lobby");   // the hello is not charged, the join is
        for (int i = 0; i < 4; i++) {
            driver.send(alice, "lobby", "m" + i, "ok");
        }
        List<ServerOutput> out = driver.send(alice, "lobby", "m4", "one too many");

        assertThat(error(out, alice).code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(error(out, alice).ref()).isEqualTo("m4");
        assertThat(error(out, alice).message()).contains("10.0/s", "bursts of 5", "per user");
        assertThat(closesAny(out)).isFalse();
        assertThat(driver.committed).hasSize(4);
    }

    @Test
    void shouldRefillRateLimitOverTime() {
        CoreDriver driver = new CoreDriver(ServerConfig.builder(CoreDriver.SECRET).rateLimit(10, 2));
        ConnectionId alice = driver.login("alice");
        driver.frame(alice, new Ping(1));
        driver.frame(alice, new Ping(2));
        assertThat(error(driver.frame(alice, new Ping(2)), alice).code()).isEqualTo(ErrorCode.RATE_LIMITED);

        driver.advance(Duration.ofMillis(100));
        assertThat(events(driver.frame(alice, new Ping(3)), alice)).containsExactly(new Pong(3));
        assertThat(error(driver.frame(alice, new Ping(4)), alice).code()).isEqualTo(ErrorCode.RATE_LIMITED);
    }

    @Test
    void shouldCloseConnectionSilentForTheIdleTimeoutButNotBefore() {
        CoreDriver driver = new CoreDriver(ServerConfig.builder(CoreDriver.SECRET).idleTimeout(Duration.ofSeconds(30)));
        ConnectionId alice = driver.login("alice");
        ConnectionId bob = driver.login("bob");
        driver.advance(Duration.ofSeconds(20));
        driver.frame(bob, new Ping(1));
        driver.advance(Duration.ofMillis(9_999));
        assertThat(driver.core.onTick(driver.now())).isEmpty();

        driver.advance(Duration.ofMillis(1));
        List<ServerOutput> out = driver.core.onTick(driver.now());

        assertThat(((ErrorEvent) events(out, alice).getFirst()).code()).isEqualTo(ErrorCode.IDLE_TIMEOUT);
        assertThat(((ErrorEvent) events(out, alice).getFirst()).message()).contains("30000 ms", "silent for 30000 ms");
        assertThat(closes(out, alice, ErrorCode.IDLE_TIMEOUT)).isTrue();
        assertThat(events(out, bob)).isEmpty();
        assertThat(driver.core.nextDeadline()).isEqualTo(driver.now() + Duration.ofSeconds(20).toNanos());
    }

    @Test
    void shouldCloseConnectionThatNeverSaysHelloAfterIdleTimeout() {
        CoreDriver driver = new CoreDriver(ServerConfig.builder(CoreDriver.SECRET).idleTimeout(Duration.ofSeconds(5)));
        ConnectionId silent = driver.open();
        driver.advance(Duration.ofSeconds(5));

        assertThat(closes(driver.core.onTick(driver.now()), silent, ErrorCode.IDLE_TIMEOUT)).isTrue();
        assertThat(driver.core.nextDeadline()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void shouldCloseForAbuseWhenRejectedFramesPileUpWithinTheWindow() {
        CoreDriver driver = new CoreDriver(ServerConfig.builder(CoreDriver.SECRET)
                .abuse(5, Duration.ofSeconds(10)));
        ConnectionId mallory = driver.login("mallory");
        for (int i = 0; i < 4; i++) {
            assertThat(closesAny(driver.json(mallory, "{not json"))).isFalse();
        }
        List<ServerOutput> out = driver.json(mallory, "{not json");

        List<ServerEvent> events = events(out, mallory);
        assertThat(events).extracting(e -> ((ErrorEvent) e).code())
                .containsExactly(ErrorCode.MALFORMED_JSON, ErrorCode.ABUSE);
        assertThat(((ErrorEvent) events.get(1)).message()).isEqualTo("rejected frames must stay below 5 per 10000 ms per user: 5");
        assertThat(closes(out, mallory, ErrorCode.ABUSE)).isTrue();
    }

    @Test
    void shouldForgetRejectionsOlderThanTheAbuseWindow() {
        CoreDriver driver = new CoreDriver(ServerConfig.builder(CoreDriver.SECRET)
                .abuse(3, Duration.ofSeconds(10)));
        ConnectionId alice = driver.login("alice");
        for (int i = 0; i < 10; i++) {
            assertThat(closesAny(driver.frame(alice, new Leave("nowhere")))).isFalse();
            driver.advance(Duration.ofSeconds(6));
        }
        assertThat(driver.core.connectionCount()).isEqualTo(1);
    }

    @Test
    void shouldAnswerBinaryFrameWithBinaryFrameErrorAndKeepConnection() {
        CoreDriver driver = new CoreDriver();
        ConnectionId alice = driver.login("alice");
        List<ServerOutput> out = driver.core.onBinaryFrame(alice, 12, driver.now());

        assertThat(error(out, alice).code()).isEqualTo(ErrorCode.BINARY_FRAME);
        assertThat(error(out, alice).message()).contains("12 bytes");
        assertThat(events(driver.frame(alice, new Join("lobby")), alice)).hasSize(1);
    }

    @Test
    void shouldAnswerInvalidUtf8WithInvalidUtf8Error() {
        CoreDriver driver = new CoreDriver();
        ConnectionId alice = driver.login("alice");
        ByteBuffer bytes = ByteBuffer.wrap(new byte[] {'{', '"', (byte) 0xC3, 0x28, '"', '}'});
        List<ServerOutput> out = driver.core.onFrame(alice, driver.codec.decodeClient(bytes), driver.now());

        assertThat(error(out, alice).code()).isEqualTo(ErrorCode.INVALID_UTF8);
        assertThat(closesAny(out)).isFalse();
    }
}
