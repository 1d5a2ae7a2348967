package dev.livetalk.reports;

import dev.livetalk.metrics.correctness.ClientConvergence;
import dev.livetalk.metrics.correctness.CorrectnessFigures;
import dev.livetalk.metrics.correctness.CorrectnessInterval;
import dev.livetalk.metrics.results.BudgetVerdict;
import dev.livetalk.metrics.results.LatencyFigures;
import dev.livetalk.metrics.results.Percentiles;
import dev.livetalk.metrics.results.ResultsDocument;
import dev.livetalk.metrics.results.ResultsJson;
import dev.livetalk.metrics.results.RoomResult;
import dev.livetalk.metrics.recovery.RefetchFigures;
import dev.livetalk.metrics.recovery.SlowestClient;
import dev.livetalk.metrics.recovery.WindowRecovery;
import dev.livetalk.metrics.results.StrategyResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The recorded suite under {@code src/test/resources/dev/livetalk/reports/suite} (three
 * scenarios of a real Toxiproxy run, raw hlog series trimmed) and variations of it.
 *
 * <p>Test thread only.
 */
final class Fixtures {
    static final List<String> SCENARIOS = List.of("baseline", "flapping-link", "outage");

    private Fixtures() {
    }

    /** The folder of the recorded suite. */
    static Path suite() {
        try {
            return Path.of(Fixtures.class.getResource("suite").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The results files of the recorded suite, in scenario order. */
    static List<Path> resultsFiles() {
        return SCENARIOS.stream().map(s -> suite().resolve(s).resolve("results.json")).toList();
    }

    /** The recorded runs. */
    static List<RunFolder> runs() {
        return resultsFiles().stream().map(RunFolder::read).toList();
    }

    /** A golden file's expected text. */
    static String golden(String name) throws IOException {
        return Files.readString(suite().getParent().resolve("golden").resolve(name));
    }

    /**
     * Copies the folder of {@code scenario} to {@code target}, changing its document with
     * {@code change}; returns the new results file.
     */
    static Path copy(String scenario, Path target, UnaryOperator<ResultsDocument> change) {
        try (Stream<Path> files = Files.list(suite().resolve(scenario))) {
            Files.createDirectories(target);
            for (Path f : files.toList()) {
                Files.copy(f, target.resolve(f.getFileName()));
            }
            Path results = target.resolve("results.json");
            ResultsJson.write(change.apply(ResultsJson.read(results)), results);
            return results;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code doc} with another seed and every strategy changed by {@code change}. */
    static ResultsDocument with(ResultsDocument doc, long seed, UnaryOperator<StrategyResult> change) {
        return ResultsDocument.of(doc.scenario(), seed, doc.network(), doc.environment(), doc.faultSchedule(),
                doc.strategies().stream().map(change).toList());
    }

    /** {@code s} with {@code lost} lost messages and its budgets failed or not. */
    static StrategyResult withLost(StrategyResult s, long lost, boolean failBudgets) {
        CorrectnessFigures c = s.correctness();
        CorrectnessFigures changed = new CorrectnessFigures(c.clients(), c.convergedClients(), c.convergedShare(), lost,
                c.duplicates(), c.phantoms(), c.inversions(), c.kendallTau(), c.notInLongestRun(), c.moves(),
                c.causalViolations(), c.stuckPending(), c.outcomes(), c.convergence());
        List<BudgetVerdict> budgets = s.budgets().stream().map(b -> !failBudgets || !b.budget().startsWith("lost") ? b
                : new BudgetVerdict(b.budget(), b.strategy(), (double) lost, b.unit(), false,
                "lost = " + lost + ", budget == 0")).toList();
        return new StrategyResult(s.strategy(), changed, s.latency(), budgets, s.examples(), s.hlogs(),
                s.convergenceByClient(), s.correctnessOverTime());
    }

    /** {@code s} with every corrected latency percentile scaled by {@code factor}. */
    static StrategyResult withLatencyScaled(StrategyResult s, double factor) {
        List<LatencyFigures> latency = s.latency().stream().map(f -> new LatencyFigures(f.metric(), f.phase(),
                scaled(f.corrected(), factor), f.raw(), f.never(), new LatencyFigures.CompletedOnly(
                        scaled(f.completedOnly().corrected(), factor), f.completedOnly().raw()))).toList();
        return new StrategyResult(s.strategy(), s.correctness(), latency, s.budgets(), s.examples(), s.hlogs(),
                s.convergenceByClient(), s.correctnessOverTime());
    }

    /**
     * {@code s} with the recovery figures of the outage window (2 s to 3 s): reconcile recovered
     * 412 ms after it, 3 of 4 clients back (c3 the last, 412 ms after it), 12 messages (1,530 bytes) refetched
     * by the busiest;
     * event-only never (1 client never converged), with 2 acknowledged messages lost.
     */
    static StrategyResult withRecovery(StrategyResult s) {
        boolean never = s.strategy().equals("event-only");
        WindowRecovery w = new WindowRecovery("outage", 0, "down", 2_000_000_000L, 3_000_000_000L, 4, 3,
                never ? null : 412_000_000L, never ? 1 : 0, new RefetchFigures(5, 12, 25),
                new RefetchFigures(640, 1_530, 3_200), 3, never ? 2 : 0,
                never ? null : new RefetchFigures(1, 2, 5), never ? null : 17L, // event-only's as an older document
                never ? null : new SlowestClient("c3", 412_000_000L, 400_000_000L, 380_000_000L));
        return new StrategyResult(s.strategy(), s.correctness(), s.latency(), s.budgets(), s.examples(), s.hlogs(),
                s.convergenceByClient(), s.correctnessOverTime(), s.rooms(), List.of(w), never ? 2L : 0L);
    }

    /**
     * {@code s} with convergence per client and correctness over time, as newer documents hold:
     * {@code clients} clients c1.. after the outage window (scheduled to end at 3 s, ending a little
     * later in each strategy's run, as real runs record it), converged
     * {@code 100 ms x client number} after it, or never for {@code event-only}; ten 1 s
     * intervals with {@code k} inversions, pending and missing in interval k.
     */
    static StrategyResult withCorrectnessOverTime(StrategyResult s, int clients) {
        List<ClientConvergence> byClient = new ArrayList<>();
        for (int c = 1; c <= clients; c++) {
            boolean never = s.strategy().equals("event-only");
            byClient.add(new ClientConvergence("user" + c, "outage", 0, never ? 3_006_000_000L : 3_279_000_000L,
                    never ? null : c * 100_000_000L + 12_000_000L));
        }
        List<CorrectnessInterval> overTime = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            overTime.add(new CorrectnessInterval(k * 1_000_000_000L, 1_000_000_000L, k, k, k));
        }
        return new StrategyResult(s.strategy(), s.correctness(), s.latency(), s.budgets(), s.examples(), s.hlogs(),
                byClient, overTime);
    }

    /**
     * {@code s} with {@code rooms} rooms room1.. as newer documents hold: room i has i members,
     * i lost messages when i is a multiple of 4, one inversion when a multiple of 3, and a
     * peer-final p99 (all phases) of 10 ms x i; for {@code event-only}, room2's p99 is never.
     */
    static StrategyResult withRooms(StrategyResult s, int rooms) {
        List<RoomResult> list = new ArrayList<>();
        for (int i = 1; i <= rooms; i++) {
            CorrectnessFigures c = s.correctness();
            long lost = i % 4 == 0 ? i : 0;
            long inversions = i % 3 == 0 ? 1 : 0;
            CorrectnessFigures figures = new CorrectnessFigures(i, lost > 0 ? i - 1 : i,
                    lost > 0 ? 100.0 * (i - 1) / i : 100.0, lost, 0, 0, inversions, c.kendallTau(), inversions, 0, 0,
                    0, c.outcomes(), c.convergence());
            boolean never = i == 2 && s.strategy().equals("event-only");
            long p99 = never ? Percentiles.NEVER : i * 10_000_000L;
            Percentiles p = new Percentiles(100, p99 / 2, p99, p99, p99, p99);
            LatencyFigures peerFinal = new LatencyFigures("peer-final", "all", p, p, never ? 5 : 0,
                    new LatencyFigures.CompletedOnly(p, p));
            list.add(new RoomResult("room" + i, figures, List.of(peerFinal)));
        }
        return new StrategyResult(s.strategy(), s.correctness(), s.latency(), s.budgets(), s.examples(), s.hlogs(),
                s.convergenceByClient(), s.correctnessOverTime(), list);
    }

    private static Percentiles scaled(Percentiles p, double f) {
        return new Percentiles(p.count(), scaled(p.p50(), f), scaled(p.p90(), f), scaled(p.p99(), f),
                scaled(p.p999(), f), scaled(p.max(), f));
    }

    private static long scaled(long nanos, double f) {
        return Percentiles.isNever(nanos) ? nanos : (long) (nanos * f);
    }
}
