package dev.livetalk.reports;

import dev.livetalk.metrics.results.ResultsDocument;
import dev.livetalk.metrics.results.StrategyResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MergeTest {
    @TempDir
    Path temp;

    @Test
    void shouldJoinShardsOfOneSeedKeepingEachStrategysFolder() {
        Path eventOnly = Fixtures.copy("outage", temp.resolve("shard1"), d -> only(d, "event-only"));
        Path reconcile = Fixtures.copy("outage", temp.resolve("shard2"), d -> only(d, "reconcile"));

        List<ScenarioSection> sections = Merge.sections(List.of(RunFolder.read(eventOnly), RunFolder.read(reconcile)));

        assertThat(sections).hasSize(1);
        ScenarioSection.SeedRun run = sections.get(0).first();
        assertThat(run.document().strategies()).extracting(StrategyResult::strategy).containsExactly("event-only", "reconcile");
        assertThat(run.folders()).containsExactly(temp.resolve("shard1"), temp.resolve("shard2"));
        assertThat(run.missingHlogs()).isEmpty();
    }

    @Test
    void shouldMakeOtherSeedsOfAScenarioASpread() {
        Path seed9 = Fixtures.copy("outage", temp.resolve("seed9"), d -> Fixtures.with(d, 9, s -> s));

        List<ScenarioSection> sections = Merge.sections(List.of(RunFolder.read(Fixtures.resultsFiles().get(2)),
                RunFolder.read(Fixtures.resultsFiles().get(0)), RunFolder.read(seed9)));

        assertThat(sections).extracting(ScenarioSection::scenario).containsExactly("outage", "baseline");
        assertThat(sections.get(0).seeds()).containsExactly(4L, 9L);
        assertThat(sections.get(0).severalSeeds()).isTrue();
    }

    @Test
    void shouldRefuseAStrategyTwiceForOneSeed() {
        Path again = Fixtures.copy("outage", temp.resolve("again"), d -> d);

        assertThatThrownBy(() -> Merge.sections(List.of(RunFolder.read(Fixtures.resultsFiles().get(2)),
                RunFolder.read(again))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("strategy event-only of scenario outage seed 4 appears twice");
    }

    private static ResultsDocument only(ResultsDocument d, String strategy) {
        return ResultsDocument.of(d.scenario(), d.seed(), d.network(), d.environment(),
                d.faultSchedule(), List.of(d.strategy(strategy)));
    }
}
