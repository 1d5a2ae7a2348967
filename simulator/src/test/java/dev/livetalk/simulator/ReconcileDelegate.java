package dev.livetalk.simulator;

import dev.livetalk.client.strategy.PendingSend;
import dev.livetalk.client.strategy.builtin.ReconcileStrategy;
import dev.livetalk.client.strategy.ReconciliationStrategy;
import dev.livetalk.client.strategy.ResumeRequest;
import dev.livetalk.client.strategy.StrategyContext;
import dev.livetalk.client.strategy.StrategySettings;
import dev.livetalk.protocol.Ack;
import dev.livetalk.protocol.ErrorEvent;
import dev.livetalk.protocol.HistoryReply;
import dev.livetalk.protocol.Message;
import dev.livetalk.protocol.ResumeStatus;
import dev.livetalk.protocol.Welcome;

/**
 * {@code reconcile} by delegation, for planted bugs that change one decision and keep the rest
 * (the status-truth tests' strategies).
 *
 * <p>Single-threaded: called by the session's owner thread only.
 */
abstract class ReconcileDelegate implements ReconciliationStrategy {
    final ReconcileStrategy delegate;

    ReconcileDelegate(StrategySettings settings) {
        this.delegate = new ReconcileStrategy(settings);
    }

    @Override
    public void onSend(StrategyContext ctx, PendingSend send, long now) {
        delegate.onSend(ctx, send, now);
    }

    @Override
    public void onMessage(StrategyContext ctx, Message message, long now) {
        delegate.onMessage(ctx, message, now);
    }

    @Override
    public void onHistory(StrategyContext ctx, HistoryReply reply, long now) {
        delegate.onHistory(ctx, reply, now);
    }

    @Override
    public void onAck(StrategyContext ctx, Ack ack, PendingSend send, long now) {
        delegate.onAck(ctx, ack, send, now);
    }

    @Override
    public void onSendTimeout(StrategyContext ctx, PendingSend send, long now) {
        delegate.onSendTimeout(ctx, send, now);
    }

    @Override
    public void onSendRejected(StrategyContext ctx, PendingSend send, ErrorEvent error, long now) {
        delegate.onSendRejected(ctx, send, error, now);
    }

    @Override
    public void onReceiveLinkDown(StrategyContext ctx, long now) {
        delegate.onReceiveLinkDown(ctx, now);
    }

    @Override
    public void onSendLinkDown(StrategyContext ctx, long now) {
        delegate.onSendLinkDown(ctx, now);
    }

    @Override
    public void onReceiveLinkUp(StrategyContext ctx, Welcome welcome, long now) {
        delegate.onReceiveLinkUp(ctx, welcome, now);
    }

    @Override
    public void onSendLinkUp(StrategyContext ctx, long now) {
        delegate.onSendLinkUp(ctx, now);
    }

    @Override
    public void onRoomJoined(StrategyContext ctx, String room, long headSeq, ResumeStatus resume, long now) {
        delegate.onRoomJoined(ctx, room, headSeq, resume, now);
    }

    @Override
    public void onHeadHint(StrategyContext ctx, String room, long seq, long now) {
        delegate.onHeadHint(ctx, room, seq, now);
    }

    @Override
    public void onTimer(StrategyContext ctx, long now) {
        delegate.onTimer(ctx, now);
    }

    @Override
    public ResumeRequest resumeRequest() {
        return delegate.resumeRequest();
    }

    @Override
    public long deliveredUpTo(String room) {
        return delegate.deliveredUpTo(room);
    }
}
