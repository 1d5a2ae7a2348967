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
