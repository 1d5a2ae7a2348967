package dev.livetalk.simulator;

import dev.livetalk.client.strategy.builtin.GapFillStrategy;
import dev.livetalk.client.strategy.PendingSend;
import dev.livetalk.client.strategy.ReconciliationStrategy;
import dev.livetalk.client.strategy.ResumeRequest;
import dev.livetalk.client.strategy.StrategyContext;
import dev.livetalk.client.strategy.StrategyProvider;
import dev.livetalk.client.strategy.StrategySettings;
import dev.livetalk.client.transcript.MessageStatus;
import dev.livetalk.client.transcript.Transcript;
import dev.livetalk.client.transcript.TranscriptEntry;
import dev.livetalk.protocol.Ack;
import dev.livetalk.protocol.ErrorEvent;
import dev.livetalk.protocol.HistoryReply;
import dev.livetalk.protocol.Message;
import dev.livetalk.protocol.ResumeStatus;
import dev.livetalk.protocol.Welcome;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * A planted bug for the seed-sweep test: {@code gap-fill}, except that while a gap fetch of a
 * room is in flight, a message that arrives and is already displayed (a network duplicate) is
 * appended again instead of being dropped. Only a duplicate arriving in the few milliseconds
 * of a fetch shows it, so only some seeds of a lossy, duplicating network find it.
 *
 * <p>Single-threaded: called by the session's owner thread only.
 */
public final class DuplicateDuringFetchStrategy implements ReconciliationStrategy {
    static final String NAME = "test-dup-during-fetch";

    private final GapFillStrategy delegate;
    private final Set<String> fetching = new HashSet<>();

    DuplicateDuringFetchStrategy(StrategySettings settings) {
        this.delegate = new GapFillStrategy(settings);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void onMessage(StrategyContext ctx, Message message, long now) {
        Transcript transcript = ctx.transcript(message.room());
        if (fetching.contains(message.room()) && transcript.contains(message.id())) {
            transcript.append(TranscriptEntry.committed(message, MessageStatus.SENT));
            return;
        }
        delegate.onMessage(watch(ctx), message, now);
    }

    @Override
    public void onHistory(StrategyContext ctx, HistoryReply reply, long now) {
        fetching.remove(reply.room());
        delegate.onHistory(watch(ctx), reply, now);
    }

    @Override
    public void onSend(StrategyContext ctx, PendingSend send, long now) {
        delegate.onSend(watch(ctx), send, now);
    }

    @Override
    public void onAck(StrategyContext ctx, Ack ack, PendingSend send, long now) {
        delegate.onAck(watch(ctx), ack, send, now);
    }

    @Override
    public void onSendTimeout(StrategyContext ctx, PendingSend send, long now) {
        delegate.onSendTimeout(watch(ctx), send, now);
    }

    @Override
    public void onSendRejected(StrategyContext ctx, PendingSend send, ErrorEvent error, long now) {
        delegate.onSendRejected(watch(ctx), send, error, now);
    }

    @Override
    public void onReceiveLinkDown(StrategyContext ctx, long now) {
        fetching.clear();
        delegate.onReceiveLinkDown(watch(ctx), now);
    }

    @Override
    public void onSendLinkDown(StrategyContext ctx, long now) {
        delegate.onSendLinkDown(watch(ctx), now);
    }

    @Override
    public void onReceiveLinkUp(StrategyContext ctx, Welcome welcome, long now) {
        delegate.onReceiveLinkUp(watch(ctx), welcome, now);
    }

    @Override
    public void onSendLinkUp(StrategyContext ctx, long now) {
        delegate.onSendLinkUp(watch(ctx), now);
    }

    @Override
    public void onRoomJoined(StrategyContext ctx, String room, long headSeq, ResumeStatus resume, long now) {
        delegate.onRoomJoined(watch(ctx), room, headSeq, resume, now);
    }

    @Override
    public void onTimer(StrategyContext ctx, long now) {
        delegate.onTimer(watch(ctx), now);
    }

    @Override
    public ResumeRequest resumeRequest() {
        return delegate.resumeRequest();
    }

    @Override
    public long deliveredUpTo(String room) {
        return delegate.deliveredUpTo(room);
    }

    private StrategyContext watch(StrategyContext ctx) {
        return new FetchWatchingContext(ctx, fetching);
    }

    /** The session's context, noting which rooms have a fetch in flight. */
    private record FetchWatchingContext(StrategyContext ctx, Set<String> fetching) implements StrategyContext {
        @Override
        public String user() {
            return ctx.user();
        }

        @Override
        public Transcript transcript(String room) {
            return ctx.transcript(room);
        }

        @Override
        public Collection<PendingSend> pendingSends() {
            return ctx.pendingSends();
        }

        @Override
        public PendingSend pendingSend(String clientMsgId) {
            return ctx.pendingSend(clientMsgId);
        }

        @Override
        public void resend(String clientMsgId, long ackDeadline) {
            ctx.resend(clientMsgId, ackDeadline);
        }

        @Override
        public String resendWithNewId(String clientMsgId, long ackDeadline) {
            return ctx.resendWithNewId(clientMsgId, ackDeadline);
        }

        @Override
        public void extendDeadline(String clientMsgId, long ackDeadline) {
            ctx.extendDeadline(clientMsgId, ackDeadline);
        }

        @Override
        public void abandon(String clientMsgId) {
            ctx.abandon(clientMsgId);
        }

        @Override
        public void fetch(String room, long fromSeq, long toSeq) {
            fetching.add(room);
            ctx.fetch(room, fromSeq, toSeq);
        }

        @Override
        public void wakeAt(long deadline) {
            ctx.wakeAt(deadline);
        }

        @Override
        public long ackTimeout() {
            return ctx.ackTimeout();
        }
    }

    /** Registers the planted bug with the {@link java.util.ServiceLoader} (tests only). */
    public static final class Provider implements StrategyProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String description() {
            return "test only: gap-fill that shows a duplicate arriving during a gap fetch";
        }

        @Override
        public ReconciliationStrategy create(StrategySettings settings) {
            return new DuplicateDuringFetchStrategy(settings);
        }
    }
}
