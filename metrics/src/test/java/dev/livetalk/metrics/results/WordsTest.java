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
}
