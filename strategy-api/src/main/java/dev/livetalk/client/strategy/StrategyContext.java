package dev.livetalk.client.strategy;

import dev.livetalk.client.transcript.Transcript;
import java.util.Collection;

/**
 * What a {@link ReconciliationStrategy} may see and ask for. Requests are carried out by the
 * session after the callback returns (transmissions are queued while a link is down). Valid
 * only during a callback, on the session's owner thread.
 */
public interface StrategyContext {

    /** The user this session speaks for. */
    String user();

    /** The transcript of a configured room; the strategy owns every change to it. */
    Transcript transcript(String room);

    /** Sends still waiting for an ack, oldest first. */
    Collection<PendingSend> pendingSends();

    /** The pending send with this client message id (latest or first), or {@code null}. */
    PendingSend pendingSend(String clientMsgId);

    /** Transmit a pending send again with the SAME client message id (idempotent). */
    void resend(String clientMsgId, long ackDeadline);

    /**
     * Transmit a pending send again under a NEW client message id (not idempotent: the server
     * commits it twice if the first one got through). Returns the new id; the send is now
     * tracked under it and the ack of the old id still reaches the strategy.
     */
    String resendWithNewId(String clientMsgId, long ackDeadline);

    /** Wait longer for the ack of a pending send, without transmitting again. */
    void extendDeadline(String clientMsgId, long ackDeadline);

    /** Stop tracking a pending send (the strategy marks its line failed itself). */
    void abandon(String clientMsgId);

    /** Ask the server for the committed messages {@code fromSeq..toSeq} of a room. */
    void fetch(String room, long fromSeq, long toSeq);

    /** Call {@link ReconciliationStrategy#onTimer} at or after {@code deadline}. */
    void wakeAt(long deadline);

    /** The session's ack timeout, nanoseconds. */
    long ackTimeout();
}
