package dev.livetalk.client;

import dev.livetalk.protocol.ClientEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/** Hosting a session on a transport: outputs carried out, one timer at the next deadline. */
class SessionHostTest {
    private final List<String> wire = new ArrayList<>();
    private final List<Armed> timers = new ArrayList<>();
    private final ClientSession session = new ClientSession(TestClient.config("ann", "reconcile").build(),
            change -> { });
    private final SessionHost host = new SessionHost(session, new SessionHost.Transport() {
        @Override
        public void connect(Link link) {
            wire.add("connect " + link.role() + "#" + link.generation());
        }

        @Override
        public void transmit(Link link, ClientEvent event) {
            wire.add("transmit " + event.getClass().getSimpleName());
        }

        @Override
        public void disconnect(Link link) {
            wire.add("disconnect " + link.role());
        }
    }, (at, action) -> timers.add(new Armed(at, action)));

    private record Armed(long at, LongConsumer action) {
    }

    private Armed last() {
        return timers.get(timers.size() - 1);
    }

    @Test
    void carriesOutWhatTheSessionAsksAndReconnectsWhenTheBackoffTimerFires() {
        host.act(s -> s.start(0));
        assertThat(wire).hasSize(1).first().asString().startsWith("connect MAIN");

        host.act(s -> s.onDisconnected(new Link(dev.livetalk.protocol.LinkRole.MAIN, 1), 5));
        long due = session.nextDeadline();
        assertThat(due).isGreaterThanOrEqualTo(5).isLessThan(ClientSession.NO_DEADLINE);
        assertThat(last().at()).isEqualTo(due);

        last().action().accept(due);
        assertThat(wire).hasSize(2);
        assertThat(wire.get(1)).startsWith("connect MAIN");
    }

    @Test
    void aTimerThatFiresBeforeTheSessionIsDueReArmsInsteadOfCallingIt() {
        host.act(s -> s.start(0));
        host.act(s -> s.onDisconnected(new Link(dev.livetalk.protocol.LinkRole.MAIN, 1), 5));
        long due = session.nextDeadline();
        int armed = timers.size();

        last().action().accept(due - 1);

        assertThat(wire).as("no reconnect before the backoff ends").hasSize(1);
        assertThat(timers).hasSize(armed + 1);
        assertThat(last().at()).isEqualTo(due);
    }

    @Test
    void aSupersededTimerDoesNothingAndFlushesArmNoMore() {
        host.act(s -> s.start(0));
        host.act(s -> s.onDisconnected(new Link(dev.livetalk.protocol.LinkRole.MAIN, 1), 5));
        int armed = timers.size();
        host.flush();
        host.flush();
        assertThat(timers).as("one deadline, one timer").hasSize(armed);
        assertThat(armed).as("start armed one timer, the sooner backoff deadline another").isEqualTo(2);
        Armed superseded = timers.get(0);
        superseded.action().accept(Math.max(superseded.at(), session.nextDeadline()));
        assertThat(wire).as("a superseded timer does nothing").hasSize(1);
    }
}
