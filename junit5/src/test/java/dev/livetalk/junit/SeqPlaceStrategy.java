package dev.livetalk.junit;

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

import java.util.HashMap;
import java.util.Map;

/**
 * A test's own strategy, on no jar and in no META-INF/services: every message at its seq place,
 * deduped by id; nothing fetched or resumed, so it loses what an outage hides.
 */
public final class SeqPlaceStrategy implements ReconciliationStrategy {
    static final String NAME = "seq-place";

    private final Map<String, Long> highest = new HashMap<>();

    @Override
    public String name() {
        return NAME;
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
        if (transcript.contains(message.id())) {
            return;
        }
        TranscriptEntry line = TranscriptEntry.committed(message, MessageStatus.SENT);
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
    public long deliveredUpTo(String room) {
        return highest.getOrDefault(room, 0L);
    }

    /** The same strategy as a provider class. */
    public static final class Provider implements StrategyProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String description() {
            return "test: insert by seq, dedupe by id, no fetch";
        }

        @Override
        public ReconciliationStrategy create(StrategySettings settings) {
            return new SeqPlaceStrategy();
        }
    }
}
