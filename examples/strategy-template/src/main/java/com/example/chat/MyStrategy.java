package com.example.chat;

import dev.livetalk.client.strategy.PendingSend;
import dev.livetalk.client.strategy.ReconciliationStrategy;
import dev.livetalk.client.strategy.StrategyContext;
import dev.livetalk.client.strategy.StrategyProvider;
import dev.livetalk.client.strategy.StrategySettings;
import dev.livetalk.client.transcript.MessageStatus;
import dev.livetalk.client.transcript.Transcript;
import dev.livetalk.client.transcript.TranscriptEntry;
import dev.livetalk.protocol.Ack;
import dev.livetalk.protocol.Message;
import dev.livetalk.protocol.Welcome;
import java.util.HashMap;
import java.util.Map;

/**
 * The example of docs/WRITING-A-STRATEGY.md: every message goes to its seq place at once,
 * deduped by id; the echo shows pending at the bottom until its message arrives; a timeout
 * marks the send failed. Nothing is fetched or resumed. When the server comes back with a new
 * epoch (a restart without durable history: seqs count from 1 again), the old epoch's lines go.
 *
 * <p>Single-threaded: called by the session's owner thread only.
 */
public final class MyStrategy implements ReconciliationStrategy {
    private final Map<String, Long> highest = new HashMap<>();
    private String epoch;

    @Override
    public String name() {
        return "my-strategy";
    }

    @Override
    public void onSend(StrategyContext ctx, PendingSend send, long now) {
        ctx.transcript(send.room()).append(
                TranscriptEntry.pending(send.clientMsgId(), ctx.user(), send.body(), send.replyTo()));
    }

    @Override
    public void onMessage(StrategyContext ctx, Message message, long now) {
        Transcript transcript = ctx.transcript(message.room());
        highest.merge(message.room(), message.seq(), Math::max);
        TranscriptEntry line = TranscriptEntry.committed(message, MessageStatus.SENT);
        if (transcript.contains(message.id())) {
            return;
        }
        if (message.from().equals(ctx.user()) && transcript.contains(message.clientMsgId())) {
            transcript.replaceBySeq(message.clientMsgId(), line);
        } else {
            transcript.insertBySeq(line);
        }
    }

    @Override
    public void onAck(StrategyContext ctx, Ack ack, PendingSend send, long now) {
        ctx.transcript(ack.room()).advanceStatus(ack.clientMsgId(), MessageStatus.SENT);
    }

    @Override
    public void onSendTimeout(StrategyContext ctx, PendingSend send, long now) {
        ctx.abandon(send.clientMsgId());
        ctx.transcript(send.room()).advanceStatus(send.clientMsgId(), MessageStatus.FAILED);
    }

    @Override
    public void onReceiveLinkUp(StrategyContext ctx, Welcome welcome, long now) {
        if (epoch != null && !epoch.equals(welcome.epoch())) {
            for (String room : highest.keySet()) {
                Transcript transcript = ctx.transcript(room);
                for (TranscriptEntry entry : transcript.entries()) {
                    if (entry.isCommitted()) {
                        transcript.remove(entry.key());
                    }
                }
            }
            highest.clear();
        }
        epoch = welcome.epoch();
    }

    @Override
    public long deliveredUpTo(String room) {
        return highest.getOrDefault(room, 0L);
    }

    /** Found by the ServiceLoader through META-INF/services. */
    public static final class Provider implements StrategyProvider {
        @Override
        public String name() {
            return "my-strategy";
        }

        @Override
        public String description() {
            return "example: insert by seq at once, dedupe by id, no fetch";
        }

        @Override
        public ReconciliationStrategy create(StrategySettings settings) {
            return new MyStrategy();
        }
    }
}
