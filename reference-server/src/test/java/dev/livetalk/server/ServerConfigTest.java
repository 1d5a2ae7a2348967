package dev.livetalk.server;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ServerConfigTest {

    @Test
    void shouldUseBenchmarkFriendlyDefaults() {
        ServerConfig config = ServerConfig.builder("s").build();

        assertThat(config.port()).isZero();
        assertThat(config.historyLimit()).isEqualTo(10_000);
        assertThat(config.ratePerSecond()).isEqualTo(100);
        assertThat(config.rateBurst()).isEqualTo(200);
        assertThat(config.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.maxFrameBytes()).isEqualTo(64 * 1024);
        assertThat(config.maxBodyChars()).isEqualTo(4096);
        assertThat(config.maxHistoryReply()).isEqualTo(1000);
        assertThat(config.epoch()).isNull();
        assertThat(config.commitListener()).isSameAs(CommitListener.NONE);
        assertThat(config.outboundQueueBytes()).isEqualTo(8L * 1024 * 1024);
        assertThat(config.upgradeTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void shouldKeepOneHistoryReplyWithinTheOutboundBytes() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ServerConfig.builder("s").maxReplyBytes(2 << 20).outboundQueueBytes(1 << 20).build())
                .withMessage("outboundQueueBytes must be >= maxReplyBytes (2097152 bytes: one history reply must fit): 1048576");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ServerConfig.builder("s").upgradeTimeout(Duration.ZERO).build())
                .withMessage("upgradeTimeout must be > 0: PT0S");
    }

    @Test
    void shouldRequireSecret() {
        assertThatIllegalArgumentException().isThrownBy(() -> ServerConfig.builder("").build())
                .withMessage("secret must not be empty: \"\"");
        assertThatIllegalArgumentException().isThrownBy(() -> ServerConfig.builder(null).build())
                .withMessage("secret must not be empty: null");
    }

    @Test
    void shouldNameValueAndRuleOfBadSettings() {
        assertThatIllegalArgumentException().isThrownBy(() -> ServerConfig.builder("s").port(70_000).build())
                .withMessage("port must be 0..65535 (0 for a free port): 70000");
        assertThatIllegalArgumentException().isThrownBy(() -> ServerConfig.builder("s").rateLimit(-3, 5).build())
                .withMessage("ratePerSecond must be > 0 events/s: -3.0");
        assertThatIllegalArgumentException().isThrownBy(() -> ServerConfig.builder("s").historyLimit(0).build())
                .withMessage("historyLimit must be >= 1: 0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ServerConfig.builder("s").idleTimeout(Duration.ZERO).build())
                .withMessage("idleTimeout must be > 0: PT0S");
        assertThatIllegalArgumentException().isThrownBy(() -> ServerConfig.builder("s").maxFrameBytes(100).build())
                .withMessage("maxFrameBytes must be >= 256: 100");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ServerConfig.builder("s").maxFrameBytes(64 << 20).build())
                .withMessageStartingWith("maxFrameBytes must be <= 4194304 bytes");
    }

    @Test
    void shouldCopyPrivateRoomsAndRoundTripThroughBuilder() {
        ServerConfig config = ServerConfig.builder("s").privateRoom("board", Set.of("alice")).historyLimit(5).build();

        assertThat(config.isPrivate("board")).isTrue();
        assertThat(config.isPrivate("lobby")).isFalse();
        assertThat(config.toBuilder().build()).isEqualTo(config);
    }
}
