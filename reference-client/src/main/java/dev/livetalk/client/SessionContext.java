package dev.livetalk.client;

import dev.livetalk.client.strategy.PendingSend;
import dev.livetalk.client.strategy.StrategyContext;
import dev.livetalk.client.transcript.Transcript;
import java.util.Collection;

/**
 * The {@link StrategyContext} of one {@link ClientSession}: forwards the strategy's requests
 * to the session's outbox, transmit queue and timers.
 *
 * <p>Not thread-safe: used only during strategy callbacks, on the session's owner thread.
 */
final class SessionContext implements StrategyContext {
    private final ClientSession session;
    private final PendingSends outbox;

    SessionContext(ClientSession session, PendingSends outbox) {
        this.session = session;
        this.outbox = outbox;
    }

    @Override
    public String user() {
        return session.config().user();
    }

    @Override
    public Transcript transcript(String room) {
        return session.transcript(room);
    }

    @Override
    public Collection<PendingSend> pendingSends() {
        return outbox.views();
    }

    @Override
    public PendingSend pendingSend(String clientMsgId) {
        PendingSends.Entry entry = outbox.find(clientMsgId);
        return entry == null ? null : entry.view();
    }

    @Override
    public void resend(String clientMsgId, long ackDeadline) {
        outbox.scheduleTransmit(require(clientMsgId), ackDeadline);
    }

    @Override
    public String resendWithNewId(String clientMsgId, long ackDeadline) {
        PendingSends.Entry entry = require(clientMsgId);
        outbox.rename(entry, session.newClientMsgId());
        outbox.scheduleTransmit(entry, ackDeadline);
        return entry.clientMsgId;
    }

    @Override
    public void extendDeadline(String clientMsgId, long ackDeadline) {
        outbox.setDeadline(require(clientMsgId), ackDeadline);
    }

    @Override
    public void abandon(String clientMsgId) {
        PendingSends.Entry entry = outbox.find(clientMsgId);
        if (entry != null) {
            outbox.remove(entry.clientMsgId);
        }
    }

    @Override
    public void fetch(String room, long fromSeq, long toSeq) {
        session.fetch(room, fromSeq, toSeq);
    }

    @Override
    public void wakeAt(long deadline) {
        session.wakeStrategyAt(deadline);
    }

    @Override
    public long ackTimeout() {
        return session.config().ackTimeout().toNanos();
    }

    private PendingSends.Entry require(String clientMsgId) {
        PendingSends.Entry entry = outbox.find(clientMsgId);
        if (entry == null) {
            throw new IllegalArgumentException("no pending send with clientMsgId " + clientMsgId);
        }
        return entry;
    }
}
