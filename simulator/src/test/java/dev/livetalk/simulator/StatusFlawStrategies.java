package dev.livetalk.simulator;

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
import dev.livetalk.protocol.ResumeStatus;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Planted bugs for the status-truth checks: each is {@code reconcile} with one lie in what its
 * user sees or what it tells the server.
 *
 * <p>Single-threaded: each strategy is called by its session's owner thread only.
 */
public final class StatusFlawStrategies {
    private StatusFlawStrategies() {
    }

    /** Marks delivered up to the highest seq it heard of (joins, acks, arrivals, head hints), displayed or not. */
    static final class HeadAsDelivered extends ReconcileDelegate {
        static final String NAME = "test-head-as-delivered";
        private final Map<String, Long> head = new HashMap<>();

        HeadAsDelivered(StrategySettings settings) {
            super(settings);
        }

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public void onRoomJoined(StrategyContext ctx, String room, long headSeq, ResumeStatus resume, long now) {
            head.merge(room, headSeq, Math::max);
            super.onRoomJoined(ctx, room, headSeq, resume, now);
        }

        @Override
        public void onMessage(StrategyContext ctx, Message message, long now) {
            head.merge(message.room(), message.seq(), Math::max);
            super.onMessage(ctx, message, now);
        }

        @Override
        public void onAck(StrategyContext ctx, Ack ack, PendingSend send, long now) {
            head.merge(ack.room(), ack.seq(), Math::max);
            super.onAck(ctx, ack, send, now);
        }

        @Override
        public void onHeadHint(StrategyContext ctx, String room, long seq, long now) {
            head.merge(room, seq, Math::max);
            super.onHeadHint(ctx, room, seq, now);
        }

        @Override
        public long deliveredUpTo(String room) {
            return Math.max(super.deliveredUpTo(room), head.getOrDefault(room, 0L));
        }
    }

    /** Shows its own message read as soon as the server acknowledges it. */
    static final class ReadOnAck extends ReconcileDelegate {
        static final String NAME = "test-read-on-ack";

        ReadOnAck(StrategySettings settings) {
            super(settings);
        }

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public void onAck(StrategyContext ctx, Ack ack, PendingSend send, long now) {
            super.onAck(ctx, ack, send, now);
            ctx.transcript(ack.room()).advanceStatus(ack.id(), MessageStatus.READ);
        }
    }

    /** Redraws its own lines from the server's copy whenever a message arrives, forgetting their receipts. */
    static final class StatusReset extends ReconcileDelegate {
        static final String NAME = "test-status-reset";

        StatusReset(StrategySettings settings) {
            super(settings);
        }

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public void onMessage(StrategyContext ctx, Message message, long now) {
            super.onMessage(ctx, message, now);
            Transcript transcript = ctx.transcript(message.room());
            for (TranscriptEntry entry : transcript.entries()) {
                boolean receipted = entry.status() == MessageStatus.DELIVERED || entry.status() == MessageStatus.READ;
                if (entry.from().equals(ctx.user()) && entry.isCommitted() && receipted) {
                    transcript.replace(entry.key(), entry.withStatus(MessageStatus.SENT));
                }
            }
        }
    }

    /** Shows no local echo: the user's message appears only when the server sends it back. */
    static final class NoEcho extends ReconcileDelegate {
        static final String NAME = "test-no-echo";

        NoEcho(StrategySettings settings) {
            super(settings);
        }

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public void onSend(StrategyContext ctx, PendingSend send, long now) {
            // the planted bug: no echo
        }
    }

    /** Registers one planted strategy with the {@link java.util.ServiceLoader} (tests only). */
    abstract static class Provider implements StrategyProvider {
        private final String name;
        private final Function<StrategySettings, ReconciliationStrategy> factory;

        Provider(String name, Function<StrategySettings, ReconciliationStrategy> factory) {
            this.name = name;
            this.factory = factory;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return "test only: reconcile with a planted status lie";
        }

        @Override
        public ReconciliationStrategy create(StrategySettings settings) {
            return factory.apply(settings);
        }
    }

    public static final class HeadAsDeliveredProvider extends Provider {
        public HeadAsDeliveredProvider() {
            super(HeadAsDelivered.NAME, HeadAsDelivered::new);
        }
    }

    public static final class ReadOnAckProvider extends Provider {
        public ReadOnAckProvider() {
            super(ReadOnAck.NAME, ReadOnAck::new);
        }
    }

    public static final class StatusResetProvider extends Provider {
        public StatusResetProvider() {
            super(StatusReset.NAME, StatusReset::new);
        }
    }

    public static final class NoEchoProvider extends Provider {
        public NoEchoProvider() {
            super(NoEcho.NAME, NoEcho::new);
        }
    }
}
