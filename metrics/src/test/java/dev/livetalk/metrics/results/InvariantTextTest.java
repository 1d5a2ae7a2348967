package dev.livetalk.metrics.results;

import dev.livetalk.metrics.correctness.ConvergenceFigures;
import dev.livetalk.metrics.correctness.CorrectnessFigures;
import dev.livetalk.metrics.correctness.Outcome;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Broken invariants are listed with the observed figure in its unit, never as a raw double. */
class InvariantTextTest {
    private static CorrectnessFigures figures(long clients, long converged, long lost) {
        return new CorrectnessFigures(clients, converged, 100.0 * converged / clients, lost, 0, 0, 0, 1.0, 0, 0, 0,
                0, Map.of(Outcome.OK, 1L), new ConvergenceFigures(0, 0, 0, null, null, null));
    }

    @Test
    void shouldShowAConvergedShareInPercentWithTheClients() {
        assertThat(Invariant.CONVERGED.observedText(figures(6, 1, 0))).isEqualTo("16.7% (1 of 6 clients)");
        assertThat(Invariant.CONVERGED.observedText(figures(4, 1, 0))).isEqualTo("25% (1 of 4 clients)");
        assertThat(Invariant.CONVERGED.observedText(figures(2000, 1999, 0)))
                .as("a share below 100% never reads 100%").isEqualTo("99.9% (1,999 of 2,000 clients)");
    }

    @Test
    void shouldShowACountAsAnInteger() {
        assertThat(Invariant.LOST.observedText(figures(4, 4, 64))).isEqualTo("64");
    }

    @Test
    void shouldCountWithTheNounInTheRightNumber() {
        assertThat(Words.count(1, "scenario")).isEqualTo("1 scenario");
        assertThat(Words.count(3, "scenario")).isEqualTo("3 scenarios");
        assertThat(Words.count(0, "strategy")).isEqualTo("0 strategies");
        assertThat(Words.count(1, "strategy run")).isEqualTo("1 strategy run");
        assertThat(Words.count(2, "strategy run")).isEqualTo("2 strategy runs");
        assertThat(Words.count(2, "day")).isEqualTo("2 days");
        assertThat(Words.count(2, "pass")).isEqualTo("2 passes");
    }
}
