package dev.livetalk.metrics.results;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WordsTest {
    @Test
    void countsGroupThousandsWithCommas() {
        assertThat(Words.count(200_000, "simulated run")).isEqualTo("200,000 simulated runs");
        assertThat(Words.count(1_000, "seed")).isEqualTo("1,000 seeds");
        assertThat(Words.count(999, "strategy")).isEqualTo("999 strategies");
        assertThat(Words.count(1, "strategy run")).isEqualTo("1 strategy run");
    }

    @Test
    void numbersGroupAlikeInEveryLocale() {
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.GERMANY); // would write 1.234.567
            assertThat(Words.number(1_234_567)).isEqualTo("1,234,567");
        } finally {
            java.util.Locale.setDefault(before);
        }
        assertThat(Words.number(-12_345)).isEqualTo("-12,345");
        assertThat(Words.number(0)).isEqualTo("0");
    }

    @Test
    void shouldWriteAShareWithoutDecimalsUnlessItNeedsOne() {
        assertThat(Words.percent(62.5)).isEqualTo("62.5%");
        assertThat(Words.percent(100.0 * 1 / 6)).isEqualTo("16.7%");
        assertThat(Words.percent(75)).isEqualTo("75%");
        assertThat(Words.percent(100)).isEqualTo("100%");
        assertThat(Words.percent(0)).isEqualTo("0%");
        assertThat(Words.percent(12.04)).isEqualTo("12%");
        assertThat(Words.percent(150)).as("not a share: above 100 as it is").isEqualTo("150%");
    }

    @Test
    void shouldNeverWriteAShareBetweenNoneAndAllAsNoneOrAll() {
        assertThat(Words.percent(99.96)).isEqualTo("99.9%");
        assertThat(Words.percent(100.0 * 1999 / 2000)).isEqualTo("99.9%");
        assertThat(Words.percent(0.04)).isEqualTo("0.1%");
    }
}
