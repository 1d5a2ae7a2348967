package dev.livetalk.client;

import dev.livetalk.protocol.LinkRole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.livetalk.client.strategy.ResumeRequest;
import dev.livetalk.client.transcript.TranscriptListener;
import dev.livetalk.protocol.Ping;
import dev.livetalk.protocol.Pong;
import dev.livetalk.protocol.Welcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Heartbeats, dead links, reconnect backoff and stale callbacks, driven frame by frame with
 * a controlled clock (heartbeat 1 s, dead link 3 s, backoff 100 ms capped at 800 ms).
 */
class SessionTimingTest {
    private static final long MS = 1_000_000L;
    private static final long SEED = 7;

    private final ClientSession session = new ClientSession(SessionConfig.builder("alice", "t").rooms("r")
            .strategy("event-only").heartbeat(Duration.ofSeconds(1), Duration.ofSeconds(3))
            .reconnectBackoff(Duration.ofMillis(100), Duration.ofMillis(800)).seed(SEED).build(),
            TranscriptListener.NONE);

    private Link connectAndWelcome(long now) {
        session.start(now);
        Link link = session.drainOutputs().get(0).link();
        session.onConnected(link, now);
        session.onFrame(link, new Welcome("s1", "e1", Map.of("r", 0L), Map.of()), now);
        session.drainOutputs();
        return link;
    }

    @Test
    void shouldPingEveryIntervalAndDeclareASilentLinkDead() {
        Link link = connectAndWelcome(0);

        assertThat(session.nextDeadline()).isEqualTo(1000 * MS);
        session.onTimer(1000 * MS);
        assertThat(session.drainOutputs()).containsExactly(new SessionOutput.Transmit(link, new Ping(1000 * MS)));
        session.onTimer(2000 * MS);
        session.drainOutputs();
        assertThat(session.nextDeadline()).isEqualTo(3000 * MS);
        session.onTimer(3000 * MS);

        assertThat(session.drainOutputs()).containsExactly(new SessionOutput.Disconnect(link));
        assertThat(session.isReady(LinkRole.MAIN)).isFalse();
        assertThat(session.nextDeadline()).isBetween(3000 * MS, 3100 * MS);
    }

    /** A welcome lost on the way: pongs keep coming, but a link that never got its welcome is dead. */
    @Test
    void shouldDeclareALinkDeadWhoseWelcomeNeverCame() {
        session.start(0);
        Link link = session.drainOutputs().get(0).link();
        session.onConnected(link, 0);
        session.drainOutputs();
        for (long t = 1000; t < 3000; t += 1000) {
            session.onTimer(t * MS);
            session.drainOutputs();
            session.onFrame(link, new Pong(t * MS), t * MS + 5 * MS);
        }
        assertThat(session.nextDeadline()).isLessThanOrEqualTo(3000 * MS);
        session.onTimer(3000 * MS);

        assertThat(session.drainOutputs()).contains(new SessionOutput.Disconnect(link));
        assertThat(session.isReady(LinkRole.MAIN)).isFalse();
    }

    @Test
    void shouldKeepALinkThatAnswersPingsAlive() {
        Link link = connectAndWelcome(0);

        for (long t = 1000; t <= 10_000; t += 1000) {
            session.onTimer(t * MS);
            session.drainOutputs();
            session.onFrame(link, new Pong(t * MS), t * MS + 5 * MS);
        }

        assertThat(session.isReady(LinkRole.MAIN)).isTrue();
    }

    @Test
    void shouldReconnectWithCappedSeededFullJitterBackoff() {
        List<Long> waits = failConnecting(8);

        long[] ceilings = {100, 200, 400, 800, 800, 800, 800, 800};
        for (int i = 0; i < waits.size(); i++) {
            assertThat(waits.get(i)).as("wait %d with seed %d", i, SEED).isBetween(0L, ceilings[i] * MS);
        }
        assertThat(waits).isEqualTo(new SessionTimingTest().failConnecting(8));
        assertThat(waits).doesNotHaveDuplicates();
    }

    /** Lets {@code attempts} connection attempts fail at once; returns the waits between them. */
    private List<Long> failConnecting(int attempts) {
        long now = 0;
        session.start(now);
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            Link link = session.drainOutputs().get(0).link();
            session.onDisconnected(link, now);
            long next = session.nextDeadline();
            waits.add(next - now);
            now = next;
            session.onTimer(now);
        }
        return waits;
    }

    @Test
    void shouldIgnoreCallbacksOfAnEarlierConnection() {
        Link first = connectAndWelcome(0);
        session.onDisconnected(first, 10 * MS);
        session.onTimer(session.nextDeadline());
        Link second = session.drainOutputs().get(0).link();
        session.onConnected(second, 200 * MS);

        session.onDisconnected(first, 201 * MS);
        session.onFrame(first, new Welcome("s9", "e1", Map.of(), Map.of()), 202 * MS);

        assertThat(second.generation()).isEqualTo(2);
        assertThat(session.drainOutputs()).singleElement()
                .isInstanceOf(SessionOutput.Transmit.class);
        assertThat(session.nextDeadline()).isEqualTo(1200 * MS);
        assertThat(session.strategy().resumeRequest()).isEqualTo(ResumeRequest.NONE);
    }

    @Test
    void shouldNameTheValueAndTheRuleOfABadConfig() {
        assertThatThrownBy(() -> SessionConfig.builder("alice", "t").ackTimeout(Duration.ZERO).build())
                .hasMessage("ackTimeout must be > 0: PT0S");
        assertThatThrownBy(() -> SessionConfig.builder("alice", "t")
                .heartbeat(Duration.ofSeconds(2), Duration.ofSeconds(1)).build())
                .hasMessage("deadLinkTimeout must be > heartbeatInterval (PT2S): PT1S");
        assertThatThrownBy(() -> SessionConfig.builder("alice", "t").rooms().build())
                .hasMessage("rooms must name at least one room: []");
        assertThatThrownBy(() -> session.send("lobby", "hi", null, 0))
                .hasMessage("room must be one of [r]: lobby");
        assertThatThrownBy(() -> new ClientSession(SessionConfig.builder("alice", "t").strategy("ordered").build(),
                new dev.livetalk.client.strategy.builtin.GapFillStrategy(dev.livetalk.client.strategy.StrategySettings.defaults()),
                TranscriptListener.NONE))
                .hasMessage("strategy must be the one the config names (ordered): gap-fill");
    }
}
