package dev.livetalk.simulator;

import dev.livetalk.metrics.Measurement;
import dev.livetalk.metrics.correctness.CorrectnessFigures;
import dev.livetalk.metrics.correctness.Example;
import dev.livetalk.metrics.correctness.ExampleKind;
import dev.livetalk.scenarios.Scenario;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The status-truth checks catch a strategy that lies to its user or to the server, played in
 * the simulator: each planted strategy ({@link StatusFlawStrategies}) is {@code reconcile} with
 * one lie, and {@code reconcile} itself on the same scenario and seed is found truthful.
 */
class StatusTruthTest {
    private static final Scenario OUTAGE = Scenarios.outage();
    private static final long SEED = 4;

    @Test
    void shouldFindReconcileTruthfulOnTheOutage() {
        CorrectnessFigures f = measure("reconcile").correctness().figures();

        assertThat(new long[] {f.unfoundedDelivered(), f.unfoundedRead(), f.statusAhead(), f.statusBackwards(),
                f.missingEchoes()}).containsOnly(0L);
    }

    @Test
    void shouldCountDeliveredMarkersUpToTheHeadForMessagesNotShown() {
        Scenario split = Scenarios.library("split-paths.yaml");
        Measurement m = Measurement.of(SimulatedRunTest.play(split, StatusFlawStrategies.HeadAsDelivered.NAME,
                split.seed()).trace());
        Measurement reconcile = Measurement.of(SimulatedRunTest.play(split, "reconcile", split.seed()).trace());
        CorrectnessFigures f = m.correctness().figures();

        assertThat(f.unfoundedDelivered()).as("acks on the sending link run ahead of the receiving one").isPositive();
        assertThat(reconcile.correctness().figures().unfoundedDelivered()).isZero();
        assertThat(f.unfoundedRead()).isZero();
        assertThat(m.correctness().examples()).filteredOn(e -> e.kind() == ExampleKind.UNFOUNDED_DELIVERED)
                .isNotEmpty();
    }

    @Test
    void shouldCountOwnMessagesShownReadBeforeAnyoneRead() {
        CorrectnessFigures f = measure(StatusFlawStrategies.ReadOnAck.NAME).correctness().figures();

        assertThat(f.statusAhead()).as("every acknowledged send shows read at once").isPositive();
        assertThat(f.statusBackwards()).isZero();
        assertThat(f.unfoundedDelivered() + f.unfoundedRead() + f.missingEchoes()).isZero();
    }

    @Test
    void shouldCountOwnLinesThatLoseTheirReceipts() {
        Measurement m = measure(StatusFlawStrategies.StatusReset.NAME);

        assertThat(m.correctness().figures().statusBackwards()).isPositive();
        assertThat(m.correctness().examples()).filteredOn(e -> e.kind() == ExampleKind.STATUS_BACKWARDS)
                .extracting(Example::seq).allMatch(seq -> seq > 0);
    }

    @Test
    void shouldCountSendsWithoutALocalEcho() {
        SimulationResult played = SimulatedRunTest.play(OUTAGE, StatusFlawStrategies.NoEcho.NAME, SEED);
        Measurement flawed = Measurement.of(played.trace());

        long sends = played.trace().clients().stream().mapToLong(c -> c.sends().size()).sum();
        assertThat(flawed.correctness().figures().missingEchoes()).as("every send").isEqualTo(sends).isPositive();
        assertThat(flawed.correctness().examples()).filteredOn(e -> e.kind() == ExampleKind.MISSING_ECHO)
                .hasSize(5);
    }

    private static Measurement measure(String strategy) {
        return Measurement.of(SimulatedRunTest.play(OUTAGE, strategy, SEED).trace());
    }
}
