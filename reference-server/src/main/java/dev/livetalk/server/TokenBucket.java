package dev.livetalk.server;

/**
 * A token bucket on injected time: {@code burst} tokens at most, refilled at
 * {@code perSecond}. Sans-IO; touched only by the thread that calls {@link ServerCore}.
 */
final class TokenBucket {
    private static final double NANOS_PER_SECOND = 1e9;

    private final double perSecond;
    private final int burst;
    private double tokens;
    private long last;

    TokenBucket(double perSecond, int burst, long now) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.tokens = burst;
        this.last = now;
    }

    /** Takes one token if there is one at {@code now}. */
    boolean tryTake(long now) {
        if (now > last) {
            tokens = Math.min(burst, tokens + (now - last) * perSecond / NANOS_PER_SECOND);
            last = now;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
