package dev.livetalk.reports;

import dev.livetalk.metrics.gate.StrategyRanking;
import dev.livetalk.metrics.results.ResultsDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verdict paragraph words the section's one ranking, the same in {@code summary.md} and
 * {@code index.html}.
 */
class RankingTextTest {
    @TempDir
    Path temp;

    private ComparedSection section(String scenario, java.util.function.UnaryOperator<ResultsDocument> change) {
        Path results = Fixtures.copy(scenario, temp.resolve(scenario), change);
        return ComparedSection.of(Merge.sections(List.of(RunFolder.read(results))).get(0), null);
    }

    @Test
    void shouldNameTheCorrectStrategyAndTheFasterWithTheDecidingFigures() {
        String text = RankingText.text(section("outage", d -> d));

        assertThat(text).isEqualTo("reconcile is correct (0 lost, 0 duplicates, 0 phantoms, 0 inversions, "
                + "0 stuck pending, 100% converged); not correct: event-only (68 lost, 14 inversions, 0% converged). "
                + "On latency reconcile is best: peer-final p99 3254.8 ms against never for event-only (deliveries that "
                + "never came or never took their place: 210 of 240).");
    }

    @Test
    void shouldGiveOneStrategyItsFiguresWithoutARanking() {
        String text = RankingText.text(section("outage", d -> ResultsDocument.of(d.scenario(), d.seed(), d.network(),
                d.environment(), d.faultSchedule(), List.of(d.strategy("reconcile")))));

        assertThat(text).isEqualTo("Only reconcile ran, so nothing is ranked: 0 lost, 0 duplicates, 0 phantoms, "
                + "0 inversions, 0 stuck pending, 100% converged; peer-final p99 3254.8 ms.");
    }

    @Test
    void shouldSayIndistinguishableWithinTheHarnessNoiseRatherThanNameAWinner() {
        // 4.8 ms against 4.2 ms: 14% apart, beyond the 10% threshold but below the floor (the runs' scheduling lag)
        String text = RankingText.text(section("baseline", d -> d));

        assertThat(text).contains("event-only and reconcile are correct (")
                .contains("On latency event-only and reconcile are indistinguishable: peer-final p99 4.8 ms for "
                        + "event-only, 4.2 ms for reconcile, within the harness's noise (threshold +10% and 3.0 ms");
    }

    @Test
    void shouldSayATieWhenTheFiguresAreEqual() {
        String text = RankingText.text(section("baseline", d -> Fixtures.with(d, d.seed(),
                s -> s.strategy().equals("reconcile") ? s : new dev.livetalk.metrics.results.StrategyResult(
                        s.strategy(), s.correctness(), d.strategy("reconcile").latency(), s.budgets(), s.examples(),
                        s.hlogs(), s.convergenceByClient(), s.correctnessOverTime()))));

        assertThat(text).contains("On latency event-only and reconcile tie: peer-final p99 4.2 ms for both.");
    }

    @Test
    void shouldGiveEachNeverItsOwnCountWhenNeversTie() {
        // both never: they tie on latency, but 210 of 240 never came for event-only and 150 for reconcile
        String text = RankingText.text(section("outage", d -> Fixtures.with(d, d.seed(),
                s -> s.strategy().equals("reconcile") ? new dev.livetalk.metrics.results.StrategyResult(s.strategy(),
                        s.correctness(), d.strategy("event-only").latency().stream()
                        .map(f -> new dev.livetalk.metrics.results.LatencyFigures(f.metric(), f.phase(), f.corrected(),
                                f.raw(), f.never() == 210 ? 150 : f.never(), f.completedOnly())).toList(),
                        s.budgets(), s.examples(), s.hlogs(), s.convergenceByClient(), s.correctnessOverTime()) : s)));

        assertThat(text).contains("On latency event-only and reconcile tie: peer-final p99 never for both (deliveries "
                + "that never came or never took their place: 210 of 240 for event-only, 150 of 240 for reconcile).");
    }

    @Test
    void shouldNotCallLatenciesBeyondTheThresholdWithinTheHarnessNoise() {
        // the simulator's flapping-link: 795.9 ms against 336.9 ms, beyond 10% and the floor, and the
        // block bootstrap over 9 one-second intervals found it not significant: indistinguishable, for
        // that reason, not "within the harness's noise"
        ComparedSection v = section("baseline", d -> Fixtures.with(d, d.seed(),
                s -> s.strategy().equals("event-only") ? Fixtures.withLatencyScaled(s, 2.5) : s));
        StrategyRanking r = v.ranking();
        assertThat(r.latency().kind()).isEqualTo(StrategyRanking.Kind.WINNER); // by threshold alone here
        StrategyRanking notSignificant = new StrategyRanking(r.seed(), r.entries(), r.correctness(),
                new StrategyRanking.Outcome(StrategyRanking.Kind.INDISTINGUISHABLE, List.of("event-only", "reconcile"),
                        List.of(new StrategyRanking.Standing("reconcile", "event-only",
                                StrategyRanking.Relation.INDISTINGUISHABLE, StrategyRanking.LATENCY_FIGURE,
                                StrategyRanking.Evidence.BOOTSTRAP, -0.2, 2.1, Double.NaN))), r.tolerance());

        String text = RankingText.text(new ComparedSection(v.section(), v.comparisons(), notSignificant));

        assertThat(text).contains("On latency event-only and reconcile are indistinguishable: peer-final p99 12.1 ms "
                + "for event-only, 4.2 ms for reconcile: reconcile against event-only beyond the threshold +10% and "
                + "3.0 ms but not significant by the block bootstrap over the interval logs.")
                .doesNotContain("noise");
    }

    @Test
    void shouldDecideBetweenIncorrectStrategiesOnTheFirstCriterionBeyondCountNoise() {
        // reconcile now loses 66 messages against event-only's 68 (within count noise), but misorders none against 14
        String text = RankingText.text(section("outage", d -> Fixtures.with(d, d.seed(),
                s -> s.strategy().equals("reconcile") ? Fixtures.withLost(s, 66, false) : s)));

        assertThat(text).startsWith("No strategy is correct; on correctness reconcile is best (66 lost, 100% converged);"
                + " ahead of event-only on inversions: 0 against 14.");
    }

    @Test
    void shouldSayIndistinguishableOnCorrectnessWhenEveryDifferenceIsWithinCountNoise() {
        String text = RankingText.text(section("outage", d -> Fixtures.with(d, d.seed(),
                s -> s.strategy().equals("event-only") ? Fixtures.withLost(s, 68, false)
                        : withInversions(Fixtures.withLost(s, 66, false), 13))));

        assertThat(text).startsWith("No strategy is correct; event-only and reconcile are indistinguishable on "
                + "correctness: 68 lost for event-only against 66 lost for reconcile (within count noise).");
    }

    private static dev.livetalk.metrics.results.StrategyResult withInversions(
            dev.livetalk.metrics.results.StrategyResult s, long inversions) {
        var c = s.correctness();
        var changed = new dev.livetalk.metrics.correctness.CorrectnessFigures(c.clients(), c.convergedClients(),
                c.convergedShare(), c.lost(), c.duplicates(), c.phantoms(), inversions, c.kendallTau(),
                c.notInLongestRun(), c.moves(), c.causalViolations(), c.stuckPending(), c.outcomes(), c.convergence());
        return new dev.livetalk.metrics.results.StrategyResult(s.strategy(), changed, s.latency(), s.budgets(),
                s.examples(), s.hlogs(), s.convergenceByClient(), s.correctnessOverTime());
    }

    @Test
    void shouldRenderTheSameParagraphOnThePage() {
        ComparedSection v = section("outage", d -> d);
        StringBuilder h = new StringBuilder();

        RankingText.html(v, h);

        assertThat(h.toString()).isEqualTo("<p class=\"ranking\"><b>Verdict:</b> "
                + dev.livetalk.metrics.results.Markup.escape(RankingText.text(v)) + "</p>\n");
    }
}
