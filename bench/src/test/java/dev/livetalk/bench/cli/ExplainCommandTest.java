package dev.livetalk.bench.cli;

import dev.livetalk.metrics.correctness.Example;
import dev.livetalk.metrics.gate.RunStop;
import dev.livetalk.metrics.ledger.DeliveryRow;
import dev.livetalk.metrics.ledger.FaultRow;
import dev.livetalk.metrics.ledger.Ledger;
import dev.livetalk.metrics.ledger.LedgerFiles;
import dev.livetalk.metrics.ledger.LedgerFolder;
import dev.livetalk.metrics.ledger.MessageRow;
import dev.livetalk.metrics.ledger.TranscriptRow;
import dev.livetalk.metrics.results.ResultsDocument;
import dev.livetalk.metrics.results.ResultsJson;
import dev.livetalk.metrics.results.ShardManifest;
import dev.livetalk.metrics.results.StrategyResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code livetalk explain}: a message's story from a run's ledgers, its lookups and its errors. */
class ExplainCommandTest extends CommandLineTest {
    private static final String KEY = "send:ann-1:c7-1";

    @TempDir
    Path dir;

    /** Ann sends c7-1 inside an outage of hers; the server commits it as lobby:1; ben shows it, cat never does. */
    private static Ledger ledger() {
        MessageRow m = new MessageRow(KEY, "lobby", "ann", "lobby:1.abcd1234", 1L, null, 1_000_000L, 1_000_000L, 1_000_000L, 1,
                List.of(new MessageRow.Sent("c7-1", 1_000_000)), List.of("c7-1"), 1_000_000L, 1_300_000L, 1_200_000L,
                List.of(new MessageRow.Commit(1, "lobby:1.abcd1234", "c7-1", 1_200_000)),
                List.of(new MessageRow.StatusStep("pending", 1_000_000), new MessageRow.StatusStep("sent", 1_300_000)),
                "sent", 0);
        List<DeliveryRow> deliveries = List.of(
                new DeliveryRow(KEY, "lobby", 1L, "ann", "ben", 1_250_000L, 1_250_000L, 0, 1, 0, null, null, null, null),
                new DeliveryRow(KEY, "lobby", 1L, "ann", "cat", null, null, null, 0, 0, null, null, null, null));
        TranscriptRow.Line line = new TranscriptRow.Line(KEY, 1, "lobby:1.abcd1234", "c7-1", "ann", "sent");
        return new Ledger(List.of(m), deliveries, List.of(
                new TranscriptRow("ann", "lobby", 0L, List.of(line), List.of()),
                new TranscriptRow("ben", "lobby", 0L, List.of(line), List.of()),
                new TranscriptRow("cat", "lobby", 0L, List.of(), List.of())),
                List.of(), List.of(), List.of(new FaultRow("outage", 0, 500_000, 1_100_000, List.of("ann"), false)));
    }

    /** A run folder with scenario {@code lobby-test} and a ledger for each of {@code strategies}. */
    private Path runFolder(String... strategies) throws IOException {
        Path run = dir.resolve("run");
        for (String strategy : strategies) {
            LedgerFiles.write(LedgerFolder.of(run.resolve("lobby-test"), strategy),
                    new LedgerFiles.Stamp("lobby-test", strategy, 1), ledger());
        }
        return run;
    }

    /** A deliveries row without its room: exit 2 naming the table, the line and the field, as audit says it. */
    @Test
    void shouldExitTwoNamingTheTableTheLineAndTheFieldOfARowWithoutARequiredField() throws IOException {
        Path run = runFolder("reconcile");
        Path deliveries = LedgerFolder.of(run.resolve("lobby-test"), "reconcile").resolve("deliveries.jsonl.gz");
        LedgerRowEdit.removeField(deliveries, 2, "room");
        assertThat(run("explain", run.toString(), KEY)).as(err.toString()).isEqualTo(2);
        assertThat(err.toString()).contains(deliveries + ": not a ledger table: line 2 has no room, a field every row"
                + " of the table has (docs/LEDGER.md)").doesNotContain("\tat ");
    }

    @Test
    void shouldTellTheStoryFoundByServerIdKeyOrClientMessageId() throws IOException {
        Path run = runFolder("reconcile");
        for (String id : List.of("lobby:1", "lobby:1.abcd1234", KEY, "c7-1")) {
            out.getBuffer().setLength(0);
            assertThat(run("explain", run.toString(), id)).as(id + ": " + err).isZero();
            assertThat(out.toString()).as(id).startsWith("== lobby-test / reconcile ==\nmessage " + KEY + " in lobby")
                    .contains("+1.000s  ann     transmission 1 of 1 as c7-1", "[outage #0]",
                            "+1.250s  ben     shown (first line)", "cat: never shown");
        }
    }

    @Test
    void shouldTellEveryStrategysStoryHeadedByScenarioAndStrategyOrOnlyTheOneAskedFor() throws IOException {
        Path run = runFolder("naive-retry", "reconcile");

        assertThat(run("explain", run.toString(), "lobby:1")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("== lobby-test / naive-retry ==", "== lobby-test / reconcile ==");
        out.getBuffer().setLength(0);
        assertThat(run("explain", run.resolve("lobby-test").toString(), "lobby:1", "--strategy", "reconcile"))
                .as(err.toString()).isZero();
        assertThat(out.toString()).contains("== lobby-test / reconcile ==").doesNotContain("naive-retry");
    }

    @Test
    void shouldListWhereToNarrowWhenTheIdNamesMoreMessagesThanItPrints() throws IOException {
        Path run = runFolder("s1", "s2", "s3", "s4", "s5");

        assertThat(run("explain", run.toString(), "lobby:1")).isEqualTo(2);
        assertThat(err.toString()).contains("'lobby:1' names 5 messages", "narrow with --scenario and --strategy",
                "livetalk explain " + run + " lobby:1 --scenario lobby-test --strategy s5").doesNotContain("\tat ");
        assertThat(out.toString()).isEmpty();
    }

    /** A file given as DIR is said to be a file, not a folder that does not exist. */
    @Test
    void shouldExitTwoSayingAFileIsNoFolder() throws IOException {
        Path file = Files.writeString(dir.resolve("results.json"), "{}");

        assertThat(run("explain", file.toString(), "lobby:1")).isEqualTo(2);
        assertThat(err.toString()).contains(file + " is a file, not a folder (DIR is the folder of a run, its --out,"
                + " or of one scenario in it)").doesNotContain("no such folder");
    }

    @Test
    void shouldExitTwoNamingAnUnknownIdAndUpToThreeCloseOnes() throws IOException {
        Path run = runFolder("reconcile");

        assertThat(run("explain", run.toString(), "lobby:7")).isEqualTo(2);
        assertThat(err.toString()).contains("no message 'lobby:7'", "close ones: lobby:1").doesNotContain("\tat ");
    }

    @Test
    void shouldExitTwoSayingToRerunWithoutNoLedgerWhenTheFolderHasNone() throws IOException {
        Files.createDirectories(dir.resolve("run/lobby-test"));
        Files.writeString(dir.resolve("run/lobby-test/results.json"), "{}");

        assertThat(run("explain", dir.resolve("run").toString(), "lobby:1")).isEqualTo(2);
        assertThat(err.toString()).contains("holds no ledger", "rerun without --no-ledger").doesNotContain("\tat ");
    }

    @Test
    void shouldExitTwoNamingAnUnknownStrategyWithTheClosestOne() throws IOException {
        Path run = runFolder("reconcile");

        assertThat(run("explain", run.toString(), "lobby:1", "--strategy", "reconcil")).isEqualTo(2);
        assertThat(err.toString()).contains("no strategy 'reconcil'", "did you mean 'reconcile'?");
    }

    @Test
    void shouldExitTwoNamingAnUnknownScenarioWithTheClosestOneAndNarrowToAKnownOne() throws IOException {
        Path run = runFolder("reconcile");

        assertThat(run("explain", run.toString(), "lobby:1", "--scenario", "lobby")).isEqualTo(2);
        assertThat(err.toString()).contains("no scenario 'lobby'", "did you mean 'lobby-test'?");
        assertThat(run("explain", run.toString(), "lobby:1", "--scenario", "lobby-test")).isZero();
        assertThat(out.toString()).startsWith("== lobby-test / reconcile ==");
    }

    /** A run in the simulator, then the story of the first example (a message ann lost) its results.json gives. */
    @Test
    void shouldExplainAnExampleOfARunInTheSimulator() throws IOException {
        Path scenario = dir.resolve("sim-outage.yaml");
        Files.writeString(scenario, SimOutage.YAML.replace("target: all", "target: {client: ann}"));
        Path outDir = dir.resolve("out");
        assertThat(run("run", scenario.toString(), "--network", "sim", "--out", outDir.toString()))
                .as(err.toString()).isZero();
        ResultsDocument results = ResultsJson.read(outDir.resolve("sim-outage/results.json"));
        StrategyResult eventOnly = results.strategy("event-only");
        assertThat(eventOnly.examples()).as("event-only loses what ann missed while down").isNotEmpty();
        Example example = eventOnly.examples().get(0);
        out.getBuffer().setLength(0);

        assertThat(run("explain", outDir.toString(), example.messageId(), "--strategy", "event-only"))
                .as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("== sim-outage / event-only ==\nmessage ")
                .contains(example.messageId(), "intended", "committed", "at the end:", "never:");
    }

    /**
     * A run stopped by SIGTERM during lobby-test's second strategy: the first one's ledger is
     * there, the scenario has no results.json. Its story is told, but after a note naming
     * stopped.json and what it says, and headed as of a scenario the run did not finish.
     */
    @Test
    void shouldSayTheRunWasStoppedAndHeadTheStoryOfAScenarioItDidNotFinish() throws IOException {
        Path run = runFolder("naive-retry");
        new RunStop(RunStop.Cause.SIGTERM, "interrupted by SIGTERM", "scenario lobby-test, strategy reconcile",
                List.of()).write(run);

        assertThat(run("explain", run.toString(), "lobby:1")).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("note: the run was stopped before its end (" + run.resolve("stopped.json")
                        + ": interrupted by SIGTERM during scenario lobby-test, strategy reconcile; finished scenarios:"
                        + " none); lobby-test did not finish: it has no results.json, the ledgers only of the"
                        + " strategies that ended before the stop")
                .contains("== lobby-test / naive-retry (scenario not finished: the run was stopped during it) ==\n"
                        + "message " + KEY);

        out.getBuffer().setLength(0); // one scenario's folder of the run: the run's marker above it
        assertThat(run("explain", run.resolve("lobby-test").toString(), "lobby:1")).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("note: the run was stopped before its end (" + run.resolve("stopped.json"))
                .contains("== lobby-test / naive-retry (scenario not finished");
    }

    /** A scenario whose results.json says a strategy stopped early (the heap): named, with why, and its story headed so. */
    @Test
    void shouldSayWhichStrategyAScenarioStoppedDuringAndWhy() throws IOException {
        Path run = runFolder("naive-retry", "reconcile");
        Files.writeString(run.resolve("lobby-test/results.json"), "{\"scenario\":\"lobby-test\",\"stopped\":{\"cause\":"
                + "\"heap-exhausted\",\"strategy\":\"reconcile\",\"reason\":\"the heap passed 90%\"}}");
        new RunStop(RunStop.Cause.HEAP_EXHAUSTED, "the heap passed 90%", "scenario lobby-test, strategy reconcile",
                List.of()).write(run);

        assertThat(run("explain", run.toString(), "lobby:1")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("note: the run was stopped before its end (" + run.resolve("stopped.json"),
                        "note: scenario lobby-test stopped early during strategy reconcile ("
                        + run.resolve("lobby-test/results.json") + ": heap-exhausted, the heap passed 90%): its ledger, if any,"
                        + " holds that strategy's run only as far as it went",
                        "== lobby-test / naive-retry ==\n", "== lobby-test / reconcile (stopped early: the ledger of its"
                        + " run as far as it went) ==\n")
                .doesNotContain("scenario not finished");
    }

    /**
     * A scenario whose results.json says the heap ran out once reconcile's figures were complete
     * (its interval log not written): its ledger is whole, so the note says so and its story is
     * not headed as a run cut short.
     */
    @Test
    void shouldNotCallALedgerPartialWhenTheStopCameAfterTheFigures() throws IOException {
        Path run = runFolder("naive-retry", "reconcile");
        Files.writeString(run.resolve("lobby-test/results.json"), "{\"scenario\":\"lobby-test\",\"stopped\":{\"cause\":"
                + "\"heap-exhausted\",\"strategy\":\"reconcile\",\"reason\":\"the harness ran out of heap (Java heap"
                + " space) writing reconcile.hlog, the interval log of reconcile: its figures are kept, the log is not"
                + " written\",\"figuresKept\":true}}");

        assertThat(run("explain", run.toString(), "lobby:1")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("note: scenario lobby-test stopped after strategy reconcile (",
                        "its figures are kept, the log is not written): its figures and its ledger, if written, are"
                        + " whole, and the strategies after it were not played",
                        "== lobby-test / reconcile ==\n")
                .doesNotContain("as far as it went", "stopped early");
    }

    /**
     * A scenario folder an earlier run left, explained on its own, in the folder of a later run
     * that was stopped: the stop is the later run's, not this scenario's, which finished (its
     * results.json is there), so no note and no "not finished" heading.
     */
    @Test
    void shouldNotApplyALaterRunsStopToAScenarioFolderAnEarlierRunLeft() throws IOException {
        Path run = runOfLobbyTestBesideAnEarlierRunsOldTest();
        Files.writeString(run.resolve("old-test/results.json"), "{\"scenario\":\"old-test\"}");
        new RunStop(RunStop.Cause.SIGTERM, "interrupted by SIGTERM", "scenario lobby-test, strategy reconcile",
                List.of()).write(run);

        assertThat(run("explain", run.resolve("old-test").toString(), "lobby:1")).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("== old-test / reconcile ==\n")
                .doesNotContain("stopped", "not finished");
    }

    /** A run stopped before it wrote a ledger: exit 2 naming stopped.json and what it says, not --no-ledger. */
    @Test
    void shouldExitTwoNamingTheStopWhenTheRunStoppedBeforeItWroteALedger() throws IOException {
        Path run = dir.resolve("run");
        Files.createDirectories(run.resolve("lobby-test/ledger/naive-retry"));
        new RunStop(RunStop.Cause.SIGINT, "interrupted by SIGINT", "scenario lobby-test, strategy naive-retry",
                List.of()).write(run);

        assertThat(run("explain", run.toString(), "lobby:1")).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(err.toString()).contains(run + " holds no ledger", "the run was stopped before it wrote one ("
                        + run.resolve("stopped.json") + ": interrupted by SIGINT during scenario lobby-test, strategy"
                        + " naive-retry; finished scenarios: none)")
                .doesNotContain("--no-ledger", "\tat ");
    }

    /**
     * A run of lobby-test into a folder an earlier run of old-test left: shard.json lists
     * lobby-test alone, so old-test's ledger is named as left out and not searched; asked for by
     * --scenario, it is refused as an earlier run's.
     */
    @Test
    void shouldLeaveOutTheScenarioFoldersAnEarlierRunLeftNamingThem() throws IOException {
        Path run = runOfLobbyTestBesideAnEarlierRunsOldTest();

        assertThat(run("explain", run.toString(), "lobby:1")).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("note: left out " + run.resolve("old-test") + ": not played by the run"
                        + " into " + run + " (its shard.json lists lobby-test); an earlier run into that folder left it\n")
                .contains("== lobby-test / reconcile ==").doesNotContain("== old-test");

        assertThat(run("explain", run.toString(), "lobby:1", "--scenario", "old-test"))
                .isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(err.toString()).contains("scenario 'old-test' in " + run + " is not of the run into it (its shard.json"
                + " lists lobby-test): " + run.resolve("old-test") + " was left by an earlier run");
    }

    /**
     * A run folder of lobby-test (reconcile) holding old-test's ledger, which an earlier run left:
     * its shard.json lists lobby-test alone.
     */
    private Path runOfLobbyTestBesideAnEarlierRunsOldTest() throws IOException {
        Path run = runFolder("reconcile");
        LedgerFiles.write(LedgerFolder.of(run.resolve("old-test"), "reconcile"),
                new LedgerFiles.Stamp("old-test", "reconcile", 1), ledger());
        new ShardManifest(ShardManifest.VERSION, "run", "1/1", "sha256:0", 1, 1,
                List.of(new ShardManifest.Unit("lobby-test", "reconcile", 1))).write(run);
        return run;
    }
}
