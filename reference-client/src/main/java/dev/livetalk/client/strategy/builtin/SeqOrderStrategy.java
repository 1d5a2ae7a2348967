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
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The seq-ordering strategies: per room a watermark and a buffer beyond it ({@link SeqRoom}),
 * committed lines placed by seq and deduped by id, local echoes pending at the bottom. A
 * {@link SeqPolicy} says what differs between them.
 *
 * <p>Single-threaded: called by the session's owner thread only.
 */
abstract class SeqOrderStrategy implements ReconciliationStrategy {
    private final Map<String, SeqRoom> rooms = new LinkedHashMap<>();
    private final SeqPolicy policy;
    private final StrategySettings settings;
    private final RoomSnapshot snapshots;
    private final String name;
    private String epoch;
    /**
     * The room looked up last: a client's frames are mostly of one room, and a map lookup by a
     * freshly decoded room name hashes the name and misses the caches (a simulation holds
     * hundreds of clients); comparing it with the last name is cheaper. Rooms are never removed.
     */
    private SeqRoom lastRoom;

    SeqOrderStrategy(String name, SeqPolicy policy, StrategySettings settings) {
        this.name = name;
        this.policy = policy;
        this.settings = settings;
        this.snapshots = new RoomSnapshot(settings.fetchLimit(), settings.gapTimeout());
    }

    @Override
    public final String name() {
        return name;
    }

    private SeqRoom room(String name) {
        SeqRoom last = lastRoom;
        if (last != null && (last.name == name || last.name.equals(name))) {
            return last;
        }
        SeqRoom room = rooms.computeIfAbsent(name, SeqRoom::new);
        lastRoom = room;
        return room;
    }

    @Override
    public void onSend(StrategyContext ctx, PendingSend send, long now) {
        ctx.transcript(send.room()).append(
                TranscriptEntry.pending(send.echoClientMsgId(), ctx.user(), send.body(), send.replyTo()));
    }

    @Override
    public void onMessage(StrategyContext ctx, Message message, long now) {
        SeqRoom room = room(message.room());
        if (!room.joined) {
            return;
        }
        settleOwn(ctx, message);
        boolean advanced = room.offer(message, ctx.transcript(room.name), ctx.user(), policy.showAtOnce());
        watchGap(ctx, room, advanced, now);
    }

    /** The user's own message came back committed: its send needs no more retries. */
    private static void settleOwn(StrategyContext ctx, Message message) {
        if (message.from().equals(ctx.user()) && ctx.pendingSend(message.clientMsgId()) != null) {
            ctx.abandon(message.clientMsgId());
        }
    }

    @Override
    public void onHistory(StrategyContext ctx, HistoryReply reply, long now) {
        SeqRoom room = room(reply.room());
        if (!room.joined) {
            return;
        }
        room.knownHead = Math.max(room.knownHead, reply.headSeq());
        Transcript transcript = ctx.transcript(room.name);
        if (room.snapshotting) {
            snapshots.onReply(ctx, room, reply, transcript, policy.showAtOnce(), now);
            watchGap(ctx, room, true, now);
            return;
        }
        long before = room.watermark;
        if (reply.firstSeq() > room.watermark + 1) {
            room.skipTo(reply.firstSeq() - 1);
        }
        for (Message message : reply.messages()) {
            settleOwn(ctx, message);
            room.offer(message, transcript, ctx.user(), policy.showAtOnce());
        }
        room.advance(transcript, ctx.user());
        boolean advanced = room.watermark > before;
        if (advanced) {
            room.fetchSettled(); // progress; a reply that brought nothing new leaves the wait running
        }
        if (advanced && room.hasGap() && policy.fetchGaps()) {
            fetchGap(ctx, room, now);
        }
        watchGap(ctx, room, advanced, now);
    }

    @Override
    public void onAck(StrategyContext ctx, Ack ack, PendingSend send, long now) {
        SeqRoom room = room(ack.room());
        if (room.joined && ack.seq() > room.knownHead) {
            room.knownHead = ack.seq();
            watchGap(ctx, room, false, now);
        }
        Transcript transcript = ctx.transcript(ack.room());
        String echoKey = send != null ? send.echoClientMsgId() : ack.clientMsgId();
        if (!transcript.contains(echoKey) || transcript.contains(ack.id())) {
            return;
        }
        TranscriptEntry sent = transcript.find(echoKey).withCommit(ack.seq(), ack.id(), MessageStatus.SENT);
        if (policy.placeOnAck()) {
            transcript.replaceBySeq(echoKey, sent);
        } else {
            transcript.replace(echoKey, sent);
        }
    }

    @Override
    public void onSendTimeout(StrategyContext ctx, PendingSend send, long now) {
        switch (policy.onTimeout()) {
            case FAIL -> fail(ctx, send);
            case RETRY -> ctx.resend(send.clientMsgId(), now + ctx.ackTimeout());
            case RETRY_WITH_BACKOFF_THEN_FAIL -> {
                if (send.attempts() >= settings.maxSendAttempts()) {
                    fail(ctx, send);
                } else {
                    long backoff = settings.retryBackoff() << Math.min(20, Math.max(0, send.attempts() - 1));
                    ctx.resend(send.clientMsgId(), now + ctx.ackTimeout() + backoff);
                }
            }
        }
    }

    private static void fail(StrategyContext ctx, PendingSend send) {
        ctx.abandon(send.clientMsgId());
        ctx.transcript(send.room()).advanceStatus(send.echoClientMsgId(), MessageStatus.FAILED);
    }

    @Override
    public void onSendRejected(StrategyContext ctx, PendingSend send, ErrorEvent error, long now) {
        fail(ctx, send);
    }

    @Override
    public void onReceiveLinkDown(StrategyContext ctx, long now) {
        for (SeqRoom room : rooms.values()) {
            room.fetchSettled();
        }
    }

    @Override
    public void onSendLinkDown(StrategyContext ctx, long now) {
        // sends in flight are in doubt; onSendLinkUp decides
    }

    @Override
    public void onReceiveLinkUp(StrategyContext ctx, Welcome welcome, long now) {
        if (epoch != null && !epoch.equals(welcome.epoch())) {
            for (SeqRoom room : rooms.values()) {
                room.reset();
                removeCommitted(ctx.transcript(room.name));
            }
        }
        epoch = welcome.epoch();
    }

    private static void removeCommitted(Transcript transcript) {
        for (TranscriptEntry entry : transcript.entries()) {
            if (entry.isCommitted()) {
                transcript.remove(entry.key());
            }
        }
        transcript.forgetFloor(); // the new epoch's seqs start again at 1
    }

    @Override
    public void onSendLinkUp(StrategyContext ctx, long now) {
        if (!policy.resendInDoubt()) {
            return;
        }
        for (PendingSend send : ctx.pendingSends()) {
            if (send.inDoubt()) {
                ctx.resend(send.clientMsgId(), Math.max(send.ackDeadline(), now + ctx.ackTimeout()));
            }
        }
    }

    @Override
    public void onRoomJoined(StrategyContext ctx, String name, long headSeq, ResumeStatus resume, long now) {
        SeqRoom room = room(name);
        if (!room.joined) {
            room.start(headSeq);
            return;
        }
        // A rejoin is on a new receiving link: nothing of this room was asked on it yet. The
        // fetches made since the old link went down were never sent (the room was not joined),
        // and their doubled waits would hold up the first request on the new link.
        room.fetchSettled();
        room.knownHead = Math.max(room.knownHead, headSeq);
        if (resume == ResumeStatus.RESUMED) {
            watchGap(ctx, room, false, now);
        } else if (resume == ResumeStatus.HISTORY_TRUNCATED && policy.onRejoin() == SeqPolicy.Rejoin.FETCH
                && !room.snapshotting) {
            // Nothing was replayed, but the seqs after the watermark are this epoch's: the server
            // either dropped some of them (bounded history) or would have replayed more than its
            // bound for one hello while still holding them all (docs/PROTOCOL.md, "Resume replay
            // bound"). Page through history from the watermark: a reply whose firstSeq is above it
            // skips only what is gone (onHistory), and everything still held is shown. A snapshot
            // here would skip what lies below its newest fetchLimit though the server holds it.
            fetchGap(ctx, room, now);
        } else if (resume == ResumeStatus.EPOCH_CHANGED || resume == ResumeStatus.HISTORY_TRUNCATED
                || policy.onRejoin() == SeqPolicy.Rejoin.SNAPSHOT || room.snapshotting) {
            snapshots.start(ctx, room, headSeq, transcriptOf(ctx, room), now);
            watchGap(ctx, room, true, now);
        } else if (policy.onRejoin() == SeqPolicy.Rejoin.FETCH && room.hasGap()) {
            fetchGap(ctx, room, now);
        }
    }

    private static Transcript transcriptOf(StrategyContext ctx, SeqRoom room) {
        return ctx.transcript(room.name);
    }

    @Override
    public void onTimer(StrategyContext ctx, long now) {
        for (SeqRoom room : rooms.values()) {
            if (room.snapshotting && !room.fetchInFlight(now)) {
                room.fetchTimedOut();
                snapshots.retry(ctx, room, now);
            } else if (policy.fetchGaps() && room.gapSince >= 0 && !room.fetchInFlight(now)
                    && now - room.gapSince >= settings.gapTimeout()) {
                room.fetchTimedOut();
                fetchGap(ctx, room, now);
            }
        }
    }

    @Override
    public void onHeadHint(StrategyContext ctx, String name, long seq, long now) {
        SeqRoom room = room(name);
        if (room.joined && seq > room.knownHead) {
            room.knownHead = seq;
            watchGap(ctx, room, false, now);
        }
    }

    private void watchGap(StrategyContext ctx, SeqRoom room, boolean advanced, long now) {
        if (!room.hasGap()) {
            room.gapSince = -1;
            if (!room.snapshotting) {
                room.fetchSettled();
            }
        } else if (room.gapSince < 0 || advanced) {
            room.gapSince = now;
            if (policy.fetchGaps()) {
                ctx.wakeAt(now + settings.gapTimeout());
            }
        }
    }

    private void fetchGap(StrategyContext ctx, SeqRoom room, long now) {
        long from = room.watermark + 1;
        long end = room.beyond.isEmpty() ? Math.max(room.knownHead, room.maxSeen) : room.beyond.firstKey() - 1;
        long to = Math.min(end, from + settings.fetchLimit() - 1);
        if (to < from) {
            return;
        }
        room.fetch(ctx, from, to, now, settings.gapTimeout());
        if (room.gapSince < 0) {
            room.gapSince = now;
        }
    }

    @Override
    public ResumeRequest resumeRequest() {
        if (!policy.resume() || epoch == null) {
            return ResumeRequest.NONE;
        }
        Map<String, Long> positions = new HashMap<>();
        rooms.values().stream().filter(r -> r.joined && !r.snapshotting)
                .forEach(r -> positions.put(r.name, r.watermark));
        return new ResumeRequest(epoch, positions);
    }

    @Override
    public long deliveredUpTo(String name) {
        SeqRoom room = rooms.get(name);
        return room == null ? 0 : room.watermark;
    }
}
