package dev.livetalk.metrics.results;

import java.util.Objects;

/**
 * One figure of a strategy compared with a baseline run, and what the gate made of the change.
 *
 * <p>Immutable; any thread.
 *
 * @param strategy the strategy
 * @param figure   what is compared ({@code peer-final p99 during}, {@code lost})
 * @param baseline the baseline's value (nanoseconds for times; {@code +Infinity} for "never")
 * @param current  this run's value
 * @param change   what the gate made of the change: only {@link Change#REGRESSION} fails
 * @param message  for a human: both values, the change, its confidence interval and the threshold
 */
public record RegressionVerdict(String strategy, String figure, double baseline, double current, Change change,
                                String message) {

    /** What a change of a figure is, as the gate sees it. */
    public enum Change {
        /** Worse, significantly and by more than the practical threshold and floor: fails the run. */
        REGRESSION("regression"),
        /** A change the gate does not trust: not significant, or smaller than the threshold or the floor. */
        WITHIN_NOISE("within noise"),
        /** Better, significantly and by more than the threshold and floor. */
        IMPROVEMENT("improvement"),
        /** No change to speak of: neither significant nor beyond the threshold. */
        UNCHANGED("unchanged");

        private final String text;

        Change(String text) {
            this.text = text;
        }

        /** {@code within noise}: as messages and reports show it. */
        public String text() {
            return text;
        }
    }

    public RegressionVerdict {
        Objects.requireNonNull(change, "change");
    }

    /**
     * A verdict that only knows whether it passed (a failure is a regression; a pass is
     * unchanged when the value is equal, else an improvement or within noise).
     */
    public RegressionVerdict(String strategy, String figure, double baseline, double current, boolean passed,
                             String message) {
        this(strategy, figure, baseline, current, !passed ? Change.REGRESSION
                : current == baseline ? Change.UNCHANGED
                : current < baseline ? Change.IMPROVEMENT : Change.WITHIN_NOISE, message);
    }

    /** Whether the figure did not regress. */
    public boolean passed() {
        return change != Change.REGRESSION;
    }
}
