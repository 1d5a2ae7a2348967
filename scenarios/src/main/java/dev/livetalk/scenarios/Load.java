package dev.livetalk.scenarios;

/**
 * The open-model load: every user sends {@code ratePerSender} messages per second to each of
 * its rooms in turn, spaced by {@code arrival}, and a {@code replyShare} of the messages reply
 * to an earlier one.
 *
 * <p>Immutable; any thread.
 */
public record Load(double ratePerSender, Arrival arrival, double replyShare) {
    public Load {
        if (!(ratePerSender > 0) || Double.isInfinite(ratePerSender)) {
            throw new IllegalArgumentException("rate must be > 0 messages/s per sender: " + ratePerSender);
        }
        if (!(replyShare >= 0.0 && replyShare <= 1.0)) {
            throw new IllegalArgumentException("reply-share must be within 0..1: " + replyShare);
        }
    }
}
