package dev.livetalk.metrics.gate;

import dev.livetalk.metrics.results.Words;
import dev.livetalk.scenarios.budget.Threshold;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FiguresTest {
    /** A budget verdict's share reads as the console's table and the reports write the same figure. */
    @Test
    void shouldWriteAShareAsEveryOtherTextDoes() {
        for (double share : new double[] {62.5, 100.0 * 1 / 12, 100.0 * 1999 / 2000, 100.0 * 2 / 3, 100, 0}) {
            assertThat(Figures.format(share, Threshold.Unit.PERCENT)).as("%s", share).isEqualTo(Words.percent(share));
        }
        assertThat(Figures.format(100.0 * 1999 / 2000, Threshold.Unit.PERCENT)).isEqualTo("99.9%");
        assertThat(Figures.format(100.0 * 1 / 12, Threshold.Unit.PERCENT)).isEqualTo("8.3%");
    }
}
