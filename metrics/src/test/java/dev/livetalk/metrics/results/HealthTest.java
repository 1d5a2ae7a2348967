package dev.livetalk.metrics.results;

import dev.livetalk.metrics.correctness.ConvergenceFigures;
import dev.livetalk.metrics.correctness.CorrectnessFigures;
import dev.livetalk.metrics.correctness.Outcome;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HealthTest {
    private static final long LIMIT = Health.SCHEDULING_LAG_LIMIT_NANOS;

    /** A run of reconcile with {@code sends} sends, {@code late} of them late ({@code null}: not recorded). */
    private static ResultsDocument document(String network, long sends, Long late, long lagP99) {
        CorrectnessFigures correctness = new CorrectnessFigures(3, 3, 100.0, 0, 0, 0, 0, 1.0, 0, 0, 0, 0,
                Map.of(Outcome.OK, 10L), new ConvergenceFigures(0, 0, 0, null, null, null));
        Percentiles p = new Percentiles(sends, lagP99 / 2, lagP99, lagP99, lagP99, lagP99);
        StrategyResult result = new StrategyResult("reconcile", correctness,
                List.of(new LatencyFigures("scheduling-lag", "all", p, p, 0)), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(), null, null, null, late);
        return ResultsDocument.of("outage", 4, network, new Environment(null, null, 2), null, List.of(result));
    }

    private static boolean trusted(long sends, long late) {
        return document("toxiproxy", sends, late, late == 0 ? 0 : 2 * LIMIT).health().trusted();
    }

    @Test
    void shouldTrustAShortRunWithFewerThanTheMinimumOfLateSendsWhateverItsP99() {
        // 80 sends, the default scenarios' size: p99 is the single latest send
        assertThat(trusted(80, 2)).isTrue();
        assertThat(trusted(80, 3)).isFalse();
        assertThat(Health.LATE_SENDS_MIN).isEqualTo(3);
        assertThat(trusted(5, 2)).isTrue();
        assertThat(trusted(5, 3)).isFalse();
    }

    @Test
    void shouldTrustARunWithAtMostOnePercentOfItsSendsLate() {
        assertThat(trusted(300, 3)).isTrue();
        assertThat(trusted(301, 4)).isFalse();
        assertThat(trusted(400, 4)).isTrue();
        assertThat(trusted(400, 5)).isFalse();
    }

    @Test
    void shouldJudgeALongRunByItsP99() {
        assertThat(trusted(100_000, 1_000)).isTrue();
        assertThat(trusted(100_000, 1_001)).isFalse();
        assertThat(trusted(100_000, 0)).isTrue();
    }

    /** Over 1% late is p99 over the limit, by the same histogram values: a long run's rule is the p99 rule. */
    @Test
    void shouldCountMoreThanOnePercentLateExactlyWhenTheP99IsOverTheLimit() {
        Random random = new Random(42);
        for (int run = 0; run < 2_000; run++) {
            Histogram h = new Histogram(3);
            int sends = 1 + random.nextInt(400);
            long never = random.nextInt(10) == 0 ? random.nextInt(3) : 0;
            for (int i = 0; i < sends; i++) {
                h.recordValue(random.nextInt(4) == 0 ? LIMIT - 20_000 + random.nextInt(40_000) : random.nextInt(30_000_000));
            }
            long late = Percentiles.countAbove(h, never, LIMIT);
            long count = sends + never;
            assertThat(late * 100 > count).as("run %d: %d late of %d", run, late, count)
                    .isEqualTo(Percentiles.of(h, never).p99() > LIMIT);
        }
    }

    @Test
    void shouldCountASampleByTheValueThePercentilesShowAndEveryNeverAsLate() {
        Histogram h = new Histogram(3);
        h.recordValue(LIMIT);          // shown as a value above the limit (its bucket's highest)
        h.recordValue(LIMIT - 10_000); // shown within it
        h.recordValue(3 * LIMIT);
        assertThat(h.highestEquivalentValue(LIMIT)).isGreaterThan(LIMIT);
        assertThat(Percentiles.countAbove(h, 2, LIMIT)).isEqualTo(4);
        assertThatThrownBy(() -> Percentiles.countAbove(h, -1, LIMIT)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("samples that never came must be >= 0: -1");
    }

    @Test
    void shouldSayHowManySendsWereLateAndTheRule() {
        Health health = document("toxiproxy", 80, 3L, 12_340_000).health();
        assertThat(health.warnings("outage")).containsExactly("harness health: outage / reconcile: 3 of 80 sends"
                + " (3.8%) over 10 ms late, scheduling-lag p99 12.3 ms: the harness was late itself, its latency figures"
                + " are not to be trusted (untrusted when more than 1% of the sends, and at least 3, over 10 ms late;"
                + " --strict exits 1)");
        assertThat(document("toxiproxy", 80, 2L, 12_340_000).health().warnings("outage")).isEmpty();
    }

    /**
     * A document written before the count was recorded (its health section as it was then) has none: it
     * is read, and judged by its p99 alone, as when it was written.
     */
    @Test
    void shouldReadAnOlderDocumentWithoutTheCountAndJudgeItByItsP99() throws Exception {
        ObjectNode older = (ObjectNode) new ObjectMapper().readTree(
                ResultsJson.toJson(document("toxiproxy", 80, null, LIMIT + 1)));
        older.set("health", new ObjectMapper().readTree("{\"schedulingLagLimit\": 10000000, \"checked\": true,"
                + " \"trusted\": false, \"strategies\": [{\"strategy\": \"reconcile\", \"schedulingLagP99\": 10000001,"
                + " \"trusted\": false}]}"));
        assertThat(older.get("strategies").get(0).has("lateSends")).isFalse();

        ResultsDocument read = ResultsJson.fromJson(older.toString());
        assertThat(read.strategies().getFirst().lateSends()).isNull();
        Health health = read.health();
        assertThat(health.trusted()).isFalse();
        assertThat(health.warnings("outage")).containsExactly("harness health: outage / reconcile: scheduling-lag p99"
                + " 10.0 ms over 10 ms (no count of late sends in this older results.json): the harness was late itself,"
                + " its latency figures are not to be trusted (untrusted without that count when its scheduling-lag"
                + " p99 is over 10 ms; --strict exits 1)");
        assertThat(document("toxiproxy", 80, null, LIMIT).health().trusted()).isTrue();
    }

    @Test
    void shouldNotCheckTheSimulatorAndWriteTheSectionIntoResultsJson() {
        Health sim = document("sim", 80, 50L, 50_000_000).health();
        assertThat(sim.checked()).isFalse();
        assertThat(sim.trusted()).isTrue();
        String json = ResultsJson.toJson(document("toxiproxy", 80, 4L, 20_000_000));
        assertThat(json).contains("\"lateSends\" : 4", "\"health\" : {", "\"lateSendsMin\" : 3",
                "\"schedulingLagP99\" : 20000000", "\"sends\" : 80", "\"trusted\" : false");
        assertThat(ResultsJson.fromJson(json).health().trusted()).isFalse();
        assertThat(ResultsJson.fromJson(json).strategies().getFirst().lateSends()).isEqualTo(4);
    }

    @Test
    void shouldRefuseANegativeCountOfLateSends() {
        assertThatThrownBy(() -> document("toxiproxy", 80, -1L, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("late sends must be >= 0: -1");
    }
}
