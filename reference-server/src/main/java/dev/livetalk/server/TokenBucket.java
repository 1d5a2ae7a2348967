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
        return tryTake(now, 1);
    }

    /** Takes {@code amount} tokens if there are that many at {@code now}; none otherwise. */
    boolean tryTake(long now, long amount) {
        refill(now);
        if (tokens >= amount) {
            tokens -= amount;
            return true;
        }
        return false;
    }

    /** Whether the bucket is full at {@code now}: it then says nothing an empty history would not. */
    boolean isFull(long now) {
        refill(now);
        return tokens >= burst;
    }

    private void refill(long now) {
        if (now > last) {
            tokens = Math.min(burst, tokens + (now - last) * perSecond / NANOS_PER_SECOND);
            last = now;
        }
    }
}
