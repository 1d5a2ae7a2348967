package dev.livetalk.simulator;

import dev.livetalk.metrics.correctness.CorrectnessFigures;
import dev.livetalk.scenarios.Scenario;
import dev.livetalk.scenarios.fault.FaultKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Each message-level fault acts at the rate asked and shows in the trace. */
class MessageFaultTest {
    private static final long SEED = 21;

    /** 10 users in one room for 10 s, with {@code fault} (a YAML flow map) on all links from 1 s for 8 s. */
    static Scenario withFault(String fault) {
        return Scenarios.parse("fault", """
                name: fault
                seed: 5
                duration: 10s
                warmup: 1s
                quiesce: 4s
                users: {count: 10, prefix: user}
                rooms: [{name: lobby, members: all}]
                load: {rate: 4, arrival: poisson}
                faults:
                  - %s
                """.formatted(fault));
    }

    @Test
    void shouldDropMessagesAtTheRateAskedAndLoseThemForEventOnly() {
        Scenario scenario = withFault("{type: message-loss, probability: 0.1, at: 1s, for: 8s}");

        SimulationResult eventOnly = SimulatedRunTest.play(scenario, "event-only", SEED);
        SimulationResult reconcile = SimulatedRunTest.play(scenario, "reconcile", SEED);

        assertRate(eventOnly.network(), FaultKind.MESSAGE_LOSS, 0.1);
        assertThat(SimulatedRunTest.figures(eventOnly).lost()).isPositive();
        CorrectnessFigures clean = SimulatedRunTest.figures(reconcile);
        assertThat(clean.lost()).isZero();
        assertThat(clean.duplicates()).isZero();
        assertThat(clean.convergedShare()).isEqualTo(100.0);
    }

    @Test
    void shouldDuplicateMessagesAtTheRateAskedAndShowThemTwiceForEventOnly() {
        Scenario scenario = withFault("{type: duplication, probability: 0.2, direction: downstream, at: 1s, for: 8s}");

        SimulationResult eventOnly = SimulatedRunTest.play(scenario, "event-only", SEED);
        SimulationResult reconcile = SimulatedRunTest.play(scenario, "reconcile", SEED);

        assertRate(eventOnly.network(), FaultKind.DUPLICATION, 0.2);
        assertThat(eventOnly.network().deliveries()).isGreaterThan(eventOnly.network().sent());
        assertThat(SimulatedRunTest.figures(eventOnly).duplicates()).isPositive();
        assertThat(SimulatedRunTest.figures(reconcile).duplicates()).isZero();
    }

    @Test
    void shouldReorderMessagesAtTheRateAskedAndMisorderEventOnly() {
        Scenario scenario = withFault("{type: reorder, window: 300ms, probability: 0.3, direction: downstream, at: 1s, for: 8s}");

        SimulationResult eventOnly = SimulatedRunTest.play(scenario, "event-only", SEED);
        SimulationResult reconcile = SimulatedRunTest.play(scenario, "reconcile", SEED);

        assertRate(eventOnly.network(), FaultKind.REORDER, 0.3);
        assertThat(SimulatedRunTest.figures(eventOnly).inversions()).isPositive();
        CorrectnessFigures clean = SimulatedRunTest.figures(reconcile);
        assertThat(clean.inversions()).isZero();
        assertThat(clean.convergedShare()).isEqualTo(100.0);
    }

    @Test
    void shouldSwallowEveryFrameOfAPartitionAndLetReconcileRecover() {
        Scenario scenario = withFault("{type: partition, at: 2s, for: 2s, target: {share: 0.3}}");

        SimulationResult eventOnly = SimulatedRunTest.play(scenario, "event-only", SEED);
        SimulationResult reconcile = SimulatedRunTest.play(scenario, "reconcile", SEED);

        NetworkStats stats = eventOnly.network();
        assertThat(stats.exposed(FaultKind.PARTITION)).isPositive();
        assertThat(stats.hit(FaultKind.PARTITION)).isEqualTo(stats.exposed(FaultKind.PARTITION));
        assertThat(stats.cuts()).isZero();
        assertThat(SimulatedRunTest.figures(eventOnly).lost()).isPositive();
        CorrectnessFigures clean = SimulatedRunTest.figures(reconcile);
        assertThat(clean.lost()).isZero();
        assertThat(clean.duplicates()).isZero();
        assertThat(clean.convergedShare()).isEqualTo(100.0);
    }

    /** The observed share is within 4.5 standard deviations of {@code p} for the frames exposed. */
    static void assertRate(NetworkStats stats, FaultKind kind, double p) {
        long n = stats.exposed(kind);
        double sigma = Math.sqrt(p * (1 - p) / n);
        assertThat(n).as("frames exposed to " + kind).isGreaterThan(1_000);
        assertThat(stats.hitRate(kind)).as(kind + " rate over " + n + " frames").isCloseTo(p,
                org.assertj.core.data.Offset.offset(4.5 * sigma));
    }
}
