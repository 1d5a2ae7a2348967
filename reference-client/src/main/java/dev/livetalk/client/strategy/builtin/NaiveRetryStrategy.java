package dev.livetalk.client.strategy.builtin;

import dev.livetalk.client.strategy.StrategyContext;
import dev.livetalk.client.strategy.StrategySettings;
import dev.livetalk.client.strategy.PendingSend;
import dev.livetalk.client.strategy.NamedStrategyProvider;

/**
 * {@code naive-retry}: as {@code event-only}, but resends a send in doubt after a reconnect,
 * and a send that timed out, under a NEW client message id, so the server cannot recognise
 * it: when only the ack was lost the message is committed twice and everybody sees a
 * duplicate. Gives up (failed) after {@link StrategySettings#maxSendAttempts()} attempts.
 *
 * <p>Single-threaded: called by the session's owner thread only.
 */
public final class NaiveRetryStrategy extends ArrivalOrderStrategy {
    /** The name in README.md's strategy table. */
    public static final String NAME = "naive-retry";

    /** A strategy with these settings. */
    public NaiveRetryStrategy(StrategySettings settings) {
        super(NAME, settings);
    }

    @Override
    public void onSendTimeout(StrategyContext ctx, PendingSend send, long now) {
        if (send.attempts() >= settings.maxSendAttempts()) {
            fail(ctx, send);
        } else {
            resendNaively(ctx, send, now);
        }
    }

    @Override
    public void onSendLinkUp(StrategyContext ctx, long now) {
        for (PendingSend send : ctx.pendingSends()) {
            if (send.inDoubt()) {
                resendNaively(ctx, send, now);
            }
        }
    }

    private void resendNaively(StrategyContext ctx, PendingSend send, long now) {
        String newId = ctx.resendWithNewId(send.clientMsgId(), now + ctx.ackTimeout());
        track(newId, send.echoClientMsgId());
    }

    /** Registers {@code naive-retry} with the {@link java.util.ServiceLoader}. */
    public static final class Provider extends NamedStrategyProvider {
        public Provider() {
            super(NAME, "as event-only; resends pending with a new client message id (duplicates)", NaiveRetryStrategy::new);
        }
    }
}
