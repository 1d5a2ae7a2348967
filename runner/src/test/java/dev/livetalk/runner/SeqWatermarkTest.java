package dev.livetalk.runner;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SeqWatermarkTest {
    @Test
    void shouldAdvanceOnlyOverContiguousSeqs() {
        SeqWatermark watermark = new SeqWatermark();
        watermark.onShown(2);
        assertThat(watermark.contiguous()).isZero();
        watermark.onShown(1);
        assertThat(watermark.contiguous()).isEqualTo(2);
        watermark.onShown(4);
        watermark.onShown(4);
        assertThat(watermark.contiguous()).isEqualTo(2);
        watermark.onShown(3);
        assertThat(watermark.contiguous()).isEqualTo(4);
        watermark.onShown(2);
        assertThat(watermark.contiguous()).isEqualTo(4);
    }

    @Test
    void shouldRecountAfterARemovalMadeItStale() {
        SeqWatermark watermark = new SeqWatermark();
        List.of(1L, 2L, 3L).forEach(watermark::onShown);
        watermark.onRemoved();
        assertThat(watermark.isStale()).isTrue();
        watermark.recount(List.of(1L, 3L));
        assertThat(watermark.isStale()).isFalse();
        assertThat(watermark.contiguous()).isEqualTo(1);
    }
}
