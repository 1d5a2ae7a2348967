package dev.livetalk.simulator;

import dev.livetalk.client.transcript.TranscriptChange;
import dev.livetalk.metrics.correctness.CorrectnessFigures;
import dev.livetalk.metrics.trace.ClientTrace;
import dev.livetalk.metrics.trace.CommittedMessage;
import dev.livetalk.metrics.trace.RunTrace;
import dev.livetalk.metrics.trace.TraceWindow;
import dev.livetalk.scenarios.Scenario;
import dev.livetalk.scenarios.fault.FaultKind;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Toxiproxy faults, played with their meaning on simulated connections. */
class ConnectionFaultTest {
    private static final long SEED = 33;

    @Test
    void shouldCutEveryConnectionAndRefuseReconnectsWhileDown() {
        Scenario scenario = MessageFaultTest.withFault("{type: down, at: 2s, for: 2s}");

        SimulationResult result = SimulatedRunTest.play(scenario, "reconcile", SEED);

        assertThat(result.network().cuts()).isEqualTo(10);
        assertThat(result.network().refused()).isPositive();
        assertClean(result);
    }

    /** A window acts on the links it targets and no others: here one client's send link of split clients. */
    @Test
    void shouldCutOnlyTheTargetedLink() {
        Scenario one = MessageFaultTest.withFault("{type: down, at: 2s, for: 2s, target: {client: user03}}");
        Scenario split = Scenarios.parse("split", """
                name: split
                seed: 5
                duration: 6s
                warmup: 1s
                quiesce: 3s
                client-shape: split
                users: {count: 6, prefix: user}
                rooms: [{name: lobby, members: all}]
                load: {rate: 4, arrival: poisson}
                faults:
                  - {type: down, at: 2s, for: 2s, target: {client: user3, link: send}}
                """);

        SimulationResult single = SimulatedRunTest.play(one, "reconcile", SEED);
        SimulationResult sendLink = SimulatedRunTest.play(split, "reconcile", SEED);

        assertThat(single.network().cuts()).isEqualTo(1);
        assertThat(sendLink.network().cuts()).isEqualTo(1);
        assertThat(sendLink.trace().windows()).singleElement()
                .satisfies(w -> assertThat(w.clients()).containsExactly("user3"));
        assertClean(single);
        assertClean(sendLink);
    }

    @Test
    void shouldHoldFramesDuringAStallAndDeliverThemAfter() {
        Scenario scenario = MessageFaultTest.withFault("{type: stall, at: 2s, for: 1s}");

        SimulationResult result = SimulatedRunTest.play(scenario, "reconcile", SEED);

        TraceWindow stall = result.trace().windows().get(0);
        long committedDuringStall = commits(result.trace())
                .filter(c -> c.committedAt() >= stall.start() + 10_000_000 && c.committedAt() < stall.end()).count();
        assertThat(committedDuringStall).isZero();
        assertThat(result.network().hit(FaultKind.STALL)).isPositive();
        assertThat(result.network().cuts()).isZero();
        assertClean(result);
    }

    @Test
    void shouldResetConnectionsWhileResetPeerActs() {
        Scenario scenario = MessageFaultTest.withFault("{type: reset-peer, timeout: 0s, at: 2s, for: 1s, target: {client: user01}}");

        SimulationResult result = SimulatedRunTest.play(scenario, "reconcile", SEED);

        assertThat(result.network().cuts()).isGreaterThanOrEqualTo(1);
        assertClean(result);
    }

    @Test
    void shouldSwallowFramesThenCloseOnATimeout() {
        Scenario scenario = MessageFaultTest.withFault("{type: timeout, timeout: 500ms, at: 2s, for: 2s, target: {client: user02}}");

        SimulationResult result = SimulatedRunTest.play(scenario, "reconcile", SEED);

        assertThat(result.network().hit(FaultKind.TIMEOUT)).isPositive();
        assertThat(result.network().cuts()).isGreaterThanOrEqualTo(1);
        assertClean(result);
    }

    /**
     * Toxiproxy's timeout toxic closes the connections it stood on when it is removed: a client whose
     * frames were swallowed for the whole window (the timeout longer than it) is cut at its end and
     * welcomed back at once, not left on a silent connection until it gives up on it.
     */
    @Test
    void shouldCloseTheConnectionsATimeoutStoodOnAtItsEnd() {
        Scenario scenario = MessageFaultTest.withFault("{type: timeout, timeout: 10s, at: 2s, for: 1s, target: {client: user02}}");

        SimulationResult result = SimulatedRunTest.play(scenario, "reconcile", SEED);

        assertThat(result.network().cuts()).as("the connection, cut at the window's end").isEqualTo(1);
        assertWelcomedBackWithin(result, "user02", 500_000_000L);
        assertClean(result);
    }

    /**
     * A client cut by a timeout that connects again while it acts gets no handshake back; Toxiproxy
     * closes that connection too (after the timeout, or when the toxic is removed), so the attempt
     * fails and the next one, after the window, is welcomed at once (it waited for its dead-link
     * detection, 3 s, when the attempt just vanished).
     */
    @Test
    void shouldFailAConnectAttemptATimeoutSwallowsByItsEnd() {
        Scenario scenario = MessageFaultTest.withFault("{type: timeout, timeout: 400ms, at: 2s, for: 600ms, target: {client: user02}}");

        SimulationResult result = SimulatedRunTest.play(scenario, "reconcile", SEED);

        assertWelcomedBackWithin(result, "user02", 500_000_000L);
        assertClean(result);
    }

    private static void assertWelcomedBackWithin(SimulationResult result, String user, long nanos) {
        TraceWindow window = result.trace().windows().get(0);
        ClientTrace client = result.trace().clients().stream().filter(c -> c.clientId().equals(user)).findFirst()
                .orElseThrow();
        assertThat(client.welcomes()).filteredOn(w -> w.at() >= window.end())
                .as("welcomed back within %d ms of the end", nanos / 1_000_000).isNotEmpty()
                .anySatisfy(w -> assertThat(w.at()).isLessThan(window.end() + nanos));
    }

    @Test
    void shouldCloseAConnectionOnceTheDataLimitIsPassed() {
        Scenario scenario = MessageFaultTest.withFault(
                "{type: limit-data, bytes: 4000, direction: downstream, at: 2s, for: 3s, target: {client: user03}}");

        SimulationResult result = SimulatedRunTest.play(scenario, "reconcile", SEED);

        assertThat(result.network().hit(FaultKind.LIMIT_DATA)).isPositive();
        assertThat(result.network().cuts()).isGreaterThanOrEqualTo(1);
        assertClean(result);
    }

    @Test
    void shouldDelayFramesByTheAddedLatency() {
        Scenario scenario = MessageFaultTest.withFault(
                "{type: latency, latency: 200ms, jitter: 20ms, direction: downstream, at: 2s, for: 3s, target: {client: user04}}");

        SimulationResult result = SimulatedRunTest.play(scenario, "reconcile", SEED);

        RunTrace trace = result.trace();
        TraceWindow window = trace.windows().get(0);
        Map<String, Long> committedAt = new HashMap<>();
        commits(trace).forEach(c -> committedAt.put(c.id(), c.committedAt()));
        ClientTrace slow = trace.clients().stream().filter(c -> c.user().equals("user04")).findFirst().orElseThrow();
        long shownLate = slow.changes().stream()
                .filter(c -> c instanceof TranscriptChange.Inserted && c.entry().id() != null)
                .filter(c -> !c.entry().from().equals("user04"))
                .filter(c -> committedAt.get(c.entry().id()) >= window.start() + 10_000_000
                        && committedAt.get(c.entry().id()) < window.end() - 300_000_000)
                .peek(c -> assertThat(c.at() - committedAt.get(c.entry().id())).isGreaterThanOrEqualTo(180_000_000))
                .count();
        assertThat(shownLate).isGreaterThan(10);
        assertClean(result);
    }

    private static java.util.stream.Stream<CommittedMessage> commits(RunTrace trace) {
        return trace.serverLog().values().stream().flatMap(log -> log.messages().stream());
    }

    private static void assertClean(SimulationResult result) {
        CorrectnessFigures figures = SimulatedRunTest.figures(result);
        assertThat(figures.lost()).isZero();
        assertThat(figures.duplicates()).isZero();
        assertThat(figures.phantoms()).isZero();
        assertThat(figures.convergedShare()).isEqualTo(100.0);
        assertThat(figures.stuckPending()).isZero();
    }
}
