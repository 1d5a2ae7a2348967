package dev.livetalk.metrics.correctness;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What an {@link Example} shows.
 *
 * <p>Immutable; any thread.
 */
public enum ExampleKind {
    @JsonProperty("lost") LOST,
    @JsonProperty("duplicated") DUPLICATED,
    @JsonProperty("misordered") MISORDERED,
    @JsonProperty("phantom") PHANTOM,
    @JsonProperty("causal-violation") CAUSAL_VIOLATION,
    @JsonProperty("stuck-pending") STUCK_PENDING,
    @JsonProperty("unfounded-delivered") UNFOUNDED_DELIVERED,
    @JsonProperty("unfounded-read") UNFOUNDED_READ,
    @JsonProperty("status-ahead") STATUS_AHEAD,
    @JsonProperty("status-backwards") STATUS_BACKWARDS,
    @JsonProperty("missing-echo") MISSING_ECHO
}
