package dev.livetalk.bench.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.livetalk.metrics.correctness.CorrectnessFigures;
import dev.livetalk.metrics.gate.Verdict;
import dev.livetalk.metrics.results.BudgetVerdict;
import dev.livetalk.metrics.results.Health;
import dev.livetalk.metrics.results.LatencyFigures;
import dev.livetalk.metrics.results.Percentiles;
import dev.livetalk.metrics.results.RegressionVerdict;
import dev.livetalk.metrics.results.ResultsDocument;
import dev.livetalk.metrics.results.StrategyResult;
import dev.livetalk.metrics.results.UnjudgedBudget;
import dev.livetalk.scenarios.budget.Budget;
import dev.livetalk.scenarios.budget.BudgetParser;
import dev.livetalk.scenarios.budget.Threshold;
import dev.livetalk.simulator.SeedFailure;
import dev.livetalk.simulator.SweepReport;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code livetalk run --json}: one JSON object per line on standard output, for scripts, built
 * by Jackson from the typed results. A run writes one {@link RunLine} per strategy run
 * (scenario x strategy); a {@code --seeds} sweep one {@link SeedLine} per (seed, strategy) that
 * failed a budget or broke an invariant (a sweep keeps no figures of the seeds that held). The
 * schema is documented in {@code docs/JSON-LINES.md} and pinned by a golden file.
 *
 * <p>Stateless apart from a thread-safe Jackson mapper; any thread.
 */
final class JsonLines {
    /** The version of the lines' schema: grows only by new fields; a change of meaning bumps it. */
    static final int VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private JsonLines() {
    }

    /**
     * One strategy run of {@code livetalk run}.
     *
     * @param kind        {@code run}
     * @param version     {@link #VERSION}
     * @param scenario    the scenario's name
     * @param strategy    the strategy
     * @param seed        the seed played
     * @param network     {@code toxiproxy} or {@code sim}
     * @param verdict     {@code FAIL} when a budget of this strategy run failed or a figure regressed, else
     *                    {@code NOT JUDGED} when its scenario has budgets and none applies to a strategy the run
     *                    played, else {@code PASS} (the run's verdict as a whole is the exit code)
     * @param passed      {@code verdict == PASS}
     * @param budgets     every budget that applies to the strategy, passed or not
     * @param regressions the figures that regressed against {@code --baseline} (empty without one)
     * @param notJudged   the scenario's budgets that apply to no strategy the run played (empty when none)
     * @param correctness the correctness counts, summed over rooms and clients
     * @param latency     per latency metric, its percentiles over every intended delivery (phase {@code all};
     *                    nanoseconds, or {@code "never"} as in results.json)
     * @param health      whether the harness kept time well enough to trust the figures: results.json's
     *                    {@code health} of this strategy
     * @param folder      the scenario's folder (absolute)
     * @param results     its {@code results.json} (absolute)
     */
    record RunLine(String kind, int version, String scenario, String strategy, long seed, String network,
                   String verdict, boolean passed, List<BudgetLine> budgets, List<RegressionLine> regressions,
                   List<NotJudgedLine> notJudged, Counts correctness, Map<String, Percentiles> latency, HealthLine health,
                   String folder, String results) {
    }

    /**
     * One (seed, strategy) of a {@code --seeds} sweep that failed a budget or broke an invariant.
     *
     * @param kind       {@code seed}
     * @param version    {@link #VERSION}
     * @param scenario   the scenario's name
     * @param strategy   the strategy
     * @param seed       the seed
     * @param network    {@code sim}
     * @param verdict    {@code FAIL} when a budget failed, else {@code NOT JUDGED} when the scenario has budgets
     *                   and none applies to a strategy swept, else {@code PASS} (invariants are reported, not gated)
     * @param passed     {@code verdict == PASS}
     * @param budgets    the budgets that failed
     * @param notJudged  the scenario's budgets that apply to no strategy swept (empty when none)
     * @param invariants the invariants broken, each with its observed figure
     * @param traceHash  the run's trace hash: a replay with this seed gives it again
     * @param repro      the command line that replays it
     */
    record SeedLine(String kind, int version, String scenario, String strategy, long seed, String network,
                    String verdict, boolean passed, List<BudgetLine> budgets, List<NotJudgedLine> notJudged,
                    List<String> invariants,
                    String traceHash, String repro) {
    }

    /**
     * A budget's verdict.
     *
     * @param expression the budget as written
     * @param observed   the figure compared, in {@code unit}; {@code null} when there is none (never converged)
     * @param unit       {@code ns}, {@code %} or empty for counts
     * @param allowed    what the budget allows, in the same unit
     * @param passed     whether it holds
     * @param message    for a human: figure, observed and allowed
     * @param room       the room whose figure it is, for a budget of one room or of every room
     */
    record BudgetLine(String expression, Double observed, String unit, Allowed allowed, boolean passed, String message,
                      @JsonInclude(JsonInclude.Include.NON_NULL) String room) {
    }

    /**
     * A budget not judged: it applies to no strategy the run played.
     *
     * @param expression the budget as written
     * @param strategies the strategies it is for
     * @param message    for a human: {@code not judged: it is for reconcile, which the run did not play}
     */
    record NotJudgedLine(String expression, List<String> strategies, String message) {
        static NotJudgedLine of(UnjudgedBudget b) {
            return new NotJudgedLine(b.budget(), b.strategies(), b.message());
        }
    }

    /**
     * The right-hand side of a budget.
     *
     * @param comparison {@code <}, {@code <=}, {@code >}, {@code >=}, {@code ==} or {@code !=}
     * @param value      the threshold in the budget's measured unit (nanoseconds for times)
     */
    record Allowed(String comparison, double value) {
    }

    /**
     * A figure that regressed against the baseline.
     *
     * @param figure   what is compared ({@code lost}, {@code peer-final p99 during})
     * @param baseline the baseline's value (nanoseconds for times, or {@code "never"})
     * @param observed this run's value
     * @param message  for a human: both values, the change, and what is allowed
     */
    record RegressionLine(String figure, Object baseline, Object observed, String message) {
    }

    /** The correctness counts of {@code results.json}'s {@code correctness} that the console's table shows, and more. */
    record Counts(long clients, long convergedClients, double convergedShare, long lost, long duplicates,
                  long phantoms, long inversions, long moves, long causalViolations, long stuckPending) {
        static Counts of(CorrectnessFigures c) {
            return new Counts(c.clients(), c.convergedClients(), c.convergedShare(), c.lost(), c.duplicates(),
                    c.phantoms(), c.inversions(), c.moves(), c.causalViolations(), c.stuckPending());
        }
    }

    /**
     * A strategy run's harness health, as results.json's {@code health} decides it ({@link Health}):
     * the line carries its decision, not a second one.
     *
     * @param checked          false in the simulator (virtual time has no lag: always trusted)
     * @param trusted          false when the harness was late itself ({@link Health#rule()}); {@code --strict}
     *                         then exits 1
     * @param sends            the sends (the scheduling-lag count)
     * @param lateSends        those over the limit; {@code null} in a results.json written before they were
     *                         recorded (judged by its p99)
     * @param schedulingLagP99 the scheduling-lag p99, ns
     */
    record HealthLine(boolean checked, boolean trusted, long sends, Long lateSends, long schedulingLagP99) {
        /** The health of {@code strategy} in {@code health}. */
        static HealthLine of(Health health, String strategy) {
            Health.StrategyHealth s = health.strategies().stream().filter(h -> h.strategy().equals(strategy))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no health of " + strategy));
            return new HealthLine(health.checked(), s.trusted(), s.sends(), s.lateSends(), s.schedulingLagP99());
        }
    }

    /** Where a run's results of one scenario, seed and strategy are (a merged run's come from several shards). */
    interface FolderOf {
        /** The scenario folder holding them, or {@code null} when unknown. */
        Path folder(String scenario, long seed, String strategy);
    }

    /** The lines of a run: one per strategy of each scenario, in the order the console's table lists them. */
    static String ofRun(Verdict verdict, Map<String, Path> folders) {
        return ofRun(verdict, (scenario, seed, strategy) -> folders.get(scenario));
    }

    /** {@link #ofRun(Verdict, Map)} with each strategy's own folder. */
    static String ofRun(Verdict verdict, FolderOf folders) {
        StringBuilder out = new StringBuilder();
        List<Verdict.Failure> failures = verdict.failures();
        List<Verdict.CheckedRun> judgedNothing = verdict.judgedNothing();
        for (Verdict.CheckedRun run : verdict.runs()) {
            ResultsDocument d = run.document();
            List<NotJudgedLine> notJudged = d.notJudged().stream().map(NotJudgedLine::of).toList();
            Health health = d.health();
            for (StrategyResult s : d.strategies()) {
                Path folder = folders.folder(d.scenario(), d.seed(), s.strategy());
                String word = word(failures.stream().anyMatch(f -> f.scenario().equals(d.scenario())
                        && f.seed() == d.seed() && f.strategy().equals(s.strategy())), judgedNothing.contains(run));
                List<RegressionLine> regressions = run.comparisons().stream()
                        .filter(r -> r.strategy().equals(s.strategy()) && !r.passed())
                        .map(JsonLines::regression).toList();
                Map<String, Percentiles> latency = new LinkedHashMap<>();
                for (LatencyFigures f : s.latency()) {
                    if (f.phase().equals("all")) {
                        latency.put(f.metric(), f.corrected());
                    }
                }
                out.append(line(new RunLine("run", VERSION, d.scenario(), s.strategy(), d.seed(), d.network(),
                        word, word.equals(Verdict.Outcome.PASS.word()), s.budgets().stream().map(JsonLines::budget).toList(),
                        regressions, notJudged, Counts.of(s.correctness()), latency,
                        HealthLine.of(health, s.strategy()),
                        folder == null ? null : folder.toAbsolutePath().normalize().toString(),
                        folder == null ? null : folder.resolve("results.json").toAbsolutePath().normalize().toString())));
            }
        }
        return out.toString();
    }

    /** The lines of a sweep: one per failing (seed, strategy), by seed then strategy. */
    static String ofSweep(SweepReport sweep) {
        StringBuilder out = new StringBuilder();
        List<NotJudgedLine> notJudged = sweep.notJudged().stream().map(NotJudgedLine::of).toList();
        for (SeedFailure f : sweep.failures()) {
            String word = word(!f.budgets().isEmpty(), sweep.judgedNothing());
            out.append(line(new SeedLine("seed", VERSION, sweep.scenario(), f.strategy(), f.seed(), "sim",
                    word, word.equals(Verdict.Outcome.PASS.word()), f.budgets().stream().map(JsonLines::budget).toList(), notJudged,
                    f.invariants(), f.traceHash(), f.repro())));
        }
        return out.toString();
    }

    /**
     * A line's {@code verdict}, by the one rule ({@link Verdict#outcomeOf}) over what the line
     * covers: {@code FAIL}, {@code NOT JUDGED} or {@code PASS}, as the verdict line says it.
     */
    private static String word(boolean failed, boolean judgedNothing) {
        return Verdict.outcomeOf(failed, judgedNothing).word();
    }

    private static BudgetLine budget(BudgetVerdict b) {
        return new BudgetLine(b.budget(), b.observed(), b.unit(), allowed(b.budget()), b.passed(), b.message(), b.room());
    }

    /** The threshold of an expression, as the evaluator compares it; {@code null} if it no longer parses. */
    private static Allowed allowed(String expression) {
        try {
            Budget budget = BudgetParser.parse(expression);
            Threshold threshold = budget.threshold();
            return new Allowed(budget.comparison().symbol(), threshold.inMeasuredUnit());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static RegressionLine regression(RegressionVerdict r) {
        return new RegressionLine(r.figure(), figure(r.baseline()), figure(r.current()), r.message());
    }

    /** A figure as results.json writes it: a number, or {@code "never"} for +infinity. */
    private static Object figure(double value) {
        if (Double.isInfinite(value) || value == Percentiles.NEVER) {
            return "never";
        }
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? (Object) (long) value : (Object) value;
    }

    private static String line(Object value) {
        try {
            return MAPPER.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a console line always serialises", e);
        }
    }
}
