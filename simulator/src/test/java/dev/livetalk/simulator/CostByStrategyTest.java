package dev.livetalk.simulator;

import dev.livetalk.metrics.Measurement;
import dev.livetalk.metrics.recovery.CostFigures;
import dev.livetalk.metrics.recovery.RecoveryReport;
import dev.livetalk.scenarios.Scenario;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cost figures tell the strategies apart (docs/METRICS.md, Recovery, "Cost per strategy"): in an
 * outage where every client reconnects, reconcile resumes its rooms in the hello while gap-fill asks for
 * the history it missed, and snapshot fetches whole rooms again.
 */
class CostByStrategyTest {
    private static final long SEED = 33;
    private static final Scenario OUTAGE = MessageFaultTest.withFault("{type: down, at: 2s, for: 2s}");

    private static RecoveryReport recovery(String strategy) {
        SimulationResult result = SimulatedRunTest.play(OUTAGE, strategy, SEED);
        return Measurement.of(result.trace()).recovery();
    }

    @Test
    void shouldCostReconcileFewerRequestsPerRecoveryThanGapFill() {
        CostFigures gapFill = recovery("gap-fill").cost();
        CostFigures reconcile = recovery("reconcile").cost();

        assertThat(reconcile.recoveries()).isEqualTo(10);
        assertThat(gapFill.recoveries()).isEqualTo(10);
        assertThat(reconcile.requestsPerClient()).isPositive(); // at least a hello per reconnected client
        assertThat(reconcile.requestsPerClient()).isLessThan(gapFill.requestsPerClient());
    }

    @Test
    void shouldCostSnapshotMoreRefetchedMessagesThanGapFill() {
        CostFigures gapFill = recovery("gap-fill").cost();
        CostFigures snapshot = recovery("snapshot").cost();

        assertThat(snapshot.refetchedMessagesPerClient()).isGreaterThan(gapFill.refetchedMessagesPerClient());
    }

    @Test
    void shouldCountTheReconnectStormAtTheServer() {
        RecoveryReport reconcile = recovery("reconcile");

        // every client says hello again after the outage: the server hears at least those in some second
        assertThat(reconcile.serverPeak()).isGreaterThanOrEqualTo(10);
        assertThat(reconcile.serverPeakRun()).isGreaterThanOrEqualTo(reconcile.serverPeak());
        assertThat(reconcile.serverRequests()).isGreaterThan(reconcile.cost().requests());
    }
}
