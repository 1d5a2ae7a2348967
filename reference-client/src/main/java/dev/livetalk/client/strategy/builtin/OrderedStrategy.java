package dev.livetalk.client.strategy.builtin;

import dev.livetalk.client.strategy.StrategySettings;
import dev.livetalk.client.strategy.NamedStrategyProvider;

/**
 * {@code ordered}: buffers messages until contiguous by seq and drops seq <= watermark; the
 * local echo waits at the bottom until its message is released in order. On reconnect it
 * rejoins and waits; a send timeout marks the send failed. Known flaw, on purpose: a gap
 * that does not fill by itself (messages broadcast during an outage) is never fetched, so
 * everything after it stays buffered and never shows (after an epoch change too: it waits
 * for the new epoch's seq 1).
 *
 * <p>Single-threaded: called by the session's owner thread only.
 */
public final class OrderedStrategy extends SeqOrderStrategy {
    /** The name in README.md's strategy table. */
    public static final String NAME = "ordered";

    static final SeqPolicy POLICY = new SeqPolicy(false, false, SeqPolicy.Rejoin.WAIT, false, false, false,
            SeqPolicy.Timeout.FAIL);

    /** A strategy with these settings. */
    public OrderedStrategy(StrategySettings settings) {
        super(NAME, POLICY, settings);
    }

    /** Registers {@code ordered} with the {@link java.util.ServiceLoader}. */
    public static final class Provider extends NamedStrategyProvider {
        public Provider() {
            super(NAME, "buffer until contiguous by seq; rejoin and wait; timeout marks failed", OrderedStrategy::new);
        }
    }
}
