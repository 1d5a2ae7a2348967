package dev.livetalk.client.strategy;

import java.util.Map;

/**
 * What the session puts in the next {@code hello}: the epoch the positions belong to and, per
 * room, the highest seq the client already has. Immutable.
 *
 * @param epoch     the server epoch seen last, or {@code null}
 * @param positions room to highest contiguous seq held
 */
public record ResumeRequest(String epoch, Map<String, Long> positions) {
    /** Ask for no resume: a plain hello. */
    public static final ResumeRequest NONE = new ResumeRequest(null, Map.of());

    public ResumeRequest {
        positions = Map.copyOf(positions);
    }
}
