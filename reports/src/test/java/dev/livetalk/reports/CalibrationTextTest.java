package dev.livetalk.reports;

import dev.livetalk.metrics.results.Calibration;
import dev.livetalk.metrics.results.HarnessLayer;
import dev.livetalk.metrics.results.LayerLatency;
import dev.livetalk.metrics.results.Percentiles;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CalibrationTextTest {
    private static LayerLatency layer(HarnessLayer layer, long p50, long p99) {
        Percentiles corrected = new Percentiles(300, p50, (p50 + p99) / 2, p99, 2 * p99, 3 * p99);
        return new LayerLatency(layer, corrected, corrected, layer == HarnessLayer.BARE_ECHO_TOXIPROXY ? 1 : 0);
    }

    static final Calibration.Measured SAMPLE = new Calibration.Measured(3_400_000_000L, 500, "reconcile", List.of(
            layer(HarnessLayer.BARE_ECHO, 200_000, 600_000),
            layer(HarnessLayer.BARE_ECHO_TOXIPROXY, 300_000, 900_000),
            layer(HarnessLayer.FULL_STACK, 500_000, 1_200_000),
            layer(HarnessLayer.FULL_STACK_TOXIPROXY, 700_000, 2_100_000)));

    @Test
    void shouldPrintEveryLayerWithItsRatioToTheBareEchoAndTheFloorOnTheConsole() {
        assertThat(CalibrationText.table(SAMPLE)).isEqualTo("""
                layer                   count       p50       p90       p99     p99.9  lost  p50 / bare echo
                bare-echo                 300   0.20 ms   0.40 ms   0.60 ms   1.20 ms     0            1.00x
                bare-echo-toxiproxy       300   0.30 ms   0.60 ms   0.90 ms   1.80 ms     1            1.50x
                full-stack                300   0.50 ms   0.85 ms   1.20 ms   2.40 ms     0            2.50x
                full-stack-toxiproxy      300   0.70 ms   1.40 ms   2.10 ms   4.20 ms     0            3.50x
                measured in 3.4 s (500 sends/s per layer, strategy reconcile): full stack through Toxiproxy\
                 peer-first p50 0.70 ms = 3.50x the bare Tyrus echo p50 0.20 ms; noise floor 1.40 ms (its p99 2.10 ms minus p50)
                """);
    }

    @Test
    void shouldShowATableInMarkdownAndSayWhyTheFloorIsZeroWithoutMeasurement() {
        assertThat(CalibrationText.markdown(SAMPLE)).startsWith("""
                | layer | count | p50 | p90 | p99 | p99.9 | lost | p50 / bare echo |
                |---|---:|---:|---:|---:|---:|---:|---:|
                | bare-echo | 300 | 0.20 ms | 0.40 ms | 0.60 ms | 1.20 ms | 0 | 1.00x |
                """).contains("| full-stack-toxiproxy | 300 | 0.70 ms | 1.40 ms | 2.10 ms | 4.20 ms | 0 | 3.50x |\n\nmeasured in");
        assertThat(CalibrationText.markdown(new Calibration.VirtualTime())).isEqualTo(
                "noise floor 0: the simulator plays in virtual time: the harness adds no latency, so the noise floor is 0\n");
        assertThat(CalibrationText.html(new Calibration.Skipped("--no-calibration")))
                .isEqualTo("<p>noise floor 0: no calibration (--no-calibration)</p>\n");
        assertThat(CalibrationText.html(SAMPLE)).contains("<td>full-stack</td><td class=\"num\">300</td>");
    }
}
