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
        assertThat(config.helloTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.maxConnections()).isEqualTo(10_000);
        assertThat(config.maxConnectionsPerUser()).isEqualTo(16);
        assertThat(config.maxRooms()).isEqualTo(10_000);
        assertThat(config.maxHistoryBytes()).isEqualTo(64L << 20);
        assertThat(config.inboundBytesPerSecond()).isEqualTo(1 << 20);
        assertThat(config.inboundBytesBurst()).isEqualTo(4 << 20);
        assertThat(config.maxResumeReplay()).isEqualTo(1000);
        assertThat(config.maxResumeReplayBytes()).isEqualTo(1 << 20);
        assertThat(config.outboundQueueBytes()).isEqualTo(8L * 1024 * 1024);
        assertThat(config.upgradeTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void shouldNameValueAndRuleOfBadLimits() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ServerConfig.builder("s").helloTimeout(Duration.ofSeconds(-1)).build())
                .withMessage("helloTimeout must be > 0: PT-1S");
        assertThatIllegalArgumentException().isThrownBy(() -> ServerConfig.builder("s").maxConnections(0).build())
                .withMessage("maxConnections must be >= 1: 0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ServerConfig.builder("s").maxConnectionsPerUser(0).build())
                .withMessage("maxConnectionsPerUser must be >= 1: 0");
        assertThatIllegalArgumentException().isThrownBy(() -> ServerConfig.builder("s").maxRooms(-1).build())
                .withMessage("maxRooms must be >= 1: -1");
        assertThatIllegalArgumentException().isThrownBy(() -> ServerConfig.builder("s").maxHistoryBytes(1000).build())
                .withMessage("maxHistoryBytes must be >= 65536 bytes: 1000");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ServerConfig.builder("s").inboundBytesLimit(0, 1 << 20).build())
                .withMessage("inboundBytesPerSecond must be > 0 bytes/s: 0.0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ServerConfig.builder("s").inboundBytesLimit(1000, 1000).build())
                .withMessage("inboundBytesBurst must be >= maxFrameBytes (65536), or the largest frames never pass: 1000");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ServerConfig.builder("s").maxResumeReplay(0, 4096).build())
                .withMessage("maxResumeReplay must be >= 1: 0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ServerConfig.builder("s").maxResumeReplay(10, 10).build())
                .withMessage("maxResumeReplayBytes must be >= 1024: 10");
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
        ServerConfig config = ServerConfig.builder("s").privateRoom("board", Set.of("alice")).historyLimit(5)
                .helloTimeout(Duration.ofSeconds(3)).maxConnections(7).maxConnectionsPerUser(2).maxRooms(9)
                .maxHistoryBytes(1 << 20).inboundBytesLimit(1000, 1 << 17).maxResumeReplay(11, 2048).build();

        assertThat(config.isPrivate("board")).isTrue();
        assertThat(config.isPrivate("lobby")).isFalse();
        assertThat(config.toBuilder().build()).isEqualTo(config);
    }
}
