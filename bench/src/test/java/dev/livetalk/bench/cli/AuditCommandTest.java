package dev.livetalk.bench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.livetalk.metrics.gate.RunStop;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code livetalk audit} over a simulated run: 0 when all agree, 3 naming a planted difference, 2 for bad input. */
class AuditCommandTest extends CommandLineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OUTAGE = SimOutage.YAML;

    @TempDir
    static Path shared;
    private static Path played;

    @TempDir
    Path dir;

    /** One simulated run for every test, copied before a test changes it. */
    @BeforeAll
    static void play() throws Exception {
        Path scenario = shared.resolve("sim-outage.yaml");
        Files.writeString(scenario, OUTAGE);
        played = shared.resolve("run");
        AuditCommandTest first = new AuditCommandTest();
        assertThat(first.run("run", scenario.toString(), "--network", "sim", "--out", played.toString()))
                .as(first.err.toString()).isZero();
    }

    private Path copyOfRun() throws IOException {
        return copyOfRun("run");
    }

    private Path copyOfRun(String name) throws IOException {
        Path copy = dir.resolve(name);
        try (Stream<Path> files = Files.walk(played)) {
            for (Path from : files.sorted(Comparator.naturalOrder()).toList()) {
                Path to = copy.resolve(played.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to);
                }
            }
        }
        return copy;
    }

    @Test
    void shouldExitZeroWhenEveryFigureAgreesWithTheLedger() {
        assertThat(run("audit", played.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).matches("(?s)audit: \\d+ figures checked in 1 scenario, all agree\\s*");
        assertThat(run("audit", played.resolve("sim-outage").toString())).as(err.toString()).isZero();
    }

    @Test
    void shouldExitThreeAndNameAPlantedDifferenceWithBothValues() throws Exception {
        Path run = copyOfRun();
        Path results = run.resolve("sim-outage/results.json");
        ObjectNode document = (ObjectNode) JSON.readTree(results.toFile());
        ObjectNode correctness = (ObjectNode) document.path("strategies").get(0).path("correctness");
        long lost = correctness.path("lost").asLong();
        correctness.put("lost", lost + 2);
        JSON.writeValue(results.toFile(), document);

        assertThat(run("audit", run.toString())).as(err.toString()).isEqualTo(ExitCode.AUDIT_DIFFERS.code());
        assertThat(out.toString()).contains("differs: sim-outage / event-only: correctness.lost: results.json "
                + (lost + 2) + ", ledger " + lost + " (tolerance exact)", "1 differ");
    }

    @Test
    void shouldExitTwoForAStrategyWithoutItsLedgerAndSayToRerunWithoutNoLedger() throws Exception {
        Path run = copyOfRun();
        try (Stream<Path> files = Files.walk(run.resolve("sim-outage/ledger/reconcile"))) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
        assertThat(run("audit", run.toString())).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(err.toString()).contains("strategy reconcile has no ledger", "rerun without --no-ledger")
                .doesNotContain("\tat ");
    }

    /**
     * A ledger row without a required field (a deliveries row without its room) and a ledger
     * without one of its tables are invalid input, exit 2, naming the table's file, the line and
     * the field, or that a table is missing; not a harness failure with a NullPointerException.
     */
    @Test
    void shouldExitTwoNamingTheTableTheLineAndTheFieldOfARowWithoutARequiredField() throws Exception {
        Path run = copyOfRun();
        Path deliveries = run.resolve("sim-outage/ledger/reconcile/deliveries.jsonl.gz");
        LedgerRowEdit.removeField(deliveries, 3, "room");
        assertThat(run("audit", run.toString())).as(err.toString()).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(err.toString()).contains(deliveries + ": not a ledger table: line 3 has no room, a field every row"
                + " of the table has (docs/LEDGER.md)").doesNotContain("\tat ", "NullPointerException");

        Files.delete(deliveries);
        assertThat(run("audit", run.toString())).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(err.toString()).contains(deliveries + ": a ledger table is missing");
    }

    /** A folder assembled from two runs: no figure of the ledger is the run's, so none is listed as differing. */
    @Test
    void shouldExitTwoForAResultsFileBesideTheLedgerOfAnotherRunNamingBoth() throws Exception {
        Path seeded = copyOfRun("seed");
        long seed = rewrite(seeded, "seed", null);
        assertThat(run("audit", seeded.toString())).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(err.toString()).contains("the ledger at " + seeded.resolve("sim-outage/ledger/event-only")
                + " is of another run than " + seeded.resolve("sim-outage/results.json") + ": the ledger is of scenario"
                + " sim-outage, strategy event-only, seed " + seed + ", results.json of scenario sim-outage, strategy"
                + " event-only, seed " + (seed + 1)).doesNotContain("\tat ");
        assertThat(out.toString()).doesNotContain("differs:");

        Path named = copyOfRun("scenario");
        rewrite(named, "scenario", "lost-ack");
        assertThat(run("audit", named.resolve("sim-outage").toString())).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(err.toString()).contains("the ledger is of scenario sim-outage, strategy event-only, seed " + seed
                + ", results.json of scenario lost-ack, strategy event-only");

        Path swapped = copyOfRun("strategy");
        Path ledgers = swapped.resolve("sim-outage/ledger");
        Files.move(ledgers.resolve("event-only"), ledgers.resolve("aside"));
        Files.move(ledgers.resolve("reconcile"), ledgers.resolve("event-only"));
        Files.move(ledgers.resolve("aside"), ledgers.resolve("reconcile"));
        assertThat(run("audit", swapped.toString())).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(err.toString()).contains("the ledger is of scenario sim-outage, strategy reconcile, seed " + seed
                + ", results.json of scenario sim-outage, strategy event-only, seed " + seed);
    }

    /** Sets {@code field} of the run's results.json to {@code value}, or its seed to the next one; returns the seed it had. */
    private static long rewrite(Path run, String field, String value) throws IOException {
        Path results = run.resolve("sim-outage/results.json");
        ObjectNode document = (ObjectNode) JSON.readTree(results.toFile());
        long seed = document.path("seed").asLong();
        if (value == null) {
            document.put(field, seed + 1);
        } else {
            document.put(field, value);
        }
        JSON.writeValue(results.toFile(), document);
        return seed;
    }

    @Test
    void shouldExitTwoForAMissingFolderOrOneWithoutResults() {
        assertThat(run("audit", dir.resolve("nowhere").toString())).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(err.toString()).contains("must exist", "nowhere");
        assertThat(run("audit", dir.toString())).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(err.toString()).contains("must hold results.json").doesNotContain("\tat ");
        Path file = played.resolve("sim-outage/results.json"); // it exists: a file, not a folder
        assertThat(run("audit", file.toString())).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(err.toString()).contains("the folder to audit must be a folder: " + file + " is a file (give the"
                + " folder of a run, its --out, or of one scenario, the one holding results.json)");
    }

    @Test
    void shouldExitOneListingFiguresItDoesNotRecountByName() throws Exception {
        Path run = copyOfRun();
        Path results = run.resolve("sim-outage/results.json");
        ObjectNode document = (ObjectNode) JSON.readTree(results.toFile());
        ((ObjectNode) document.path("strategies").get(1).path("correctness")).put("statusLies", 0);
        JSON.writeValue(results.toFile(), document);

        assertThat(run("audit", run.toString())).isEqualTo(ExitCode.HARNESS_FAILURE.code());
        assertThat(err.toString()).contains("figures the audit does not recount: correctness.statusLies");
    }

    @Test
    void shouldListItsExitCodesInItsHelp() {
        assertThat(run("audit", "--help")).isZero();
        assertThat(out.toString()).contains("Exit codes:", "  3 ", "differs from its recount");
    }

    /**
     * A run stopped before it wrote any results.json (killed during its first scenario) leaves
     * stopped.json: exit 2 naming it and what it says, not a folder without results; of a run
     * that finished a scenario, that scenario is audited, with a note that the run stopped.
     */
    @Test
    void shouldExitTwoNamingStoppedJsonWhenTheRunStoppedBeforeItWroteResults() throws Exception {
        Path only = Files.createDirectories(dir.resolve("only"));
        new RunStop(RunStop.Cause.SIGTERM, "interrupted by SIGTERM", "scenario sim-outage, strategy event-only",
                List.of()).write(only);
        assertThat(run("audit", only.toString())).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(err.toString()).contains(only + " holds no results.json to audit: the run was stopped before it"
                        + " wrote any (" + only.resolve("stopped.json") + ": interrupted by SIGTERM during scenario"
                        + " sim-outage, strategy event-only; finished scenarios: none)")
                .doesNotContain("\tat ");

        Path run = copyOfRun();
        Files.delete(run.resolve("sim-outage/results.json"));
        new RunStop(RunStop.Cause.SIGINT, "interrupted by SIGINT", "scenario sim-outage, strategy reconcile",
                List.of()).write(run);
        err.getBuffer().setLength(0);
        assertThat(run("audit", run.toString())).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(err.toString()).contains("the run was stopped before it wrote any (" + run.resolve("stopped.json")
                + ": interrupted by SIGINT during scenario sim-outage, strategy reconcile");
        err.getBuffer().setLength(0);
        assertThat(run("audit", run.resolve("sim-outage").toString())).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(err.toString()).contains(run.resolve("sim-outage") + " holds no results.json to audit: the run was"
                + " stopped before it wrote this scenario's (" + run.resolve("stopped.json"));

        Path finished = copyOfRun("finished");
        new RunStop(RunStop.Cause.SIGINT, "interrupted by SIGINT", "scenario lost-ack, strategy reconcile",
                List.of("sim-outage")).write(finished);
        assertThat(run("audit", finished.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("note: the run was stopped before its end ("
                + finished.resolve("stopped.json") + ": interrupted by SIGINT during scenario lost-ack, strategy"
                + " reconcile; finished scenarios: sim-outage)", "all agree");
    }

    /**
     * A run whose heap ran out while its only scenario's strategy was measured writes that
     * scenario's results.json with no strategy in it (its "stopped" says why) and no ledger: there
     * is nothing to audit, and the audit refuses it as it refuses a run stopped before it wrote
     * results.json (exit 2, naming stopped.json), rather than "0 figures checked in 1 scenario,
     * all agree" and exit 0, which a CI step would read as a clean audit (the 4-minute soak cut in
     * -Xmx200m).
     */
    @Test
    void shouldExitTwoWhenTheRunStoppedBeforeAnyStrategyWasMeasured() throws Exception {
        Path run = copyOfRun("heap");
        Path results = run.resolve("sim-outage/results.json");
        ObjectNode document = (ObjectNode) JSON.readTree(results.toFile());
        document.putArray("strategies");
        document.putObject("stopped").put("cause", "heap-exhausted").put("strategy", "event-only")
                .put("reason", "the harness ran out of heap (Java heap space) while measuring event-only");
        JSON.writeValue(results.toFile(), document);
        Path ledger = run.resolve("sim-outage/ledger");
        try (Stream<Path> files = Files.walk(ledger)) {
            files.sorted(Comparator.reverseOrder()).filter(f -> !f.equals(ledger)).forEach(f -> f.toFile().delete());
        }
        new RunStop(RunStop.Cause.HEAP_EXHAUSTED, "the harness ran out of heap (Java heap space) while measuring"
                + " event-only", "scenario sim-outage, strategy event-only", List.of()).write(run);

        assertThat(run("audit", run.toString())).as(out.toString()).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(err.toString()).contains(run + " holds nothing to audit: the run was stopped before any strategy"
                        + " was measured (" + run.resolve("stopped.json") + ": the harness ran out of heap (Java heap"
                        + " space) while measuring event-only during scenario sim-outage, strategy event-only;"
                        + " finished scenarios: none); rerun it to its end to audit it")
                .doesNotContain("\tat ");
        assertThat(out.toString()).doesNotContain("all agree");
    }
}
