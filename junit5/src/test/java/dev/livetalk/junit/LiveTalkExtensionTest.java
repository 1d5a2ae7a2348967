package dev.livetalk.junit;

import dev.livetalk.metrics.gate.Verdict;
import dev.livetalk.metrics.results.ResultsJson;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.opentest4j.AssertionFailedError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * The extension as a user's test meets it: fixture classes (nested, so that Surefire does not
 * run them by themselves) are run by the JUnit Platform's {@link EngineTestKit}, and their
 * outcome, failure message and written folder are checked.
 */
class LiveTalkExtensionTest {

    private static EngineExecutionResults execute(Class<?> fixture) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture)).execute();
    }

    private static Throwable failureOf(EngineExecutionResults results) {
        List<Event> failed = results.testEvents().failed().list();
        assertThat(failed).as("failed tests").hasSize(1);
        return failed.getFirst().getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
    }

    // ---- a passing run

    @LiveTalk
    static class PassingRun {
        static volatile LiveTalkResults results;

        @org.junit.jupiter.api.Test
        void reconcileKeepsOutageBudgets(LiveTalkRunner livetalk) {
            results = livetalk.play(Fixtures.scenarioFile("outage")).strategies("reconcile").run();
        }
    }

    @Test
    void aRunWhoseBudgetsHoldPassesAndWritesTheUsualFolder() {
        execute(PassingRun.class).testEvents().assertStatistics(s -> s.started(1).succeeded(1).failed(0));
        LiveTalkResults results = PassingRun.results;
        assertThat(results.passed()).isTrue();
        assertThat(results.network()).isEqualTo("sim");
        assertThat(results.seed()).isEqualTo(4);
        StrategyFigures reconcile = results.strategy("reconcile");
        assertThat(reconcile.lost()).isZero();
        assertThat(reconcile.duplicates()).isZero();
        assertThat(reconcile.converged()).isTrue();
        assertThat(reconcile.budgets()).hasSize(5).allMatch(b -> b.passed());
        assertThat(reconcile.latency("peer-final").p99().isNever()).isFalse();
        assertThat(reconcile.convergenceMax()).hasValueSatisfying(l -> assertThat(l.isNever()).isFalse());
        Path folder = results.folder();
        assertThat(folder).endsWith(Path.of(PassingRun.class.getName(), "reconcileKeepsOutageBudgets", "outage"));
        assertThat(folder.getParent().getParent().getParent()).endsWith(Path.of("target", "livetalk"));
        for (String file : List.of("results.json", "junit.xml", "fault-schedule.json", "reconcile.hlog", "index.html",
                "summary.md", "ledger/reconcile")) {
            assertThat(folder.resolve(file)).as(file).exists();
        }
        assertThat(results.report()).contains(folder.resolve("index.html"));
    }

    // ---- a failing budget

    @LiveTalk
    static class FailingBudget {
        @org.junit.jupiter.api.Test
        void eventOnlyLosesWhatTheOutageHid(LiveTalkRunner livetalk) {
            livetalk.play(ScenarioSource.yaml(Fixtures.OUTAGE_BUDGETS)).run();
        }
    }

    /**
     * The lines are those {@code livetalk run --network sim} printed for the same scenario file
     * (Fixtures.OUTAGE_BUDGETS), and those of the verdict of the written results.json.
     */
    @Test
    void aFailedBudgetFailsTheTestWithTheCommandLinesLinesAndTheReport() throws IOException {
        Throwable failure = failureOf(execute(FailingBudget.class));
        assertThat(failure).isInstanceOf(AssertionFailedError.class);
        Path folder = Path.of("target", "livetalk", FailingBudget.class.getName(), "eventOnlyLosesWhatTheOutageHid",
                "outage-budgets").toAbsolutePath().normalize();
        List<String> fromResults = Verdict.of(ResultsJson.read(folder.resolve("results.json")), List.of()).failures()
                .stream().map(Verdict.Failure::line).toList();
        assertThat(failure.getMessage()).isEqualTo("failed (" + fromResults.size() + "):\n"
                + String.join("\n", fromResults.stream().map(l -> "  " + l).toList()) + "\n"
                + "report: " + folder.resolve("index.html"));
        assertThat(failure.getMessage()).contains(CLI_LINES);
        assertThat(Files.readString(folder.resolve("junit.xml"))).contains("<failure");
    }

    /**
     * What {@code livetalk run --network sim outage-budgets.yaml} (Fixtures.OUTAGE_BUDGETS as a
     * file) listed under "failed (2):", copied from its console.
     */
    private static final String CLI_LINES = """
              outage-budgets / event-only (seed 4): budget `lost == 0`: lost = 64, budget == 0
              outage-budgets / event-only (seed 4): budget `converged == 100% for event-only`: converged = 25%, budget == 100%
            """;

    @LiveTalk
    static class FailingBudgetAllowed {
        static volatile LiveTalkResults results;

        @org.junit.jupiter.api.Test
        void assertsOnItsOwn(LiveTalkRunner livetalk) {
            results = livetalk.play(ScenarioSource.yaml(Fixtures.OUTAGE_BUDGETS)).allowFailedBudgets().run();
        }
    }

    @Test
    void aTestThatAllowsFailedBudgetsGetsThemInTheResults() {
        execute(FailingBudgetAllowed.class).testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
        LiveTalkResults results = FailingBudgetAllowed.results;
        assertThat(results.passed()).isFalse();
        assertThat(results.verdict().word()).isEqualTo("FAIL");
        assertThat(String.join("\n", results.failures()) + "\n").isEqualTo(CLI_LINES.replace("  ", ""));
        assertThat(results.strategy("event-only").failedBudgets()).isNotEmpty();
        assertThat(results.strategy("reconcile").failedBudgets()).isEmpty();
    }

    // ---- budgets for none of the strategies played

    @LiveTalk
    static class NothingJudged {
        @org.junit.jupiter.api.Test
        void eventOnlyAgainstBudgetsForReconcile(LiveTalkRunner livetalk) {
            livetalk.play(Fixtures.scenarioFile("outage")).strategies("event-only").withoutLedger().run();
        }
    }

    /**
     * outage.yaml's budgets are all for reconcile: a test that plays only event-only judged none of
     * them, and fails saying so (NOT JUDGED, as {@code livetalk run} exits 5), never passes silently.
     */
    @Test
    void aRunThatJudgesNoneOfItsBudgetsFailsTheTestListingThem() throws IOException {
        Throwable failure = failureOf(execute(NothingJudged.class));

        assertThat(failure).isInstanceOf(AssertionFailedError.class);
        Path folder = Path.of("target", "livetalk", NothingJudged.class.getName(), "eventOnlyAgainstBudgetsForReconcile",
                "outage").toAbsolutePath().normalize();
        assertThat(failure.getMessage()).startsWith("not judged (5):\n  outage (seed 4): budget `lost == 0 for"
                        + " reconcile`: not judged: it is for reconcile, which the run did not play\n")
                .endsWith("\nscenario outage (seed 4) has 5 budgets and none applies to a strategy the run played:"
                        + " nothing of it was judged\nreport: " + folder.resolve("index.html"))
                .doesNotContain("failed (");
        assertThat(folder.resolve("results.json")).content().contains("\"notJudged\"");
        assertThat(folder.resolve("junit.xml")).content().contains("<testcase classname=\"outage.not-judged\"",
                "<testsuite name=\"livetalk.budgets\" tests=\"1\" failures=\"1\"");
    }

    @LiveTalk
    static class NothingJudgedAllowed {
        static volatile LiveTalkResults results;

        @org.junit.jupiter.api.Test
        void assertsOnItsOwn(LiveTalkRunner livetalk) {
            results = livetalk.play(Fixtures.scenarioFile("outage")).strategies("event-only").allowFailedBudgets()
                    .withoutReport().withoutLedger().run();
        }
    }

    @Test
    void aTestThatAllowsFailedBudgetsGetsTheBudgetsNotJudgedAndNoPass() {
        execute(NothingJudgedAllowed.class).testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
        LiveTalkResults results = NothingJudgedAllowed.results;
        assertThat(results.passed()).isFalse();
        assertThat(results.verdict().word()).isEqualTo("NOT JUDGED");
        assertThat(results.failures()).isEmpty();
        assertThat(results.notJudged()).hasSize(5).first().isEqualTo("outage (seed 4): budget `lost == 0 for reconcile`:"
                + " not judged: it is for reconcile, which the run did not play");
    }

    // ---- the test's own strategy

    @LiveTalk
    static class OwnStrategy {
        static volatile LiveTalkResults bySupplier;
        static volatile LiveTalkResults byProvider;

        @org.junit.jupiter.api.Test
        void givenAsAConstructor(LiveTalkRunner livetalk) {
            bySupplier = livetalk.play(Fixtures.scenarioFile("outage")).strategy(SeqPlaceStrategy::new)
                    .strategies("reconcile").allowFailedBudgets().withoutReport().run();
        }

        @org.junit.jupiter.api.Test
        void givenAsAProviderClass(LiveTalkRunner livetalk) {
            byProvider = livetalk.play(Fixtures.scenarioFile("outage")).strategy(SeqPlaceStrategy.Provider.class)
                    .allowFailedBudgets().withoutReport().withoutLedger().run();
        }
    }

    @Test
    void aStrategyOfTheTestsOwnPlaysBesideBuiltInOnes() {
        execute(OwnStrategy.class).testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
        LiveTalkResults results = OwnStrategy.bySupplier;
        assertThat(results.strategies()).extracting(StrategyFigures::name).containsExactly("seq-place", "reconcile");
        StrategyFigures mine = results.strategy("seq-place");
        assertThat(mine.lost()).as("seq-place fetches nothing after the outage").isPositive();
        assertThat(mine.duplicates()).isZero();
        assertThat(results.strategy("reconcile").lost()).isZero();
        assertThat(results.report()).isEmpty();
        assertThat(OwnStrategy.byProvider.strategies()).extracting(StrategyFigures::name).containsExactly("seq-place");
        assertThat(OwnStrategy.byProvider.strategy("seq-place").lost()).isEqualTo(mine.lost());
        assertThat(OwnStrategy.byProvider.folder().resolve("ledger")).doesNotExist();
    }

    // ---- bad input

    @LiveTalk
    static class BadScenario {
        @org.junit.jupiter.api.Test
        void invalid(LiveTalkRunner livetalk) {
            livetalk.play(ScenarioSource.yaml("""
                    name: bad
                    seed: 1
                    duration: 5 parsecs
                    users: {count: 2, prefix: user}
                    rooms: {count: 1, prefix: room}
                    load: {rate: 1, arrival: constant}
                    """)).run();
        }
    }

    @Test
    void anInvalidScenarioFailsNamingTheLineAndTheRule() {
        Throwable failure = failureOf(execute(BadScenario.class));
        assertThat(failure).isInstanceOf(IllegalArgumentException.class);
        assertThat(failure.getMessage()).startsWith("invalid scenario, nothing was run:\ninline scenario:3:")
                .contains("duration");
    }

    @LiveTalk
    static class MissingFile {
        @org.junit.jupiter.api.Test
        void missing(LiveTalkRunner livetalk) {
            livetalk.play(ScenarioSource.file("no/such/scenario.yaml")).run();
        }
    }

    @Test
    void aMissingScenarioFileFailsNamingItAndWhereItWasLookedFor() {
        Throwable failure = failureOf(execute(MissingFile.class));
        assertThat(failure).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("scenario file no/such/scenario.yaml not found (relative paths are read from "
                        + Path.of("").toAbsolutePath());
    }

    @LiveTalk
    static class UnknownStrategy {
        @org.junit.jupiter.api.Test
        void unknown(LiveTalkRunner livetalk) {
            livetalk.play(Fixtures.scenarioFile("outage")).strategies("seq-sort").run();
        }
    }

    @Test
    void anUnknownStrategyFailsNamingTheKnownOnes() {
        Throwable failure = failureOf(execute(UnknownStrategy.class));
        assertThat(failure).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown strategy 'seq-sort'; known: event-only, naive-retry, ordered, gap-fill,"
                        + " reconcile, snapshot");
    }

    @LiveTalk
    static class ClashingName {
        @org.junit.jupiter.api.Test
        void clash(LiveTalkRunner livetalk) {
            livetalk.play(Fixtures.scenarioFile("outage")).strategy(new dev.livetalk.client.strategy.NamedStrategyProvider(
                    "reconcile", "not the real one", settings -> new SeqPlaceStrategy()) { }).run();
        }
    }

    @Test
    void aStrategyWithABuiltInNameIsRefused() {
        Throwable failure = failureOf(execute(ClashingName.class));
        assertThat(failure).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the test's strategy reconcile (dev.livetalk.junit.SeqPlaceStrategy) has the name of a"
                        + " built-in strategy: give it a name of its own");
    }

    // ---- determinism

    @LiveTalk
    static class SameSeedTwice {
        static volatile LiveTalkResults first;
        static volatile LiveTalkResults second;
        static volatile LiveTalkResults otherSeed;

        @org.junit.jupiter.api.Test
        void twice(LiveTalkRunner livetalk) {
            first = play(livetalk).seed(11).run();
            second = play(livetalk).seed(11).run();
            otherSeed = play(livetalk).seed(12).run();
        }

        private static Play play(LiveTalkRunner livetalk) {
            return livetalk.play(Fixtures.scenarioFile("lost-ack")).strategies("naive-retry", "reconcile")
                    .allowFailedBudgets().withoutReport().withoutLedger();
        }
    }

    @Test
    void theSimulatorGivesTheSameFiguresForTheSameSeed() {
        execute(SameSeedTwice.class).testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
        LiveTalkResults first = SameSeedTwice.first;
        LiveTalkResults second = SameSeedTwice.second;
        assertThat(second.folder()).isNotEqualTo(first.folder());
        assertThat(second.folder().getFileName().toString()).isEqualTo("lost-ack-2");
        assertThat(second.document().strategies()).isEqualTo(first.document().strategies());
        assertThat(second.document().faultSchedule()).isEqualTo(first.document().faultSchedule());
        assertThat(SameSeedTwice.otherSeed.document().strategies()).as("another seed, other figures")
                .isNotEqualTo(first.document().strategies());
    }
}
