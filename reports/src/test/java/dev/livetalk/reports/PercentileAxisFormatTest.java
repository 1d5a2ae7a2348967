package dev.livetalk.reports;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

class PercentileAxisFormatTest {

    @Test
    void shouldLabelDecadesAsHdrHistogramPercentiles() {
        PercentileAxisFormat format = new PercentileAxisFormat();

        assertThat(format.format(1.0)).isEqualTo("0%");
        assertThat(format.format(10.0)).isEqualTo("90%");
        assertThat(format.format(100.0)).isEqualTo("99%");
        assertThat(format.format(1000.0)).isEqualTo("99.9%");
        assertThat(format.format(100000.0)).isEqualTo("99.999%");
    }

    @Test
    void shouldPlacePercentilesAtOneOverOneMinusP() {
        assertThat(PercentileAxisFormat.positionOf(99)).isCloseTo(100.0, offset(1e-9));
        assertThat(PercentileAxisFormat.percentileAt(PercentileAxisFormat.positionOf(99.9)))
                .isCloseTo(99.9, offset(1e-9));
    }
}
