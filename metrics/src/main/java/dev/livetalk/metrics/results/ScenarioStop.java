package dev.livetalk.metrics.results;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;

/**
 * Why a scenario's run stopped before every strategy was measured: its results document then
 * holds the strategies that finished, and this names the one that did not and why
 * ({@code "stopped"} in {@code results.json}; absent for a run that finished).
 *
 * <p>Immutable; any thread.
 *
 * @param cause    what kind of stop
 * @param strategy the strategy that was running when the run stopped
 * @param reason   what happened, for people ({@code "Toxiproxy at 127.0.0.1:8474 did not answer ..."})
 */
public record ScenarioStop(Cause cause, String strategy, String reason) {
    /** The kinds of stop. */
    public enum Cause {
        /** The harness failed (not the system under test): Toxiproxy refused or stopped answering, a bug. */
        HARNESS_FAILURE("harness-failure"),
        /**
         * The harness's heap passed its guard's share after a collection: the strategy's run
         * ended early and was measured as far as it went (README, exit code 4). Also the harness
         * ran out of heap: measuring the strategy (no result kept), or once its figures were
         * complete, in its self-check's second play or writing its ledger or interval log (the
         * result kept, unconfirmed or without what was not written; the reason names it and says
         * {@link #FIGURES_KEPT}).
         */
        HEAP_EXHAUSTED("heap-exhausted");

        private final String json;

        Cause(String json) {
            this.json = json;
        }

        /** The name in {@code results.json}. */
        @JsonValue
        public String json() {
            return json;
        }
    }

    /**
     * What the reason of a heap stop that came once the strategy's figures were complete says:
     * they are kept, whole (its ledger, if written, is whole too), where a stop of the guard ends
     * the strategy's run early and measures it as far as it went.
     */
    public static final String FIGURES_KEPT = "its figures are kept";

    /** Whether a stop with {@code reason} came once the strategy's figures were complete ({@link #FIGURES_KEPT}). */
    public static boolean keptFigures(String reason) {
        return reason != null && reason.contains(": " + FIGURES_KEPT);
    }

    public ScenarioStop {
        Objects.requireNonNull(cause, "cause");
        if (strategy == null || strategy.isBlank()) {
            throw new IllegalArgumentException("a stopped run names the strategy that was running: " + strategy);
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a stopped run says why it stopped: " + reason);
        }
    }
}
