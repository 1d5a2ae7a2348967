package dev.livetalk.runner;

import java.time.Duration;

/**
 * How the runner plays scenarios, beyond what the scenario file says.
 *
 * @param readEvery      how often each client marks what it displays as read
 * @param startupTimeout how long every client may take to connect and join before the run fails
 * @param connectTimeout how long one WebSocket handshake may take
 * @param reconnectCap   the clients' largest reconnect backoff (full jitter below it)
 * @param deliveredEvery how long clients batch their delivered markers; every marker is a
 *                       receipt to every other member, so at 200 clients this is most of the
 *                       traffic (50 ms: 40,000 receipts/s in the scale scenario; 500 ms: 4,000)
 * @param toxiproxyDeadline how long one Toxiproxy API call may take; past it the run stops as a
 *                       harness failure (Toxiproxy that stops answering must not hang the run)
 */
public record RunSettings(Duration readEvery, Duration startupTimeout, Duration connectTimeout,
                          Duration reconnectCap, Duration deliveredEvery, Duration toxiproxyDeadline) {
    /**
     * Read every 500 ms; 60 s to start; 1 s per handshake; reconnect backoff capped at 2 s;
     * delivered markers batched for 500 ms; 5 s per Toxiproxy API call (a healthy call takes
     * milliseconds; Toxiproxy's own flush of a removed toxic waits 5 s a chunk).
     * The handshake limit matters: a connection reset by the proxy during the WebSocket
     * handshake is not noticed by the Tyrus client, which waits for this limit (measured: with
     * 3 s, ack p99 of the flapping-link scenario was 6.1 s; with 1 s, 1.1 s).
     */
    public static final RunSettings DEFAULTS = new RunSettings(Duration.ofMillis(500), Duration.ofSeconds(60),
            Duration.ofMillis(1000), Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ofSeconds(5));

    public RunSettings {
        positive("readEvery", readEvery);
        positive("startupTimeout", startupTimeout);
        positive("connectTimeout", connectTimeout);
        positive("reconnectCap", reconnectCap);
        positive("deliveredEvery", deliveredEvery);
        positive("toxiproxyDeadline", toxiproxyDeadline);
    }

    /** As the canonical constructor, with the default Toxiproxy API deadline. */
    public RunSettings(Duration readEvery, Duration startupTimeout, Duration connectTimeout, Duration reconnectCap,
                       Duration deliveredEvery) {
        this(readEvery, startupTimeout, connectTimeout, reconnectCap, deliveredEvery, Duration.ofSeconds(5));
    }

    /** These settings with {@code deadline} for each Toxiproxy API call. */
    public RunSettings withToxiproxyDeadline(Duration deadline) {
        return new RunSettings(readEvery, startupTimeout, connectTimeout, reconnectCap, deliveredEvery, deadline);
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0: " + value);
        }
    }
}
