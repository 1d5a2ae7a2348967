package dev.livetalk.client.strategy.builtin;

import dev.livetalk.client.strategy.StrategyContext;
import dev.livetalk.client.strategy.StrategySettings;
import dev.livetalk.client.strategy.PendingSend;
import dev.livetalk.client.strategy.NamedStrategyProvider;

/**
 * {@code event-only}: appends in arrival order, local echo appended at send; on reconnect it
 * only rejoins; a send timeout marks the send failed. Known flaws, on purpose: it loses
 * whatever was broadcast during an outage, shows its own messages before earlier ones it
 * has not received yet (misorder), and may show failed for a message the server committed.
 *
 * <p>Single-threaded: called by the session's owner thread only.
 */
public final class EventOnlyStrategy extends ArrivalOrderStrategy {
    /** The name in README.md's strategy table. */
    public static final String NAME = "event-only";

    /** A strategy with these settings. */
    public EventOnlyStrategy(StrategySettings settings) {
        super(NAME, settings);
    }

    @Override
    public void onSendTimeout(StrategyContext ctx, PendingSend send, long now) {
        fail(ctx, send);
    }

    @Override
    public void onSendLinkUp(StrategyContext ctx, long now) {
        // sends in doubt are left to their timeout
    }

    /** Registers {@code event-only} with the {@link java.util.ServiceLoader}. */
    public static final class Provider extends NamedStrategyProvider {
        public Provider() {
            super(NAME, "append in arrival order; rejoin only; timeout marks failed", EventOnlyStrategy::new);
        }
    }
}
