package dev.livetalk.metrics.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** The audit over whole folders: a run of the real checkers agrees; a planted difference is named with both values. */
class AuditTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void shouldAgreeWithTheCheckersOnEveryFigureOfARun() throws Exception {
        StoryRun.write(dir.resolve("story"), "event-only", "reconcile");
        Audit.Result result = Audit.of(dir);
        assertThat(result.differences()).isEmpty();
        assertThat(result.unknownFigures()).isEmpty();
        assertThat(result.scenarios()).isEqualTo(1);
        assertThat(result.figures()).isGreaterThan(2 * 6 * 4 * 21);
        assertThat(result.summary()).matches("audit: \\d+ figures checked in 1 scenario, all agree");
        assertThat(Audit.of(dir.resolve("story")).figures()).isEqualTo(result.figures());
    }

    /** The story has every correctness figure non-zero, so agreeing on it means something. */
    @Test
    void shouldAuditAStoryWhoseCorrectnessFiguresAreNotZero() throws Exception {
        ObjectNode results = (ObjectNode) JSON.readTree(StoryRun.write(dir.resolve("story"), "reconcile")
                .resolve("results.json").toFile());
        var correctness = results.path("strategies").get(0).path("correctness");
        for (String figure : List.of("lost", "duplicates", "moves", "phantoms", "inversions", "notInLongestRun",
                "causalViolations", "stuckPending")) {
            assertThat(correctness.path(figure).asLong()).as(figure).isPositive();
        }
        assertThat(correctness.path("convergedClients").asLong()).isLessThan(correctness.path("clients").asLong());
    }

    /** bob reconnects after the outage and refetches: the recovery figures the audit agrees on are not trivial. */
    @Test
    void shouldRecountTheRecoveryFiguresOfEachWindow() throws Exception {
        Path story = StoryRun.write(dir.resolve("story"), "reconcile");
        var window = JSON.readTree(story.resolve("results.json").toFile()).path("strategies").get(0)
                .path("recovery").get(0);
        assertThat(window.path("reconnected").asLong()).isEqualTo(1);
        assertThat(window.path("refetchedMessages").path("total").asLong()).isEqualTo(3); // bob alone is targeted
        assertThat(window.path("refetchedBytes").path("max").asLong()).isEqualTo(400);
        assertThat(window.path("reconnectPeak").asLong()).isEqualTo(3); // bob twice and carol in [4 s, 5 s)
        Audit.Result clean = Audit.of(dir);
        assertThat(clean.differences()).isEmpty();
        assertThat(clean.unknownFigures()).isEmpty();
        assertThat(plantedInTheFirstWindow(story, planted -> {
            planted.put("reconnectPeak", 4);
            ((ObjectNode) planted.path("refetchedBytes")).put("total", 401);
        })).containsExactlyInAnyOrder(tuple("recovery[outage/0].reconnectPeak", "3"),
                tuple("recovery[outage/0].refetchedBytes.total", "400"));
    }

    /**
     * The differences the audit of {@code dir} finds, as (figure, recounted), once {@code plant} changed the first
     * fault window's recovery figures in {@code story}'s results.json.
     */
    private List<org.assertj.core.groups.Tuple> plantedInTheFirstWindow(Path story, Consumer<ObjectNode> plant)
            throws Exception {
        ObjectNode results = (ObjectNode) JSON.readTree(story.resolve("results.json").toFile());
        plant.accept((ObjectNode) results.path("strategies").get(0).path("recovery").get(0));
        JSON.writeValue(story.resolve("results.json").toFile(), results);
        return Audit.of(dir).differences().stream().map(d -> tuple(d.figure(), d.recounted())).toList();
    }

    /** A restart from 1 s to 3 s; alice and bob in the lobby, both welcomed before it, bob's b1 shown by both. */
    private static dev.livetalk.metrics.TraceFixture restartOfTwo(String strategy) {
        dev.livetalk.metrics.TraceFixture run = new dev.livetalk.metrics.TraceFixture(strategy);
        run.serverWindow("deploy", "restart", 1_000, 3_000);
        var alice = run.client("alice").join("lobby", 0).welcome("main", "e1", 0);
        var bob = run.client("bob").join("lobby", 0).welcome("main", "e1", 0);
        var m1 = run.commit("lobby", "bob", "b1", 500);
        alice.place(m1, 600);
        bob.place(m1, 550);
        return run;
    }

    /**
     * A restart and a reset scheduled at the same moment, applied 3 ms apart as when played for real: the reset
     * starts inside the restart's window and does not cut it short, in the recount as in the checkers.
     */
    @Test
    void shouldRecountARestartThatAnotherWindowStartsInside() throws Exception {
        Path story = StoryRun.write(dir.resolve("story"), strategy -> {
            dev.livetalk.metrics.TraceFixture run = restartOfTwo(strategy).window("flap", 1_003, 1_300, "alice");
            run.clientNamed("alice").welcome("main", "e1", 3_200);
            run.clientNamed("bob").welcome("main", "e1", 3_400);
            return run.build();
        }, "reconcile");
        var deploy = JSON.readTree(story.resolve("results.json").toFile()).path("strategies").get(0)
                .path("recovery").get(0);
        assertThat(deploy.path("fault").asText()).isEqualTo("deploy");
        assertThat(deploy.path("reconnected").asLong()).isEqualTo(2);
        assertThat(deploy.path("neverConverged").asLong()).isZero();
        assertThat(deploy.path("recovery").asLong()).isEqualTo(400_000_000L); // bob back at 3.4 s
        assertThat(deploy.path("slowest").path("client").asText()).isEqualTo("bob-1");
        assertThat(deploy.path("slowest").path("back").asLong()).isEqualTo(400_000_000L);
        Audit.Result result = Audit.of(dir);
        assertThat(result.differences()).isEmpty();
        assertThat(result.unknownFigures()).isEmpty();
        // the same recovery told the other way round: bob caught up late rather than came back late
        assertThat(plantedInTheFirstWindow(story, window -> ((ObjectNode) window.path("slowest")).put("back", 0)
                .put("converged", 400_000_000L))).containsExactlyInAnyOrder(
                tuple("recovery[deploy/0].slowest.back", "400000000"), tuple("recovery[deploy/0].slowest.converged", "0"));
    }

    /**
     * alice catches up at 3.4000003 s and bob is welcomed again at 3.4000006 s: the checkers name bob (the later
     * by 300 ns), while the ledger floors both to the same microsecond and cannot tell which was later. The
     * audit must not report bob's back and converged as differences for being bob's rather than alice's.
     */
    @Test
    void shouldAgreeOnTheSlowestClientOfATieWithinAMicrosecond() throws Exception {
        Path story = StoryRun.write(dir.resolve("story"), strategy -> {
            dev.livetalk.metrics.TraceFixture run = restartOfTwo(strategy);
            var alice = run.clientNamed("alice").welcome("main", "e1", 3_200);
            var bob = run.clientNamed("bob");
            var m2 = run.commit("lobby", "bob", "b2", 3_300);
            var m3 = run.commit("lobby", "bob", "b3", 3_360);
            bob.place(m2, 3_350).place(m3, 3_370);
            alice.place(m3, 3_380).place(m2, 3_400.0003); // a gap until 3.4000003 s: a late catch-up
            bob.welcome("main", "e1", 3_400.0006); // a late reconnect, 300 ns later
            return run.build();
        }, "reconcile");
        var deploy = JSON.readTree(story.resolve("results.json").toFile()).path("strategies").get(0)
                .path("recovery").get(0);
        assertThat(deploy.path("recovery").asLong()).isEqualTo(400_000_600L);
        assertThat(deploy.path("slowest").path("client").asText()).isEqualTo("bob-1");
        assertThat(deploy.path("slowest").path("back").asLong()).isEqualTo(400_000_600L);
        assertThat(deploy.path("slowest").path("converged").asLong()).isLessThan(400_000_000L);
        Audit.Result result = Audit.of(dir);
        assertThat(result.differences()).isEmpty();
        assertThat(result.unknownFigures()).isEmpty();
        // a time neither tied client had is still found, and the recount names both
        assertThat(plantedInTheFirstWindow(story, window -> ((ObjectNode) window.path("slowest"))
                .put("converged", 300_000_000L)))
                .containsExactly(tuple("recovery[deploy/0].slowest.converged", "one of [400000000, 0]"));
    }

    /** The story's side room has status lies; the lobby has missing echoes: agreeing per room on them means something. */
    @Test
    void shouldAuditAStoryWhoseStatusTruthCountsAreNotZeroPerRoom() throws Exception {
        var strategy = JSON.readTree(StoryRun.write(dir.resolve("story"), "reconcile").resolve("results.json").toFile())
                .path("strategies").get(0);
        var side = strategy.path("rooms").get(1);
        assertThat(side.path("room").asText()).isEqualTo("side");
        for (String figure : List.of("unfoundedDelivered", "unfoundedRead", "statusAhead")) {
            assertThat(side.path("correctness").path(figure).asLong()).as(figure).isPositive();
        }
        assertThat(strategy.path("rooms").get(0).path("correctness").path("missingEchoes").asLong()).isPositive();
    }

    /** A mutant of the status-truth recount: an echo at the very moment of the send counted missing goes red, per room too. */
    @Test
    void shouldGoRedWhenAStatusTruthRecountIsBroken() throws Exception {
        Path story = StoryRun.write(dir.resolve("story"), "reconcile");
        var strategy = JSON.readTree(story.resolve("results.json").toFile()).path("strategies").get(0);
        var ledger = dev.livetalk.metrics.ledger.LedgerFiles.read(story.resolve("ledger/reconcile"));
        List<Check> checks = new ArrayList<>(FigureTable.checks(new Recount(ledger)));
        checks.addAll(FigureTable.roomChecks("side", Recount.ofRoom(ledger, "side")));
        List<Check> broken = checks.stream().map(c -> !c.figure().endsWith("correctness.unfoundedRead") ? c
                : new Check(c.figure(), c.paths(), new Reading.Whole(((Reading.Whole) c.recounted()).value() - 1),
                        c.tolerance())).toList();
        List<Audit.Difference> differences = new ArrayList<>();
        Audit.compare("story", "reconcile", StrategyLeaves.of(strategy), broken, differences, new TreeSet<>());
        assertThat(differences).extracting(Audit.Difference::figure)
                .containsExactly("correctness.unfoundedRead", "rooms[side].correctness.unfoundedRead");
        differences.clear();
        Audit.compare("story", "reconcile", StrategyLeaves.of(strategy), checks, differences, new TreeSet<>());
        assertThat(differences).isEmpty();
    }

    /**
     * A naive resend committed before bob and dave joined (seq 1) and again after (seq 2): the ledger has no
     * delivery row of it for them, so the audit cannot know bob showed it before his markers. Both sides judge
     * it by its first seq, so neither counts it; judged by the commit a marker reached, results.json said 0
     * unfounded delivered and 2 read, the audit 1 and 3 (bob's). dave's read marker before he showed c1 counts.
     */
    @Test
    void shouldAgreeOnMarkersCoveringAResendFirstCommittedBeforeTheJoin() throws Exception {
        Path story = StoryRun.write(dir.resolve("story"), strategy -> {
            dev.livetalk.metrics.TraceFixture run = new dev.livetalk.metrics.TraceFixture(strategy);
            var alice = run.client("alice").join("lobby", 0);
            var carol = run.client("carol").join("lobby", 0);
            alice.send("lobby", "a1", 0, 0, 0);
            var first = run.commit("lobby", "alice", "a1", 10);
            var bob = run.client("bob").join("lobby", 1);
            var dave = run.client("dave").join("lobby", 1);
            var again = run.commit("lobby", "alice", "a1-again", "a1", null, 12); // the resend under a new id
            var c1 = run.commit("lobby", "carol", "c1", 13);
            alice.ackBySeq("a1", first, 20);
            carol.place(first, 15).place(c1, 15);
            bob.place(again, 25).place(c1, 25).marker("lobby", dev.livetalk.protocol.ReceiptKind.DELIVERED, 3, 30)
                    .marker("lobby", dev.livetalk.protocol.ReceiptKind.READ, 3, 30);
            dave.marker("lobby", dev.livetalk.protocol.ReceiptKind.READ, 3, 30).place(c1, 35);
            return run.build();
        }, "reconcile");
        var correctness = correctnessAuditedClean(story);
        assertThat(correctness.path("unfoundedDelivered").asLong()).isZero();
        assertThat(correctness.path("unfoundedRead").asLong()).as("dave's of c1").isEqualTo(1);
    }

    /**
     * alice's client shows a1, a commit of hers without a recorded send (as a strategy sending on its own would
     * make), then marks it delivered: the ledger has no echo of it but a delivery row for alice, whose first
     * showing the audit reads, as the checkers read her change log (it read the missing echo: 2 unfounded against 1).
     */
    @Test
    void shouldAgreeOnAMarkerCoveringACommitWithoutARecordedSendOfTheSameUser() throws Exception {
        Path story = StoryRun.write(dir.resolve("story"), strategy -> {
            dev.livetalk.metrics.TraceFixture run = new dev.livetalk.metrics.TraceFixture(strategy);
            var alice = run.client("alice").join("lobby", 0);
            var bob = run.client("bob").join("lobby", 0);
            var a1 = run.commit("lobby", "alice", "a1", 10);
            alice.place(a1, 15).marker("lobby", dev.livetalk.protocol.ReceiptKind.DELIVERED, 1, 20);
            bob.marker("lobby", dev.livetalk.protocol.ReceiptKind.DELIVERED, 1, 20).place(a1, 25);
            return run.build();
        }, "reconcile");
        assertThat(correctnessAuditedClean(story).path("unfoundedDelivered").asLong()).as("bob's").isEqualTo(1);
    }

    /** The correctness block of {@code story}'s results.json, once the audit of the folder found every figure agrees. */
    private JsonNode correctnessAuditedClean(Path story) throws Exception {
        Audit.Result result = Audit.of(dir);
        assertThat(result.differences()).isEmpty();
        assertThat(result.unknownFigures()).isEmpty();
        return JSON.readTree(story.resolve("results.json").toFile()).path("strategies").get(0).path("correctness");
    }

    @Test
    void shouldReportAPlantedDifferenceInLostWithBothValues() throws Exception {
        Path story = StoryRun.write(dir.resolve("story"), "reconcile");
        long lost = plant(story, "correctness", "lost", 1);
        Audit.Result result = Audit.of(dir);
        assertThat(result.differences()).containsExactly(new Audit.Difference("story", "reconcile",
                "correctness.lost", Long.toString(lost + 1), Long.toString(lost), "exact"));
        assertThat(result.summary()).endsWith("1 differ");
        assertThat(result.agrees()).isFalse();
    }

    @Test
    void shouldReportAPlantedDifferenceInTheLateSendsWithTheLedgersBracket() throws Exception {
        Path story = StoryRun.write(dir.resolve("story"), "reconcile");
        ObjectNode results = (ObjectNode) JSON.readTree(story.resolve("results.json").toFile());
        ObjectNode strategy = (ObjectNode) results.path("strategies").get(0);
        long late = strategy.path("lateSends").asLong(-1);
        strategy.put("lateSends", late + 2);
        JSON.writeValue(story.resolve("results.json").toFile(), results);
        Audit.Result result = Audit.of(dir);
        assertThat(late).isNotNegative();
        assertThat(result.differences()).containsExactly(new Audit.Difference("story", "reconcile", "lateSends",
                Long.toString(late + 2), late + ".." + late, "low <= a <= high"));
    }

    @Test
    void shouldReportAPlantedDifferenceInOneLatencyPercentileWithBothValues() throws Exception {
        Path story = StoryRun.write(dir.resolve("story"), "reconcile");
        ObjectNode results = (ObjectNode) JSON.readTree(story.resolve("results.json").toFile());
        ObjectNode ack = null;
        for (var figures : results.path("strategies").get(0).path("latency")) {
            if (figures.path("metric").asText().equals("ack") && figures.path("phase").asText().equals("all")) {
                ack = (ObjectNode) figures.path("corrected");
            }
        }
        long p50 = ack.path("p50").asLong();
        ack.put("p50", p50 + 100_000);
        JSON.writeValue(story.resolve("results.json").toFile(), results);
        Audit.Result result = Audit.of(dir);
        assertThat(result.differences()).hasSize(1);
        Audit.Difference difference = result.differences().get(0);
        assertThat(difference.figure()).isEqualTo("latency[ack/all].corrected.p50");
        assertThat(difference.reported()).isEqualTo(Long.toString(p50 + 100_000));
        assertThat(Long.parseLong(difference.recounted())).isCloseTo(p50, org.assertj.core.data.Offset.offset(p50 / 1_000));
        assertThat(difference.tolerance()).isEqualTo(Tolerance.HISTOGRAM.rule());
    }

    @Test
    void shouldLeaveTheDriftBlockAloneWithItsReason() throws Exception {
        Path story = StoryRun.write(dir.resolve("story"), "reconcile");
        ObjectNode results = (ObjectNode) JSON.readTree(story.resolve("results.json").toFile());
        dev.livetalk.metrics.drift.Drift drift = dev.livetalk.metrics.drift.Drift.of(
                dev.livetalk.metrics.drift.DriftTest.report(0, 3, s -> 1_000_000L), List.of(),
                java.time.Duration.ofMinutes(3));
        ((ObjectNode) results.path("strategies").get(0)).set("drift", JSON.valueToTree(drift));
        JSON.writeValue(story.resolve("results.json").toFile(), results);

        Audit.Result result = Audit.of(dir);

        assertThat(result.unknownFigures()).isEmpty();
        assertThat(result.agrees()).isTrue();
        assertThat(FigureTable.NOT_AUDITED.get("drift")).contains("split by the minute");
    }

    @Test
    void shouldListFiguresItDoesNotKnowByName() throws Exception {
        Path story = StoryRun.write(dir.resolve("story"), "reconcile");
        ObjectNode results = (ObjectNode) JSON.readTree(story.resolve("results.json").toFile());
        ObjectNode strategy = (ObjectNode) results.path("strategies").get(0);
        ((ObjectNode) strategy.path("correctness")).put("statusLies", 3);
        ((ObjectNode) strategy.path("rooms").get(0).path("correctness")).put("madeUp", 1);
        ((ObjectNode) strategy.path("rooms").get(0)).put("madeUpRoomFigure", 1);
        ObjectNode wait = strategy.withArray("latency").addObject().put("metric", "made-up-wait").put("phase", "all");
        wait.put("never", 0);
        JSON.writeValue(story.resolve("results.json").toFile(), results);
        Audit.Result result = Audit.of(dir);
        assertThat(result.unknownFigures()).containsExactly("correctness.statusLies", "latency[made-up-wait/*]",
                "rooms[*].correctness.madeUp", "rooms[*].madeUpRoomFigure");
        assertThat(result.agrees()).isFalse();
        assertThat(result.differences()).isEmpty();
    }

    @Test
    void shouldRefuseAStrategyWithoutItsLedgerNamingTheFixRerunWithoutNoLedger() throws Exception {
        Path story = StoryRun.write(dir.resolve("story"), "reconcile");
        try (var files = Files.list(story.resolve("ledger/reconcile"))) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        assertThatThrownBy(() -> Audit.of(dir)).isInstanceOf(AuditInputException.class)
                .hasMessageContaining("strategy reconcile has no ledger").hasMessageContaining("rerun without --no-ledger");
    }

    /**
     * A strategy kept by a heap stop whose ledger could not be finished (its figures were complete):
     * the audit names the missing ledger and the stop, not --no-ledger.
     */
    @Test
    void shouldRefuseAStrategyWhoseLedgerAHeapStopLeftOutNamingTheStop() throws Exception {
        storyWithoutLedgerStoppedBy("the harness ran out of heap (Java heap space) writing ledger/reconcile/, the"
                + " ledger of reconcile: its figures are kept, the ledger is not written", true);

        assertThatThrownBy(() -> Audit.of(dir)).isInstanceOf(AuditInputException.class)
                .hasMessageContaining("strategy reconcile has no ledger")
                .hasMessageEndingWith(": the run stopped at reconcile (heap-exhausted: the harness ran out of heap"
                        + " (Java heap space) writing ledger/reconcile/, the ledger of reconcile: its figures are kept,"
                        + " the ledger is not written); every audited strategy needs its ledger")
                .message().doesNotContain("--no-ledger");
    }

    /**
     * A strategy the heap guard ended early, of a run made with --no-ledger: the stop did not take
     * its ledger (it never had one), so the refusal names the stop beside it and still says to
     * rerun without --no-ledger.
     */
    @Test
    void shouldStillSayRerunWithoutNoLedgerWhenTheStopDidNotTakeTheLedger() throws Exception {
        storyWithoutLedgerStoppedBy("heap used 92% of max 1.0 GB after minute 3; a longer soak needs more heap", false);

        assertThatThrownBy(() -> Audit.of(dir)).isInstanceOf(AuditInputException.class)
                .hasMessageContaining("strategy reconcile has no ledger")
                .hasMessageContaining("(the run stopped at reconcile: heap-exhausted: heap used 92% of max 1.0 GB")
                .hasMessageEndingWith("; every audited strategy needs its ledger; rerun without --no-ledger");
    }

    /**
     * The story run of reconcile without its ledger, its results.json saying a heap stop at
     * reconcile with {@code reason}, which came once its figures were complete when {@code figuresKept}.
     */
    private void storyWithoutLedgerStoppedBy(String reason, boolean figuresKept) throws Exception {
        Path story = StoryRun.write(dir.resolve("story"), "reconcile");
        try (var files = Files.list(story.resolve("ledger/reconcile"))) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(story.resolve("ledger/reconcile"));
        ObjectNode results = (ObjectNode) JSON.readTree(story.resolve("results.json").toFile());
        ObjectNode stopped = results.putObject("stopped").put("cause", "heap-exhausted").put("strategy", "reconcile")
                .put("reason", reason);
        if (figuresKept) {
            stopped.put("figuresKept", true);
        }
        JSON.writeValue(story.resolve("results.json").toFile(), results);
    }

    @Test
    void shouldRefuseAMissingFolderAndOneWithoutResults() throws Exception {
        assertThatThrownBy(() -> Audit.of(dir.resolve("nowhere"))).isInstanceOf(AuditInputException.class)
                .hasMessageContaining("must exist").hasMessageContaining("nowhere");
        assertThatThrownBy(() -> Audit.of(dir)).isInstanceOf(AuditInputException.class)
                .hasMessageContaining("must hold results.json");
    }

    @Test
    void shouldCompareTheSumOfLeavesWhereOnlyTheSumIsRecounted() {
        var leaves = new java.util.LinkedHashMap<String, com.fasterxml.jackson.databind.JsonNode>();
        leaves.put("correctness.outcomes.ok", JSON.getNodeFactory().numberNode(3));
        leaves.put("correctness.outcomes.recovered", JSON.getNodeFactory().numberNode(2));
        List<Audit.Difference> differences = new ArrayList<>();
        Check sum = new Check("ok+recovered", List.of("correctness.outcomes.ok", "correctness.outcomes.recovered"),
                new Reading.Whole(6), Tolerance.EXACT);
        assertThat(Audit.compare("s", "x", leaves, List.of(sum), differences, new TreeSet<>())).isEqualTo(1);
        assertThat(differences).extracting(Audit.Difference::reported, Audit.Difference::recounted)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("5", "6"));
    }

    /** A mutant of the table: its inversions recount off by one goes red against the checkers' run. */
    @Test
    void shouldGoRedWhenARecomputationIsBroken() throws Exception {
        Path story = StoryRun.write(dir.resolve("story"), "reconcile");
        var strategy = JSON.readTree(story.resolve("results.json").toFile()).path("strategies").get(0);
        Recount recount = new Recount(dev.livetalk.metrics.ledger.LedgerFiles.read(story.resolve("ledger/reconcile")));
        List<Check> checks = new ArrayList<>();
        for (AuditedFigure figure : FigureTable.FIGURES) {
            AuditedFigure used = !figure.name().equals("correctness.inversions") ? figure
                    : AuditedFigure.count(figure.name(), r -> r.sum(RoomRecount::inversions) + 1);
            checks.addAll(used.checks().apply(recount));
        }
        List<Audit.Difference> differences = new ArrayList<>();
        Audit.compare("story", "reconcile", StrategyLeaves.of(strategy), checks, differences, new TreeSet<>());
        assertThat(differences).extracting(Audit.Difference::figure).containsExactly("correctness.inversions");
    }

    /** Adds {@code by} to a figure of the first strategy; returns its old value. */
    private static long plant(Path story, String group, String figure, long by) throws Exception {
        ObjectNode results = (ObjectNode) JSON.readTree(story.resolve("results.json").toFile());
        ObjectNode node = (ObjectNode) results.path("strategies").get(0).path(group);
        long old = node.path(figure).asLong();
        node.put(figure, old + by);
        JSON.writeValue(story.resolve("results.json").toFile(), results);
        return old;
    }
}
