package dev.livetalk.reports;

import dev.livetalk.metrics.results.ResultsDocument;
import dev.livetalk.metrics.results.StrategyResult;
import dev.livetalk.scenarios.fault.DirectionSelector;
import dev.livetalk.scenarios.fault.FaultKind;
import dev.livetalk.scenarios.fault.FaultSchedule;
import dev.livetalk.scenarios.fault.FaultWindow;
import dev.livetalk.scenarios.fault.LinkSelector;
import dev.livetalk.scenarios.fault.ResetPeerFault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
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

    @Test
    void shouldRefuseShardsOfOneSeedWhoseSchedulesDifferNamingTheWindow() {
        Path eventOnly = Fixtures.copy("outage", temp.resolve("shard1"), d -> only(d, "event-only"));
        Path reconcile = Fixtures.copy("outage", temp.resolve("shard2"), d -> longer(only(d, "reconcile")));

        assertThatThrownBy(() -> Merge.sections(List.of(RunFolder.read(eventOnly), RunFolder.read(reconcile))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shards of scenario outage seed 4 must have the same fault schedule")
                .hasMessageContaining("differ (window 0: outage #0 down 1s..3s DownFault[] both [user1, user2, user3,"
                        + " user4, user5, user6, user7, user8] both and outage #0 down 1s..4s");
    }

    @Test
    void shouldReadTheTypedSchedulesOfTheRecordedVersion1Documents() {
        List<RunFolder> runs = Fixtures.runs();

        assertThat(runs).extracting(r -> r.document().version()).containsOnly(ResultsDocument.VERSION);
        assertThat(runs.get(0).document().faultSchedule()).isEqualTo(new FaultSchedule(1, List.of()));
        FaultSchedule flapping = runs.get(1).document().faultSchedule();
        assertThat(flapping.seed()).isEqualTo(3);
        assertThat(flapping.windows()).extracting(FaultWindow::start)
                .containsExactly(Duration.ofMillis(1000), Duration.ofMillis(2500), Duration.ofMillis(4000));
        assertThat(flapping.windows()).allSatisfy(w -> {
            assertThat(w.parameters()).isEqualTo(new ResetPeerFault(Duration.ZERO));
            assertThat(w.end()).isEqualTo(w.start().plusMillis(300));
            assertThat(w.clients()).containsExactly("user2", "user4");
            assertThat(w.direction()).isEqualTo(DirectionSelector.BOTH);
            assertThat(w.link()).isEqualTo(LinkSelector.BOTH);
        });
        assertThat(runs.get(2).document().faultSchedule().windows()).singleElement().satisfies(w -> {
            assertThat(w.kind()).isEqualTo(FaultKind.DOWN);
            assertThat(w.end()).isEqualTo(Duration.ofSeconds(3));
            assertThat(w.clients()).hasSize(8);
        });
    }

    private static ResultsDocument longer(ResultsDocument d) {
        FaultWindow w = d.faultSchedule().windows().get(0);
        FaultSchedule schedule = new FaultSchedule(d.faultSchedule().seed(), List.of(new FaultWindow(w.fault(),
                w.occurrence(), w.start(), w.end().plusSeconds(1), w.parameters(), w.direction(), w.clients(), w.link(),
                w.serverSide())));
        return ResultsDocument.of(d.scenario(), d.seed(), d.network(), d.environment(), schedule, d.strategies());
    }

    private static ResultsDocument only(ResultsDocument d, String strategy) {
        return ResultsDocument.of(d.scenario(), d.seed(), d.network(), d.environment(),
                d.faultSchedule(), List.of(d.strategy(strategy)));
    }
}
