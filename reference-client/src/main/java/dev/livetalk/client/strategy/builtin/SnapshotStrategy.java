package dev.livetalk.client.strategy.builtin;

import dev.livetalk.client.strategy.StrategySettings;
import dev.livetalk.client.strategy.NamedStrategyProvider;

/**
 * {@code snapshot}: inserts every message at its seq place on arrival and dedupes by id; on
 * reconnect replaces the recent state with a fresh snapshot (the newest
 * {@link StrategySettings#fetchLimit()} messages) and then applies the live events buffered
 * meanwhile; resends with the same client message id. Known flaw: an outage longer than the
 * snapshot window loses what lies before it, and a gap inside a connection is never fetched.
 *
 * <p>Single-threaded: called by the session's owner thread only.
 */
public final class SnapshotStrategy extends SeqOrderStrategy {
    /** The name in README.md's strategy table. */
    public static final String NAME = "snapshot";

    static final SeqPolicy POLICY = new SeqPolicy(true, false, SeqPolicy.Rejoin.SNAPSHOT, false, false, true,
            SeqPolicy.Timeout.RETRY);

    /** A strategy with these settings. */
    public SnapshotStrategy(StrategySettings settings) {
        super(NAME, POLICY, settings);
    }

    /** Registers {@code snapshot} with the {@link java.util.ServiceLoader}. */
    public static final class Provider extends NamedStrategyProvider {
        public Provider() {
            super(NAME, "insert by seq, dedupe by id; snapshot on reconnect; idempotent retry", SnapshotStrategy::new);
        }
    }
}
