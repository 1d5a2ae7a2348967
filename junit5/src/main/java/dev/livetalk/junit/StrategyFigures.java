package dev.livetalk.junit;

import dev.livetalk.metrics.correctness.ConvergenceFigures;
import dev.livetalk.metrics.correctness.CorrectnessFigures;
import dev.livetalk.metrics.results.BudgetVerdict;
import dev.livetalk.metrics.results.LatencyFigures;
import dev.livetalk.metrics.results.StrategyResult;

import java.util.List;
import java.util.Optional;

/**
 * One strategy's figures of a run, typed for assertions; {@link #result()} is all of them as
 * results.json holds them (docs/METRICS.md defines every figure).
 *
 * <p>Immutable; any thread.
 *
 * @param result the strategy's part of the results document
 */
public record StrategyFigures(StrategyResult result) {

    /** The strategy's name. */
    public String name() {
        return result.strategy();
    }

    private CorrectnessFigures correctness() {
        return result.correctness();
    }

    /** Entitled messages never in a client's final transcript, summed over clients and rooms. */
    public long lost() {
        return correctness().lost();
    }

    /** Lines beyond the first for one message, summed over clients and rooms. */
    public long duplicates() {
        return correctness().duplicates();
    }

    /** Lines the server never committed, not marked failed. */
    public long phantoms() {
        return correctness().phantoms();
    }

    /** Pairs of lines shown in the opposite order to their seq in the final transcripts. */
    public long inversions() {
        return correctness().inversions();
    }

    /** Replies shown before their parent. */
    public long causalViolations() {
        return correctness().causalViolations();
    }

    /** Sends never acknowledged nor failed by the end. */
    public long stuckPending() {
        return correctness().stuckPending();
    }

    /** Clients in the run. */
    public long clients() {
        return correctness().clients();
    }

    /** Clients whose every room ended exactly as the server's log. */
    public long convergedClients() {
        return correctness().convergedClients();
    }

    /** {@link #convergedClients()} / {@link #clients()} in percent. */
    public double convergedShare() {
        return correctness().convergedShare();
    }

    /** Whether every client converged. */
    public boolean converged() {
        return correctness().convergedClients() == correctness().clients();
    }

    /**
     * The longest time a client took to converge after a fault window ended: {@link Latency.Never}
     * when one never converged; empty for a scenario without fault windows.
     */
    public Optional<Latency> convergenceMax() {
        ConvergenceFigures c = correctness().convergence();
        if (c.samples() == 0) {
            return Optional.empty();
        }
        return Optional.of(c.max() == null || c.neverConverged() > 0 ? Latency.Never.NEVER : Latency.ofNanos(c.max()));
    }

    /** A latency metric over the whole run (phase {@code all}), such as {@code peer-final}. */
    public LatencyPercentiles latency(String metric) {
        return latency(metric, "all");
    }

    /**
     * A latency metric in a phase ({@code all}, {@code before}, {@code during}, {@code after}).
     *
     * @throws IllegalArgumentException naming the metrics and phases there are
     */
    public LatencyPercentiles latency(String metric, String phase) {
        LatencyFigures figures = result.latency(metric, phase);
        if (figures == null) {
            throw new IllegalArgumentException("no latency " + metric + " in phase " + phase + "; metrics: "
                    + String.join(", ", result.latency().stream().map(LatencyFigures::metric).distinct().toList())
                    + "; phases: " + String.join(", ", result.latency().stream().map(LatencyFigures::phase).distinct().toList()));
        }
        return LatencyPercentiles.of(figures);
    }

    /** The verdicts of the scenario's budgets that apply to this strategy. */
    public List<BudgetVerdict> budgets() {
        return result.budgets();
    }

    /** The budgets that do not hold. */
    public List<BudgetVerdict> failedBudgets() {
        return result.budgets().stream().filter(b -> !b.passed()).toList();
    }
}
