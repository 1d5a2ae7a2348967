package dev.livetalk.client.strategy.builtin;

import dev.livetalk.client.strategy.StrategySettings;
import dev.livetalk.client.strategy.NamedStrategyProvider;

/**
 * {@code reconcile}: the local echo shows pending and moves to its seq place on ack; gaps are
 * fetched as in {@code gap-fill}; the hello resumes every room from its watermark with the
 * epoch seen last; when the server answers {@code history-truncated} (it dropped some of what
 * followed, or the replay would have gone beyond its bound) it pages through the history from
 * the watermark, skipping only what the server no longer holds, and when the epoch changed it
 * falls back to a snapshot; a timed-out send is resent with the same client message id after a
 * doubling backoff and marked failed after {@link StrategySettings#maxSendAttempts()}.
 *
 * <p>Single-threaded: called by the session's owner thread only.
 */
public final class ReconcileStrategy extends SeqOrderStrategy {
    /** The name in README.md's strategy table. */
    public static final String NAME = "reconcile";

    static final SeqPolicy POLICY = new SeqPolicy(false, true, SeqPolicy.Rejoin.FETCH, true, true, true,
            SeqPolicy.Timeout.RETRY_WITH_BACKOFF_THEN_FAIL);

    /** A strategy with these settings. */
    public ReconcileStrategy(StrategySettings settings) {
        super(NAME, POLICY, settings);
    }

    /** Registers {@code reconcile} with the {@link java.util.ServiceLoader}. */
    public static final class Provider extends NamedStrategyProvider {
        public Provider() {
            super(NAME, "local echo moved to its seq on ack; gap-fill; resume with epoch check, snapshot fallback; retry with backoff then failed", ReconcileStrategy::new);
        }
    }
}
