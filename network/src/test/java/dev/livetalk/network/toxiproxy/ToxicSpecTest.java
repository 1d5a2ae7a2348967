package dev.livetalk.network.toxiproxy;

import dev.livetalk.protocol.Direction;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ToxicSpecTest {

    @Test
    void shouldRejectNegativeLatencyNamingTheValue() {
        assertThatThrownBy(() -> new ToxicSpec.Latency(Duration.ofMillis(-5), Duration.ZERO, Direction.DOWNSTREAM))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("latency must be >= 0 ms: -5 ms");
    }

    @Test
    void shouldRejectNegativeJitter() {
        assertThatThrownBy(() -> new ToxicSpec.Latency(Duration.ofMillis(10), Duration.ofMillis(-1), Direction.UPSTREAM))
                .hasMessage("jitter must be >= 0 ms: -1 ms");
    }

    @Test
    void shouldRejectNegativeBandwidthButAllowZero() {
        assertThat(new ToxicSpec.Bandwidth(0, Direction.UPSTREAM).rateKilobytesPerSecond()).isZero();
        assertThatThrownBy(() -> new ToxicSpec.Bandwidth(-3, Direction.UPSTREAM))
                .hasMessage("bandwidth rate (KB/s) must be >= 0: -3");
    }

    @Test
    void shouldRejectSlicerVariationNotBelowAverage() {
        assertThatThrownBy(() -> new ToxicSpec.Slicer(0, 0, Duration.ZERO, Direction.DOWNSTREAM))
                .hasMessage("slicer average size must be > 0 bytes: 0");
        assertThatThrownBy(() -> new ToxicSpec.Slicer(10, 10, Duration.ZERO, Direction.DOWNSTREAM))
                .hasMessage("slicer size variation must be >= 0 and < the average size 10 bytes: 10");
    }

    @Test
    void shouldRejectNegativeLimitAndTimeouts() {
        assertThatThrownBy(() -> new ToxicSpec.LimitData(-1, Direction.DOWNSTREAM))
                .hasMessage("limit_data bytes must be >= 0: -1");
        assertThatThrownBy(() -> new ToxicSpec.Timeout(Duration.ofMillis(-2), Direction.DOWNSTREAM))
                .hasMessage("timeout must be >= 0 ms: -2 ms");
        assertThatThrownBy(() -> new ToxicSpec.ResetPeer(Duration.ofMillis(-2), Direction.DOWNSTREAM))
                .hasMessage("reset_peer timeout must be >= 0 ms: -2 ms");
        assertThatThrownBy(() -> new ToxicSpec.SlowClose(Duration.ofMillis(-2), Direction.DOWNSTREAM))
                .hasMessage("slow_close delay must be >= 0 ms: -2 ms");
    }

    @Test
    void shouldRequireDirection() {
        assertThatThrownBy(() -> new ToxicSpec.ResetPeer(Duration.ZERO, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("direction");
    }

    @Test
    void shouldNameEachKindAsToxiproxyDoes() {
        assertThat(new ToxicSpec.SlowClose(Duration.ZERO, Direction.UPSTREAM).kind()).isEqualTo("slow_close");
        assertThat(new ToxicSpec.ResetPeer(Duration.ZERO, Direction.UPSTREAM).kind()).isEqualTo("reset_peer");
        assertThat(new ToxicSpec.LimitData(1, Direction.UPSTREAM).kind()).isEqualTo("limit_data");
        assertThat(new ToxicSpec.Down().kind()).isEqualTo("down");
        assertThat(new ToxicSpec.Stall().kind()).isEqualTo("stall");
    }
}
