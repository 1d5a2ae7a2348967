package dev.livetalk.network;

import dev.livetalk.run.RunRecord;

import dev.livetalk.metrics.Measurement;
import dev.livetalk.metrics.correctness.CorrectnessFigures;
import dev.livetalk.scenarios.budget.Metric;
import dev.livetalk.scenarios.budget.Phase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;


import static dev.livetalk.network.RealNetwork.millis;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Toxiproxy fault kind, played by the one runner on the Toxiproxy backend on a small
 * scenario with the reconcile strategy: the fault must really happen (latency seen,
 * connections reset, an outage, a stall) and must leave no proxy behind. Toxiproxy is found
 * or installed as `livetalk run` does; where that is impossible the tests fail with the
 * how-to, they never skip.
 */
class FaultKindsIT {
    @RegisterExtension
    static final SharedToxiproxy TOXIPROXY = new SharedToxiproxy();

    /** Three users in one room, 8 messages/s each; the fault hits user1 from 1 s to 2 s. */
    private static RunRecord run(String fault) throws Exception {
        RunRecord record = RealNetwork.play(RealNetwork.scenario("""
                name: fault-kind
                seed: 11
                duration: 3s
                warmup: 500ms
                quiesce: 2s
                users: [user1, user2, user3]
                rooms:
                  - name: lobby
                    members: all
                load:
                  rate: 8
                faults:
                %s
                """.formatted(fault.indent(2))), "reconcile", TOXIPROXY.server());
        assertThat(RealNetwork.proxies(TOXIPROXY.server())).as("no proxy is left behind").isEqualTo("{}");
        assertThat(record.faults()).hasSize(1).allMatch(played -> played.error() == null);
        return record;
    }

    private static void assertClean(Measurement measurement) {
        CorrectnessFigures figures = measurement.correctness().figures();
        assertThat(figures.lost()).as("lost").isZero();
        assertThat(figures.duplicates()).as("duplicates").isZero();
        assertThat(figures.convergedShare()).as("converged %").isEqualTo(100.0);
    }

    @Test
    void shouldDelayEveryDeliveryUnderLatency() throws Exception {
        RunRecord record = run("""
                - type: latency
                  latency: 250ms
                  direction: downstream
                  at: 1s
                  for: 1s
                  target: all
                """);
        Measurement measurement = Measurement.of(record.trace());
        assertThat(millis(measurement, Metric.PEER_FIRST, Phase.BEFORE, 50)).isLessThan(100);
        assertThat(millis(measurement, Metric.PEER_FIRST, Phase.DURING, 50)).isGreaterThanOrEqualTo(250);
        assertClean(measurement);
    }

    @Test
    void shouldQueueDeliveriesBehindALowBandwidth() throws Exception {
        RunRecord record = run("""
                - type: bandwidth
                  rate: 1
                  direction: downstream
                  at: 1s
                  for: 1s
                  target: {client: user1}
                """);
        Measurement measurement = Measurement.of(record.trace());
        assertThat(millis(measurement, Metric.PEER_FIRST, Phase.DURING, 100)).isGreaterThanOrEqualTo(300);
        assertClean(measurement);
    }

    @Test
    void shouldMakeTheClientReconnectAfterAResetPeer() throws Exception {
        RunRecord record = run("""
                - type: reset-peer
                  at: 1s
                  for: 500ms
                  target: {client: user1}
                """);
        assertThat(record.welcomes().get("user1")).as("user1 reconnected").isGreaterThan(1);
        assertThat(record.welcomes().get("user2")).as("user2 was not touched").isEqualTo(1);
        assertClean(Measurement.of(record.trace()));
    }

    @Test
    void shouldMakeTheClientReconnectAfterATimeoutClosedTheConnection() throws Exception {
        RunRecord record = run("""
                - type: timeout
                  timeout: 200ms
                  direction: downstream
                  at: 1s
                  for: 600ms
                  target: {client: user1}
                """);
        assertThat(record.welcomes().get("user1")).as("user1 reconnected").isGreaterThan(1);
        assertClean(Measurement.of(record.trace()));
    }

    @Test
    void shouldMakeTheClientReconnectAfterLimitDataClosedTheConnection() throws Exception {
        RunRecord record = run("""
                - type: limit-data
                  bytes: 2000
                  direction: downstream
                  at: 1s
                  for: 1s
                  target: {client: user1}
                """);
        assertThat(record.welcomes().get("user1")).as("user1 reconnected").isGreaterThan(1);
        assertClean(Measurement.of(record.trace()));
    }

    @Test
    void shouldCutTheClientOffDuringAnOutage() throws Exception {
        RunRecord record = run("""
                - type: down
                  at: 1s
                  for: 1s
                  target: {client: user1}
                """);
        Measurement measurement = Measurement.of(record.trace());
        assertThat(record.welcomes().get("user1")).as("user1 reconnected").isGreaterThan(1);
        assertThat(millis(measurement, Metric.PEER_FIRST, Phase.DURING, 100))
                .as("what was sent during the outage reached user1 only after it").isGreaterThanOrEqualTo(500);
        assertClean(measurement);
    }

    @Test
    void shouldHoldBytesWithoutClosingDuringAStall() throws Exception {
        RunRecord record = run("""
                - type: stall
                  at: 1s
                  for: 1s
                  target: {client: user1}
                """);
        Measurement measurement = Measurement.of(record.trace());
        assertThat(record.welcomes().get("user1")).as("a 1 s stall is shorter than the dead-link timeout")
                .isEqualTo(1);
        assertThat(millis(measurement, Metric.PEER_FIRST, Phase.DURING, 100)).isGreaterThanOrEqualTo(500);
        assertClean(measurement);
    }

    @Test
    void shouldDeliverIntactFramesThroughASlicer() throws Exception {
        RunRecord record = run("""
                - type: slicer
                  average-size: 16
                  size-variation: 8
                  delay: 1ms
                  direction: downstream
                  at: 1s
                  for: 1s
                  target: all
                """);
        assertThat(record.transportErrors()).as("no frame was corrupted by slicing").isZero();
        assertThat(record.welcomes().values()).allMatch(welcomes -> welcomes == 1);
        assertClean(Measurement.of(record.trace()));
    }

    @Test
    void shouldApplySlowCloseWithoutHarm() throws Exception {
        // slow_close only delays the close of a connection; none closes here, so the check is
        // that Toxiproxy took it (no error played) and the run stayed clean.
        RunRecord record = run("""
                - type: slow-close
                  delay: 500ms
                  direction: downstream
                  at: 1s
                  for: 1s
                  target: all
                """);
        assertClean(Measurement.of(record.trace()));
    }
}
