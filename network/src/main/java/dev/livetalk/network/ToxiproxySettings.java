package dev.livetalk.network;

import dev.livetalk.network.toxiproxy.ToxiproxyNetwork;

import java.time.Duration;

/**
 * How the Toxiproxy backend carries a run, beyond the settings every backend shares
 * ({@code dev.livetalk.run.RunSettings}).
 *
 * @param connectTimeout    how long one WebSocket handshake may take
 * @param toxiproxyDeadline how long one Toxiproxy API call may take; past it the run stops as a
 *                          harness failure (Toxiproxy that stops answering must not hang the run)
 */
public record ToxiproxySettings(Duration connectTimeout, Duration toxiproxyDeadline) {
    /**
     * 1 s per handshake; 5 s per Toxiproxy API call (a healthy call takes milliseconds;
     * Toxiproxy's own flush of a removed toxic waits 5 s a chunk). The handshake limit matters:
     * a connection reset by the proxy during the WebSocket handshake is not noticed by the Tyrus
     * client, which waits for this limit (measured: with 3 s, ack p99 of the flapping-link
     * scenario was 6.1 s; with 1 s, 1.1 s).
     */
    public static final ToxiproxySettings DEFAULTS = new ToxiproxySettings(Duration.ofMillis(1000),
            ToxiproxyNetwork.DEFAULT_DEADLINE);

    public ToxiproxySettings {
        positive("connectTimeout", connectTimeout);
        positive("toxiproxyDeadline", toxiproxyDeadline);
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0: " + value);
        }
    }
}
