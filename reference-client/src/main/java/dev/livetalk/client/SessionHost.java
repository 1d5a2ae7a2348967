package dev.livetalk.client;

import dev.livetalk.protocol.ClientEvent;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * What every transport does with a hosted {@link ClientSession}, written once: after each call
 * into the session it carries out the outputs (connect, transmit, disconnect) on the
 * transport, and keeps one timer armed at the session's next deadline. A timer that a sooner
 * deadline superseded does nothing; one that fires before the session is due (its deadline
 * moved later) re-arms. The Tyrus client driver and the simulator host sessions with it.
 *
 * <p>Not thread-safe: every method runs on the thread that owns the session, and so do the
 * timer's actions.
 */
public final class SessionHost {
    /** Where the session's outputs go: the links of one transport. */
    public interface Transport {
        void connect(Link link);

        void transmit(Link link, ClientEvent event);

        void disconnect(Link link);
    }

    /** The owning thread's timer: runs {@code action} at {@code at} on the session's clock, with the time it ran. */
    @FunctionalInterface
    public interface Timer {
        void at(long at, LongConsumer action);
    }

    private final ClientSession session;
    private final Transport transport;
    private final Timer timer;
    private long armedDeadline = ClientSession.NO_DEADLINE;
    private long timerVersion;

    public SessionHost(ClientSession session, Transport transport, Timer timer) {
        this.session = session;
        this.transport = transport;
        this.timer = timer;
    }

    public ClientSession session() {
        return session;
    }

    /** Runs {@code action} on the session, then carries out what it asked for. */
    public void act(Consumer<ClientSession> action) {
        action.accept(session);
        flush();
    }

    /** Carries out what the session asked for and re-arms its timer. */
    public void flush() {
        List<SessionOutput> outputs = session.drainOutputs();
        for (int i = 0; i < outputs.size(); i++) {   // indexed: no iterator per flush, most flushes have none
            switch (outputs.get(i)) {
                case SessionOutput.Connect c -> transport.connect(c.link());
                case SessionOutput.Transmit t -> transport.transmit(t.link(), t.event());
                case SessionOutput.Disconnect d -> transport.disconnect(d.link());
            }
        }
        rearm();
    }

    private void rearm() {
        long deadline = session.nextDeadline();
        if (deadline == ClientSession.NO_DEADLINE || deadline >= armedDeadline) {
            return;
        }
        armedDeadline = deadline;
        long version = ++timerVersion;
        timer.at(deadline, now -> {
            if (timerVersion == version) {
                armedDeadline = ClientSession.NO_DEADLINE;
                if (session.nextDeadline() <= now) {
                    act(s -> s.onTimer(now));
                } else {
                    rearm();
                }
            }
        });
    }
}
