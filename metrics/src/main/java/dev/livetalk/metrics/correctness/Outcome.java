package dev.livetalk.metrics.correctness;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What happened to one entitled message at one client, after Jepsen's queue checkers; or an
 * entry the server never committed.
 *
 * <p>Immutable; any thread.
 */
public enum Outcome {
    /** Shown exactly once at the end, and never missing after it was due. */
    @JsonProperty("ok") OK,
    /** Never in the final transcript. */
    @JsonProperty("lost") LOST,
    /** Shown more than once at the end. */
    @JsonProperty("duplicated") DUPLICATED,
    /** A line the server never committed (and not marked failed): a phantom. */
    @JsonProperty("unexpected") UNEXPECTED,
    /**
     * Shown exactly once at the end, but missing at some point after it was due (a higher seq
     * was shown first, or its line disappeared for a while).
     */
    @JsonProperty("recovered") RECOVERED,
    /**
     * Never shown to the client, and never showable: the server had dropped it from its bounded
     * history before the client came back ({@link dev.livetalk.metrics.replay.Unreachable}). Not lost.
     */
    @JsonProperty("unreachable") UNREACHABLE
}
