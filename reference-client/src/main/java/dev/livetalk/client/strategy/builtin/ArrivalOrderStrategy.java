package dev.livetalk.client.strategy.builtin;

import dev.livetalk.client.strategy.ReconciliationStrategy;
import dev.livetalk.client.strategy.StrategyContext;
import dev.livetalk.client.strategy.StrategySettings;
import dev.livetalk.client.strategy.PendingSend;
import dev.livetalk.client.strategy.ResumeRequest;
import dev.livetalk.client.transcript.MessageStatus;
import dev.livetalk.client.transcript.Transcript;
import dev.livetalk.client.transcript.TranscriptEntry;
import dev.livetalk.protocol.Ack;
import dev.livetalk.protocol.ErrorEvent;
import dev.livetalk.protocol.HistoryReply;
import dev.livetalk.protocol.Message;
import dev.livetalk.protocol.ResumeStatus;
import dev.livetalk.protocol.Welcome;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Shows events in the order they arrive, as a plain event-driven client does: the local echo
 * is appended at send, every message is appended when it arrives, nothing is fetched or
 * resumed. The only matching it does is its own echo with the message or ack that carries
 * the echo's client message id. Subclasses choose what a timeout and a reconnect do.
 *
 * <p>Single-threaded: called by the session's owner thread only.
 */
abstract class ArrivalOrderStrategy implements ReconciliationStrategy {
    /** Client message id of any transmission to the key of its echo line. */
    private final Map<String, String> echoKeyByClientMsgId = new HashMap<>();
    /** Ids an ack committed into an echo line, whose message has not arrived yet. */
    private final Set<String> ackedIds = new HashSet<>();
    private final Map<String, Long> highestSeq = new HashMap<>();
    final StrategySettings settings;
    private final String name;

    ArrivalOrderStrategy(String name, StrategySettings settings) {
        this.name = name;
        this.settings = settings;
    }

    @Override
    public final String name() {
        return name;
    }

    /** Remembers that transmissions under {@code clientMsgId} belong to the echo {@code echoKey}. */
    final void track(String clientMsgId, String echoKey) {
        echoKeyByClientMsgId.put(clientMsgId, echoKey);
    }

    /** Stops tracking and shows the send as failed. */
    final void fail(StrategyContext ctx, PendingSend send) {
        ctx.abandon(send.clientMsgId());
        ctx.transcript(send.room()).advanceStatus(send.echoClientMsgId(), MessageStatus.FAILED);
    }

    @Override
    public void onSend(StrategyContext ctx, PendingSend send, long now) {
        track(send.clientMsgId(), send.echoClientMsgId());
        ctx.transcript(send.room()).append(
                TranscriptEntry.pending(send.echoClientMsgId(), ctx.user(), send.body(), send.replyTo()));
    }

    @Override
    public void onMessage(StrategyContext ctx, Message message, long now) {
        highestSeq.merge(message.room(), message.seq(), Math::max);
        if (ackedIds.remove(message.id())) {
            return;
        }
        Transcript transcript = ctx.transcript(message.room());
        String echoKey = message.from().equals(ctx.user())
                ? echoKeyByClientMsgId.remove(message.clientMsgId()) : null;
        if (echoKey != null && transcript.contains(echoKey)) {
            transcript.replace(echoKey, TranscriptEntry.committed(message, MessageStatus.SENT));
        } else {
            transcript.append(TranscriptEntry.committed(message, MessageStatus.SENT));
        }
    }

    @Override
    public void onHistory(StrategyContext ctx, HistoryReply reply, long now) {
        // never asks for history
    }

    @Override
    public void onAck(StrategyContext ctx, Ack ack, PendingSend send, long now) {
        String echoKey = echoKeyByClientMsgId.get(ack.clientMsgId());
        Transcript transcript = ctx.transcript(ack.room());
        if (echoKey == null || !transcript.contains(echoKey)) {
            return;
        }
        TranscriptEntry echo = transcript.find(echoKey);
        transcript.replace(echoKey, echo.withCommit(ack.seq(), ack.id(), MessageStatus.SENT));
        ackedIds.add(ack.id());
    }

    @Override
    public void onSendRejected(StrategyContext ctx, PendingSend send, ErrorEvent error, long now) {
        fail(ctx, send);
    }

    @Override
    public void onReceiveLinkDown(StrategyContext ctx, long now) {
        // what was missed is lost
    }

    @Override
    public void onSendLinkDown(StrategyContext ctx, long now) {
        // sends in flight wait for their timeout
    }

    @Override
    public void onReceiveLinkUp(StrategyContext ctx, Welcome welcome, long now) {
        // rejoin only
    }

    @Override
    public void onRoomJoined(StrategyContext ctx, String room, long headSeq, ResumeStatus resume, long now) {
        // live from here; nothing missed is fetched
    }

    @Override
    public void onTimer(StrategyContext ctx, long now) {
        // no timers
    }

    @Override
    public ResumeRequest resumeRequest() {
        return ResumeRequest.NONE;
    }

    @Override
    public long deliveredUpTo(String room) {
        return highestSeq.getOrDefault(room, 0L);
    }
}
