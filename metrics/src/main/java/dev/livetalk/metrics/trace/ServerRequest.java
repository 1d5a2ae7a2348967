package dev.livetalk.metrics.trace;

/**
 * The server received a request ({@code hello}, {@code join}, {@code leave}, {@code history} or
 * {@code send}, resends included; read markers, pings and pongs are not requests) at {@code at},
 * trace-clock nanoseconds: the server's own count, stamped by the harness as the server tells
 * it (in the simulator and an in-process server at once; from a server process, as its line
 * arrives). The reconnect storm as the server saw it (docs/METRICS.md, Recovery:
 * {@code serverPeak}).
 *
 * <p>Immutable; any thread.
 *
 * @param type the request's wire type
 */
public record ServerRequest(String type, long at) {
    public ServerRequest {
        if (type == null || type.isEmpty()) {
            throw new IllegalArgumentException("a server request needs its type: " + type);
        }
    }
}
