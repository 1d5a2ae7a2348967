package dev.livetalk.scenarios;

/**
 * The open-model load: every user sends {@code ratePerSender} messages per second to each of
 * its rooms in turn, spaced by {@code arrival}, and a {@code replyShare} of the messages reply
 * to an earlier one. The rate is at most {@link #MAX_RATE_PER_SENDER}; the whole load's (a
 * scenario's, checked by validation) at most {@link #MAX_TOTAL_RATE}.
 *
 * <p>Immutable; any thread.
 */
public record Load(double ratePerSender, Arrival arrival, double replyShare) {
    /**
     * The most messages per second one sender sends: one a millisecond, over a hundred times the
     * library's busiest sender (8/s). Far above it the plan's spacing falls below what its
     * nanosecond clock can tell apart (at 1e300/s a send never advances the time) and the
     * harness does nothing but send.
     */
    public static final double MAX_RATE_PER_SENDER = 1000;

    /**
     * The most messages per second a whole run's load sends (the rate times the users in a room,
     * who send): nineteen times the library's busiest load (5,250/s, the simulator's 1,000
     * clients) and a hundred times what two cores play through Toxiproxy while the harness keeps
     * its own time (about 1,000/s). The simulator played 2 s of it in 38 s of wall time; far above
     * it a run does not finish one simulated second (10^8/s: none in a minute) and looks hung.
     */
    public static final double MAX_TOTAL_RATE = 100_000;

    public Load {
        if (!(ratePerSender > 0) || !(ratePerSender <= MAX_RATE_PER_SENDER)) {
            throw new IllegalArgumentException("rate must be > 0 and at most " + (long) MAX_RATE_PER_SENDER
                    + " messages/s per sender: " + ratePerSender);
        }
        if (!(replyShare >= 0.0 && replyShare <= 1.0)) {
            throw new IllegalArgumentException("reply-share must be within 0..1: " + replyShare);
        }
    }

    /** Messages per second of the whole load with {@code senders} users sending. */
    public double totalRate(int senders) {
        return ratePerSender * senders;
    }
}
