package dev.livetalk.client.strategy.builtin;

import dev.livetalk.client.strategy.StrategySettings;
import dev.livetalk.client.strategy.NamedStrategyProvider;

/**
 * {@code gap-fill}: as {@code ordered}, and fetches the missing range when a gap outlives the
 * gap timeout; on reconnect fetches everything since the watermark; resends sends in doubt
 * and timed-out sends with the SAME client message id (idempotent), forever.
 *
 * <p>Single-threaded: called by the session's owner thread only.
 */
public final class GapFillStrategy extends SeqOrderStrategy {
    /** The name in README.md's strategy table. */
    public static final String NAME = "gap-fill";

    static final SeqPolicy POLICY = new SeqPolicy(false, true, SeqPolicy.Rejoin.FETCH, false, false, true,
            SeqPolicy.Timeout.RETRY);

    /** A strategy with these settings. */
    public GapFillStrategy(StrategySettings settings) {
        super(NAME, POLICY, settings);
    }

    /** Registers {@code gap-fill} with the {@link java.util.ServiceLoader}. */
    public static final class Provider extends NamedStrategyProvider {
        public Provider() {
            super(NAME, "ordered, plus fetch of gaps and of what was missed; idempotent retry", GapFillStrategy::new);
        }
    }
}
