package dev.livetalk.server;

/**
 * What one authenticated user may still do, over all its connections: its events and bytes
 * buckets, its rejected frames and how many connections it holds. Kept across reconnects
 * until it says nothing a fresh one would not (buckets full, no rejection in the window, no
 * connection), so reconnecting resets nothing. Sans-IO; touched only by the thread that
 * calls {@link ServerCore}.
 */
final class UserLimits {
    private final TokenBucket events;
    private final TokenBucket bytes;
    private final AbuseWindow abuse;
    private int connections;

    UserLimits(ServerConfig config, long now) {
        this.events = new TokenBucket(config.ratePerSecond(), config.rateBurst(), now);
        this.bytes = new TokenBucket(config.inboundBytesPerSecond(), config.inboundBytesBurst(), now);
        this.abuse = new AbuseWindow(config.abuseThreshold(), config.abuseWindow().toNanos());
    }

    TokenBucket events() {
        return events;
    }

    TokenBucket bytes() {
        return bytes;
    }

    AbuseWindow abuse() {
        return abuse;
    }

    int connections() {
        return connections;
    }

    void onConnected() {
        connections++;
    }

    void onDisconnected() {
        connections--;
    }

    /** Whether forgetting this user at {@code now} would change nothing it may do. */
    boolean isForgettable(long now) {
        return connections == 0 && abuse.isEmpty(now) && events.isFull(now) && bytes.isFull(now);
    }
}
