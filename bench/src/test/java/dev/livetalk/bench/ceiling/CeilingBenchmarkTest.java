package dev.livetalk.bench.ceiling;

import dev.livetalk.run.RunSettings;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CeilingBenchmarkTest {
    @Test
    void shouldWarmUpOnTheSmallestCountThenInterleaveTheCountsInEveryRoundSmallestFirst() throws Exception {
        CeilingSettings settings = new CeilingSettings(ScaleShapeTest.shape(), List.of(200, 50, 100),
                Duration.ofSeconds(20), 2, "reconcile", 1);
        List<String> played = new ArrayList<>();
        StringWriter text = new StringWriter();
        CeilingResult result = new CeilingBenchmark(settings, null, RunSettings.DEFAULTS, new PrintWriter(text, true))
                .plays((count, duration, round) -> {
                    played.add(count + "/" + duration.toSeconds() + "s/" + round);
                    return new CeilingRound(count, round, 1, count * 50_000L, 3, 4, 5,
                            new CpuSnapshot.CpuUse(1, 0.1, 0.2, 0.5, 0.25), 30, 10);
                });
        assertThat(played).containsExactly("50/6s/0", "50/20s/1", "100/20s/1", "200/20s/1", "50/20s/2", "100/20s/2",
                "200/20s/2");
        assertThat(result.clients()).containsExactly(50, 100, 200);
        assertThat(result.rounds()).hasSize(6);
        assertThat(result.largestHolding(true)).hasValue(200); // 10 ms at 200 holds: at or below the budget
        assertThat(text.toString()).contains("warm-up 1/1 50 clients for 6 s, not counted")
                .containsPattern("round 2/2 +200 clients  scheduling lag p50 +0\\.00 ms  p99 +10\\.00 ms");
    }

    @Test
    void shouldSumTheRunLengthsOfEveryPlay() throws Exception {
        // per play: 2 s warm-up + 60 s + 5 s quiesce; the warm-up play 2 + 6 + 5
        CeilingSettings settings = new CeilingSettings(ScaleShapeTest.shape(), List.of(50, 100, 200, 400),
                Duration.ofSeconds(60), 3, "reconcile", 1);
        assertThat(CeilingBenchmark.playSeconds(settings)).isEqualTo(67 * 12 + 13);
    }
}
