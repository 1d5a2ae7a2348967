package dev.livetalk.client.strategy;

import dev.livetalk.client.transcript.MessageStatus;
import dev.livetalk.protocol.Ack;
import dev.livetalk.protocol.ErrorEvent;
import dev.livetalk.protocol.HistoryReply;
import dev.livetalk.protocol.Message;
import dev.livetalk.protocol.ResumeStatus;
import dev.livetalk.protocol.Welcome;

/**
 * Decides what a client's transcripts show: where arrivals go, what an ack, a timeout or a
 * reconnect changes, and which requests (history fetch, resend, resume) follow. Transport,
 * heartbeats, timers and reconnect belong to the session; the strategy owns only the
 * transcript decisions.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>Threads: every method is called by the session's owner thread, one call at a time,
 *       never concurrently; an instance serves one session. No synchronisation is needed.</li>
 *   <li>No I/O, no clock, no threads, no blocking: time is the {@code now} argument (session
 *       nanoseconds); randomness, if any, must be seeded from the strategy's own state.</li>
 *   <li>It changes transcripts and asks for requests only through the {@link StrategyContext}
 *       it is given, and keeps no reference to the context after the call.</li>
 *   <li>A missed callback is never re-delivered; a callback must not throw for input the
 *       network can produce (duplicates, reordering, unknown acks, stale history).</li>
 * </ul>
 * Optional callbacks have defaults that do nothing (a refused send: abandon and mark failed;
 * resume: none). A session on two connections (split mode) calls the send-link callbacks for the one that
 * sends and the receive-link callbacks for the one that receives; on one connection both.
 */
public interface ReconciliationStrategy {

    /** The name scenarios select it by, as its {@link StrategyProvider} says. */
    String name();

    /** The user sent a message: show its local echo (or not). */
    void onSend(StrategyContext ctx, PendingSend send, long now);

    /** A live message arrived on the receive link. */
    void onMessage(StrategyContext ctx, Message message, long now);

    /** A history reply arrived (to a fetch of this strategy). */
    default void onHistory(StrategyContext ctx, HistoryReply reply, long now) {
    }

    /**
     * The server acknowledged a send. {@code send} is the pending send it settles, or
     * {@code null} when the session no longer tracks that client message id (late, duplicate,
     * or for an id replaced by a naive resend).
     */
    void onAck(StrategyContext ctx, Ack ack, PendingSend send, long now);

    /** No ack came by the send's deadline. Resend, extend, or abandon and mark it failed. */
    void onSendTimeout(StrategyContext ctx, PendingSend send, long now);

    /** The server refused a send (an error naming its client message id). */
    default void onSendRejected(StrategyContext ctx, PendingSend send, ErrorEvent error, long now) {
        ctx.abandon(send.clientMsgId());
        ctx.transcript(send.room()).advanceStatus(send.echoClientMsgId(), MessageStatus.FAILED);
    }

    /** The connection that receives died (it had been welcomed). */
    default void onReceiveLinkDown(StrategyContext ctx, long now) {
    }

    /** The connection that sends died (it had been welcomed); its unacknowledged sends are in doubt. */
    default void onSendLinkDown(StrategyContext ctx, long now) {
    }

    /** The receiving connection got its welcome; room callbacks follow. */
    default void onReceiveLinkUp(StrategyContext ctx, Welcome welcome, long now) {
    }

    /**
     * The sending connection is ready again (welcomed and joined). Sends never transmitted are
     * flushed by the session; sends in doubt are this strategy's call.
     */
    default void onSendLinkUp(StrategyContext ctx, long now) {
    }

    /**
     * A room is live on the receive link: live messages after {@code headSeq} follow.
     * {@code resume} is what the server did with this room's resume position, or {@code null}
     * when none was asked (plain join).
     */
    default void onRoomJoined(StrategyContext ctx, String room, long headSeq, ResumeStatus resume, long now) {
    }

    /**
     * The server showed that {@code room} holds messages up to at least {@code seq} (another
     * member's receipt reached it). A strategy that tracks seqs can learn of a lost message
     * here that no later message would reveal: the last one of a quiet room.
     */
    default void onHeadHint(StrategyContext ctx, String room, long seq, long now) {
    }

    /** A deadline asked for with {@link StrategyContext#wakeAt} passed. */
    default void onTimer(StrategyContext ctx, long now) {
    }

    /** What the next {@code hello} asks to resume; {@link ResumeRequest#NONE} for nothing. */
    default ResumeRequest resumeRequest() {
        return ResumeRequest.NONE;
    }

    /**
     * The highest seq of {@code room} up to which this client has every message; the session
     * sends it as the delivered marker. 0 for none.
     */
    long deliveredUpTo(String room);
}
