package dev.livetalk.metrics.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;

/**
 * Why a scenario's run stopped before every strategy was measured: its results document then
 * holds the strategies that finished, and this names the one that did not and why
 * ({@code "stopped"} in {@code results.json}; absent for a run that finished).
 *
 * <p>Immutable; any thread.
 *
 * @param cause       what kind of stop
 * @param strategy    the strategy that was running when the run stopped
 * @param reason      what happened, for people ({@code "Toxiproxy at 127.0.0.1:8474 did not answer ..."})
 * @param figuresKept whether the stop came once the strategy's figures were complete (a heap
 *                    stop in its self-check's second play or while its ledger or interval log was
 *                    written): its result is then in the document, whole, and so is its ledger
 *                    if it was written; {@code false} for a stop of the guard, whose strategy was
 *                    measured as far as it went, and for any other ({@code "figuresKept"} in
 *                    {@code results.json}, absent when false)
 */
public record ScenarioStop(Cause cause, String strategy, String reason,
                           @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean figuresKept) {
    /** The kinds of stop. */
    public enum Cause {
        /** The harness failed (not the system under test): Toxiproxy refused or stopped answering, a bug. */
        HARNESS_FAILURE("harness-failure"),
        /**
         * The harness's heap passed its guard's share after a collection: the strategy's run
         * ended early and was measured as far as it went (README, exit code 4). Also the harness
         * ran out of heap: measuring the strategy (no result kept), or once its figures were
         * complete, in its self-check's second play or writing its ledger or interval log (the
         * result kept, unconfirmed or without what was not written; the reason names it, and
         * {@link #figuresKept} is set).
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

    /** A stop that came before the strategy's figures were complete, or of no strategy's figures. */
    public ScenarioStop(Cause cause, String strategy, String reason) {
        this(cause, strategy, reason, false);
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
