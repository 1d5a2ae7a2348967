package dev.livetalk.metrics.gate;

import dev.livetalk.metrics.results.BudgetVerdict;
import dev.livetalk.metrics.results.RegressionVerdict;
import dev.livetalk.metrics.results.ResultsDocument;
import dev.livetalk.metrics.results.StrategyResult;
import dev.livetalk.metrics.results.UnjudgedBudget;
import dev.livetalk.metrics.results.Words;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The pass/fail rule of a run, decided here and only here; the exit code, the console,
 * {@code junit.xml}, {@code summary.md}, {@code index.html} and seed sweeps all follow it.
 *
 * <p>The rule: a run <em>fails</em> when a budget fails or a figure regressed against the
 * baseline; nothing else gates. Correctness invariants ({@code Invariant}) are reported for
 * every strategy, but a scenario that wants one gated writes it as a budget
 * ({@code lost == 0 for reconcile}). Harness health problems are reported and do not change the
 * outcome, unless the run asked for them to ({@code run --strict}): then a run with one is
 * {@link Outcome#UNTRUSTED}. A run that stopped early ({@link RunStop}, or a results document
 * marked stopped by a harness failure) is {@link Outcome#STOPPED} whatever it measured before.
 * Budgets that apply to no strategy the run played ({@code --strategies} named others) are listed
 * as not judged ({@link #notJudged()}); a run without failures in which a scenario has budgets and
 * none was judged is {@link Outcome#NOT_JUDGED}, not a pass.
 *
 * <p>Immutable; any thread.
 *
 * @param runs   every results document of the run, each with its baseline comparisons
 * @param health problems of the harness itself (its scheduling lag, say): reported, not gating
 * @param stop   why the run stopped early, if it did
 * @param strict whether health problems gate ({@code --strict}): the run is then UNTRUSTED
 */
public record Verdict(List<CheckedRun> runs, List<String> health, Optional<RunStop> stop, boolean strict) {
    public Verdict {
        runs = List.copyOf(runs);
        health = List.copyOf(health);
        Objects.requireNonNull(stop, "stop");
    }

    /** A verdict in which health problems are reported, not gated. */
    public Verdict(List<CheckedRun> runs, List<String> health, Optional<RunStop> stop) {
        this(runs, health, stop, false);
    }

    /** This verdict with health problems gating ({@code --strict}) or not. */
    public Verdict strict(boolean gateHealth) {
        return new Verdict(runs, health, stop, gateHealth);
    }

    /** The verdict of complete runs, with the harness health problems their documents record. */
    public static Verdict of(List<CheckedRun> runs) {
        return of(runs, Optional.empty());
    }

    /**
     * The verdict of {@code runs}, stopped early if {@code stop} says so, with the harness health
     * problems their documents record ({@code results.json}'s {@code health}).
     */
    public static Verdict of(List<CheckedRun> runs, Optional<RunStop> stop) {
        List<String> health = runs.stream()
                .flatMap(r -> r.document().health().warnings(r.document().scenario()).stream()).toList();
        return new Verdict(runs, health, stop.isPresent() ? stop : stoppedDocument(runs));
    }

    /**
     * The stop of a run one of whose documents says its scenario stopped on a harness failure
     * ({@code results.json}'s {@code stopped}), so that a scenario's own {@code junit.xml} and a
     * report re-rendered from its folder judge it as the run did.
     */
    private static Optional<RunStop> stoppedDocument(List<CheckedRun> runs) {
        return runs.stream().map(CheckedRun::document).filter(d -> d.stopped() != null).findFirst()
                .map(d -> new RunStop(RunStop.Cause.of(d.stopped().cause()),
                        RunStop.Cause.lead(d.stopped().cause()) + d.stopped().reason(),
                        "scenario " + d.scenario() + ", strategy " + d.stopped().strategy(),
                        runs.stream().map(CheckedRun::document).filter(o -> o.stopped() == null)
                                .map(ResultsDocument::scenario).distinct().toList()));
    }

    /** The verdict of one results document and its baseline comparisons. */
    public static Verdict of(ResultsDocument document, List<RegressionVerdict> comparisons) {
        return of(List.of(new CheckedRun(document, comparisons)));
    }

    /** This verdict for a run that stopped early. */
    public Verdict stopped(RunStop why) {
        return new Verdict(runs, health, Optional.of(why));
    }

    /** What the run amounts to. */
    public enum Outcome {
        /** Every budget holds and nothing regressed. */
        PASS("PASS"),
        /** A budget failed or a figure regressed. */
        FAIL("FAIL"),
        /** The run stopped before its end (a signal, a harness failure); {@link #stop()} says why. */
        STOPPED("STOPPED"),
        /**
         * Under {@code --strict}: the harness's own scheduling lag was too high to trust the
         * figures ({@link #health()}), whatever the budgets say.
         */
        UNTRUSTED("UNTRUSTED"),
        /**
         * Nothing failed, but a scenario has budgets and none of them applies to a strategy the run
         * played ({@link #notJudged()}): the gate judged nothing of it.
         */
        NOT_JUDGED("NOT JUDGED");

        private final String word;

        Outcome(String word) {
            this.word = word;
        }

        /**
         * The word for it, as every output shows it ({@code NOT JUDGED}); a stopped run's verdict
         * says why it stopped instead ({@link Verdict#word()}).
         */
        public String word() {
            return word;
        }
    }

    /**
     * A budget of a scenario the run did not judge: it applies to no strategy the run played.
     *
     * @param scenario the scenario
     * @param seeds    which of its runs: {@code seed 4}, or {@code seeds 1..6} of a seed sweep
     * @param budget   the budget
     */
    public record NotJudged(String scenario, String seeds, UnjudgedBudget budget) {
        /** The one line the outputs list it by: {@code scenario (seed N): budget `...`: not judged: ...}. */
        public String line() {
            return scenario + " (" + seeds + "): budget `" + budget.budget() + "`: " + budget.message();
        }
    }

    /** Every budget the run did not judge, run by run, in budget order. */
    public List<NotJudged> notJudged() {
        return runs.stream().flatMap(r -> r.document().notJudged().stream()
                .map(b -> new NotJudged(r.document().scenario(), "seed " + r.document().seed(), b))).toList();
    }

    /**
     * The runs whose scenario has budgets of which none was judged (each one not judged) and that
     * compared nothing against a baseline either: a strategy played beside its {@code @baseline}
     * version, or a {@code --baseline} document, is judged by that comparison. A shard's part is
     * judged as its whole run is ({@link ResultsDocument#judgedInOtherShards}).
     */
    public List<CheckedRun> judgedNothing() {
        return runs.stream().filter(r -> judgedNothing(r.document().notJudged(), r.document().judgedInOtherShards()
                || !r.comparisons().isEmpty()
                || r.document().strategies().stream().anyMatch(s -> !s.budgets().isEmpty()))).toList();
    }

    /**
     * Whether a scenario judged nothing: it has budgets, {@code notJudged} are those no strategy
     * played applies to, and {@code anyJudged} says whether one was judged. The one rule of
     * {@link Outcome#NOT_JUDGED}, for runs and seed sweeps.
     */
    public static boolean judgedNothing(List<UnjudgedBudget> notJudged, boolean anyJudged) {
        return !notJudged.isEmpty() && !anyJudged;
    }

    /**
     * Why a scenario that judged nothing is not a pass, as {@code junit.xml} and a JUnit test say it:
     * {@code scenario outage (seed 4) has 2 budgets and none applies to a strategy the run played:
     * nothing of it was judged}; {@code seeds} as in {@link NotJudged}.
     */
    public static String nothingJudged(String scenario, String seeds, int budgets) {
        return "scenario " + scenario + " (" + seeds + ") has " + Words.count(budgets, "budget")
                + " and none applies to a strategy the run played: nothing of it was judged";
    }

    /**
     * One results document (one scenario and seed) with its baseline comparisons.
     *
     * @param document    the results
     * @param comparisons every baseline comparison of its figures, passing or not (empty without a baseline)
     */
    public record CheckedRun(ResultsDocument document, List<RegressionVerdict> comparisons) {
        public CheckedRun {
            Objects.requireNonNull(document, "document");
            comparisons = List.copyOf(comparisons);
        }
    }

    /** A gated check that failed, with where: scenario, seed and strategy. */
    public sealed interface Failure permits BudgetFailure, Regression {
        String scenario();

        long seed();

        String strategy();

        /** For a human: the figure, observed and allowed. */
        String message();

        /**
         * The one line every output lists a failure by (the console, a JUnit test's failure):
         * {@code scenario / strategy (seed N): message}.
         */
        default String line() {
            return String.format(java.util.Locale.ROOT, "%s / %s (seed %d): %s", scenario(), strategy(), seed(), message());
        }
    }

    /** A budget that failed. */
    public record BudgetFailure(String scenario, long seed, BudgetVerdict budget) implements Failure {
        @Override
        public String strategy() {
            return budget.strategy();
        }

        @Override
        public String message() {
            return "budget `" + budget.budget() + "`: " + budget.message();
        }
    }

    /** A figure that regressed against the baseline. */
    public record Regression(String scenario, long seed, RegressionVerdict comparison) implements Failure {
        @Override
        public String strategy() {
            return comparison.strategy();
        }

        @Override
        public String message() {
            return "regression: " + comparison.message();
        }
    }

    /**
     * The failures of one strategy run's budgets and baseline comparisons: every budget that
     * does not hold and every comparison that does not pass. The one place that says what gates.
     */
    public static List<Failure> failuresOf(String scenario, long seed, List<BudgetVerdict> budgets,
                                           List<RegressionVerdict> comparisons) {
        List<Failure> failures = new ArrayList<>();
        budgets.stream().filter(b -> !b.passed()).forEach(b -> failures.add(new BudgetFailure(scenario, seed, b)));
        comparisons.stream().filter(r -> !r.passed()).forEach(r -> failures.add(new Regression(scenario, seed, r)));
        return failures;
    }

    /** Every failure, run by run, strategy by strategy: budgets first, then regressions. */
    public List<Failure> failures() {
        List<Failure> failures = new ArrayList<>();
        for (CheckedRun run : runs) {
            ResultsDocument d = run.document();
            for (StrategyResult s : d.strategies()) {
                failures.addAll(failuresOf(d.scenario(), d.seed(), s.budgets(),
                        run.comparisons().stream().filter(r -> r.strategy().equals(s.strategy())).toList()));
            }
        }
        return failures;
    }

    /** The budgets that failed. */
    public List<BudgetFailure> failedBudgets() {
        return failures().stream().filter(f -> f instanceof BudgetFailure).map(BudgetFailure.class::cast).toList();
    }

    /** The figures that regressed. */
    public List<Regression> regressions() {
        return failures().stream().filter(f -> f instanceof Regression).map(Regression.class::cast).toList();
    }

    /** Whether {@code budget} of {@code document} is a failure of this verdict. */
    public boolean fails(ResultsDocument document, BudgetVerdict budget) {
        return failures().contains(new BudgetFailure(document.scenario(), document.seed(), budget));
    }

    /** Whether {@code comparison} of {@code document} is a failure of this verdict. */
    public boolean fails(ResultsDocument document, RegressionVerdict comparison) {
        return failures().contains(new Regression(document.scenario(), document.seed(), comparison));
    }

    /**
     * What the run amounts to: stopped, else untrusted (under {@code --strict}), else failed when
     * anything gated failed, else not judged when a scenario's budgets were all left unjudged, else passed.
     */
    public Outcome outcome() {
        if (stop.isPresent()) {
            return Outcome.STOPPED;
        }
        if (strict && !health.isEmpty()) {
            return Outcome.UNTRUSTED;
        }
        return outcomeOf(!failures().isEmpty(), !judgedNothing().isEmpty());
    }

    /**
     * The outcome of checks that ran to their end and are trusted: {@link Outcome#FAIL} when
     * anything gated failed, else {@link Outcome#NOT_JUDGED} when a scenario judged nothing
     * ({@link #judgedNothing(List, boolean)}), else {@link Outcome#PASS}. Runs ({@link #outcome()})
     * and seed sweeps share it.
     */
    public static Outcome outcomeOf(boolean failed, boolean judgedNothing) {
        if (failed) {
            return Outcome.FAIL;
        }
        return judgedNothing ? Outcome.NOT_JUDGED : Outcome.PASS;
    }

    /** Whether the run passed. */
    public boolean passed() {
        return outcome() == Outcome.PASS;
    }

    /** Strategy runs measured: strategies x documents. */
    public long strategyRuns() {
        return runs.stream().mapToLong(r -> r.document().strategies().size()).sum();
    }

    /** The word for the outcome, as the console, the summary and the page show it. */
    public String word() {
        Outcome outcome = outcome();
        return outcome == Outcome.STOPPED ? stop.orElseThrow().cause().word() : outcome.word();
    }
}
