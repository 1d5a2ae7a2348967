package dev.livetalk.metrics.trace;

import java.util.Set;

/**
 * A request other than a send that a client put on the wire: a {@code hello} (one per
 * connection attempt that opened), a {@code join}, a {@code leave} or a {@code history}
 * request, on {@code link} ({@code main}, {@code send} or {@code receive}) at {@code at}
 * (trace-clock nanoseconds). Sends are {@link Transmission}s; read markers ({@link MarkerSent}),
 * pings and pongs are not requests. What a recovery costs in requests (docs/METRICS.md,
 * Recovery: {@code requests}).
 *
 * <p>Immutable; any thread.
 *
 * @param type the request's wire type: {@code hello}, {@code join}, {@code leave} or {@code history}
 */
public record RequestSent(String type, String link, long at) {
    /** The wire types a request sent is one of. */
    public static final Set<String> TYPES = Set.of("hello", "join", "leave", "history");

    public RequestSent {
        if (!TYPES.contains(type) || link == null) {
            throw new IllegalArgumentException("a request sent needs a link and a type among " + TYPES + ": " + type
                    + ", " + link);
        }
    }
}
