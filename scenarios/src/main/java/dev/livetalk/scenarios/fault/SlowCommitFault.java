package dev.livetalk.scenarios.fault;

import dev.livetalk.scenarios.Durations;

import java.time.Duration;

/**
 * Each commit takes {@code delay} more while the window acts: commits are made one after
 * another, so the server commits at most one message per {@code delay}, and what it answers
 * after a commit (the ack, the message to the members, anything later on those connections)
 * waits for it.
 *
 * <p>Immutable; any thread.
 */
public record SlowCommitFault(Duration delay) implements Fault {
    public SlowCommitFault {
        Durations.requireNonNegative("delay", delay);
        if (delay.isZero()) {
            throw new IllegalArgumentException("delay must be > 0: 0s");
        }
    }

    @Override
    public FaultKind kind() {
        return FaultKind.SLOW_COMMIT;
    }
}
