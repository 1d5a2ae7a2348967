package dev.livetalk.client.strategy.builtin;

/**
 * What distinguishes the seq-ordering built-ins ({@code ordered}, {@code gap-fill},
 * {@code reconcile}, {@code snapshot}); see the strategy table in README.md. Immutable.
 *
 * @param showAtOnce     display a message at its seq place on arrival, even beyond a gap
 * @param fetchGaps      fetch the missing range when a gap outlives the gap timeout
 * @param onRejoin       what to do when a room is joined again after a reconnect
 * @param resume         ask the server to resume from the watermarks in the hello
 * @param placeOnAck     move the local echo to its seq place as soon as the ack comes
 * @param resendInDoubt  resend (same client message id) what was in flight at a disconnect
 * @param onTimeout      what a send timeout does
 */
record SeqPolicy(boolean showAtOnce, boolean fetchGaps, Rejoin onRejoin, boolean resume,
                 boolean placeOnAck, boolean resendInDoubt, Timeout onTimeout) {

    /** Reaction to a plain rejoin. */
    enum Rejoin {
        /** Wait for the gap to fill by itself. */
        WAIT,
        /** Fetch everything since the watermark. */
        FETCH,
        /** Replace the recent state with a fresh snapshot, then apply buffered live events. */
        SNAPSHOT
    }

    /** Reaction to a send timeout. */
    enum Timeout {
        /** Mark the send failed. */
        FAIL,
        /** Resend with the same client message id, forever. */
        RETRY,
        /** Resend with the same id after a doubling backoff; failed after the max attempts. */
        RETRY_WITH_BACKOFF_THEN_FAIL
    }
}
