package dev.livetalk.server;

import dev.livetalk.protocol.Message;

/**
 * Told about every committed message, in commit order, so a harness can keep the full
 * server log while the server's own history stays bounded. Called by the thread that calls
 * {@link ServerCore} (in the shell: a Tyrus worker thread holding the core lock); in a shell
 * whose commits are durable or slowed ({@link ReferenceServer}), by its committer thread,
 * holding the same lock, once the commit is durable and just before its ack is released.
 * Keep it short and never call back into the server.
 */
@FunctionalInterface
public interface CommitListener {
    /** A listener that does nothing. */
    CommitListener NONE = message -> { };

    /** {@code message} was committed: it has its seq and is acknowledged to its sender next. */
    void onCommit(Message message);

    /**
     * {@code message} was committed in the history named {@code epoch}; the server calls this
     * one. A listener that follows restarts (where a history without durability is lost and a
     * new epoch begins) overrides it; the default forgets the epoch.
     */
    default void onCommit(String epoch, Message message) {
        onCommit(message);
    }

    /**
     * A server started with history {@code epoch} (once per start: a restart calls it again,
     * with a new epoch when the history was lost). Called before any commit of that start.
     * The default does nothing.
     */
    default void onStart(String epoch) {
    }

    /**
     * The server received a request: a decoded {@code hello}, {@code join}, {@code leave},
     * {@code history} or {@code send} frame ({@code type} is the event's wire type), counted
     * as it arrives, before rate limits and validation (a resend counts again); read markers,
     * pings and pongs are not requests. What the clients cost the server (docs/METRICS.md,
     * Recovery: {@code serverPeak}). Called by the thread that calls {@link ServerCore}, at once
     * (never deferred to a commit's release). The default does nothing.
     */
    default void onRequest(String type) {
    }
}
