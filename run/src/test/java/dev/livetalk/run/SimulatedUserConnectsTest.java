package dev.livetalk.run;

import dev.livetalk.client.ConnectFailure;
import dev.livetalk.client.Link;
import dev.livetalk.metrics.trace.ConnectAttempt;
import dev.livetalk.metrics.trace.TraceRecorder;
import dev.livetalk.protocol.LinkRole;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the simulated user records of its connection attempts from what a backend tells it: an attempt ends once,
 * opened or failed; a link that was open is not an attempt when it is lost or given up on; a late opening after the
 * session gave up is not one either.
 */
class SimulatedUserConnectsTest {
    private final SimulatedUser user = new SimulatedUser(
            new ClientLayout.Client(0, "alice", List.of("lobby"), List.of(LinkRole.MAIN)), () -> { });

    @Test
    void shouldRecordEachAttemptOnceAndNoLinkThatWasOpen() {
        try (TraceRecorder trace = new TraceRecorder("reconcile", 0)) {
            user.recordInto(trace);
            Link first = new Link(LinkRole.MAIN, 1);
            user.onConnecting(first, 10);
            user.onConnectFailed(first, ConnectFailure.REFUSED, 20);
            user.onDisconnected(first, 20); // a transport that also closes what it refused: the same attempt
            Link second = new Link(LinkRole.MAIN, 2);
            user.onConnecting(second, 30);
            user.onConnected(second, 40);
            user.onConnectFailed(second, ConnectFailure.TIMED_OUT, 90); // the session gave up on an open link
            user.onDisconnected(second, 95); // then the transport lost it
            Link third = new Link(LinkRole.MAIN, 3);
            user.onConnecting(third, 100);
            user.onConnectFailed(third, ConnectFailure.TIMED_OUT, 200); // the session gave up on it
            user.onConnected(third, 210); // it opened too late
            user.onDisconnected(third, 220);
            Link fourth = new Link(LinkRole.MAIN, 4);
            user.onConnecting(fourth, 300);
            user.onDisconnected(fourth, 350); // lost before it opened

            assertThat(trace.build().clients().getFirst().connects()).containsExactly(
                    new ConnectAttempt("main", 10, 20, false, ConnectFailure.REFUSED),
                    new ConnectAttempt("main", 30, 40, true, null),
                    new ConnectAttempt("main", 100, 200, false, ConnectFailure.TIMED_OUT),
                    new ConnectAttempt("main", 300, 350, false, ConnectFailure.CLOSED));
        }
    }
}
