package dev.livetalk.benchmarks;

import dev.livetalk.client.ClientSession;
import dev.livetalk.client.Link;
import dev.livetalk.protocol.LinkRole;
import dev.livetalk.client.SessionConfig;
import dev.livetalk.client.SessionOutput;
import dev.livetalk.client.strategy.ReconciliationStrategy;
import dev.livetalk.protocol.HistoryRequest;
import dev.livetalk.protocol.Joined;
import dev.livetalk.protocol.Message;
import dev.livetalk.protocol.ServerEvent;
import dev.livetalk.protocol.Welcome;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Drives one {@link ClientSession} without sockets, with a controlled clock, the way a
 * transport would: connects, is welcomed and joins {@link RoomStream#ROOM} at head 0, then
 * takes one live message per clock step of {@link #STEP_NANOS}, calls {@code onTimer} when
 * the session's deadline is due, answers history requests at once (zero round trip) from a
 * {@link RoomHistory}, and hands every other output and every transcript change to a sink
 * (a JMH {@code Blackhole}) so that no work can be optimised away.
 *
 * <p>Not thread-safe: used by the JMH benchmark thread only.
 */
final class SessionDriver {
    /** Session time between two live messages: a room at 1,000 messages per second. */
    static final long STEP_NANOS = 1_000_000L;
    /** The benchmarked session's user. */
    static final String USER = "alice";

    private final ClientSession session;
    private final RoomHistory history;
    private final Consumer<Object> sink;
    private final ArrayDeque<ServerEvent> replies = new ArrayDeque<>();
    private final Link link;
    private long now;

    /** A session with {@code strategy}, connected and joined at session time {@code start}. */
    SessionDriver(SessionConfig config, ReconciliationStrategy strategy, RoomHistory history,
                  Consumer<Object> sink, long start) {
        this.session = new ClientSession(config, strategy, sink::accept);
        this.history = history;
        this.sink = sink;
        this.now = start;
        this.link = connect();
    }

    private Link connect() {
        session.start(now);
        List<SessionOutput> connect = session.drainOutputs();
        if (connect.size() != 1 || !(connect.get(0) instanceof SessionOutput.Connect c)) {
            throw new IllegalStateException("session must ask for exactly one connection: " + connect);
        }
        session.onConnected(c.link(), now);
        session.onFrame(c.link(), new Welcome("s1", "bench", Map.of(), Map.of()), now);
        session.onFrame(c.link(), new Joined(RoomStream.ROOM, 0), now);
        session.drainOutputs();
        if (!session.isReady(LinkRole.MAIN)) {
            throw new IllegalStateException("session must be ready after welcome and join");
        }
        return c.link();
    }

    /** Feeds {@code arrivals}, one per clock step, firing due timers before each. */
    void feed(Message[] arrivals) {
        for (Message message : arrivals) {
            now += STEP_NANOS;
            if (session.nextDeadline() <= now) {
                session.onTimer(now);
                pump();
            }
            session.onFrame(link, message, now);
            pump();
        }
    }

    /** Lets {@code nanos} of session time pass with no traffic, firing every deadline on the way. */
    void idle(long nanos) {
        long target = now + nanos;
        while (session.nextDeadline() <= target) {
            now = Math.max(now, session.nextDeadline());
            session.onTimer(now);
            pump();
        }
        now = target;
    }

    /** The number of lines the room's transcript displays. */
    int lines() {
        return session.transcript(RoomStream.ROOM).size();
    }

    /** Takes the outputs; answers history requests (and what their replies ask for) at once. */
    private void pump() {
        drain();
        ServerEvent reply;
        while ((reply = replies.poll()) != null) {
            session.onFrame(link, reply, now);
            drain();
        }
    }

    private void drain() {
        List<SessionOutput> outputs = session.drainOutputs();
        for (int i = 0; i < outputs.size(); i++) {
            SessionOutput output = outputs.get(i);
            if (output instanceof SessionOutput.Transmit t && t.event() instanceof HistoryRequest request) {
                replies.add(history.answer(request));
            } else {
                sink.accept(output);
            }
        }
    }
}
