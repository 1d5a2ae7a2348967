package dev.livetalk.simulator;

import dev.livetalk.metrics.Measurement;
import dev.livetalk.metrics.correctness.CorrectnessFigures;
import dev.livetalk.metrics.trace.ClientTrace;
import dev.livetalk.metrics.trace.CommittedMessage;
import dev.livetalk.metrics.trace.MarkerSent;
import dev.livetalk.metrics.trace.SendRecord;
import dev.livetalk.protocol.ReceiptKind;
import dev.livetalk.metrics.trace.RunTrace;
import dev.livetalk.scenarios.LoaderOptions;
import dev.livetalk.scenarios.Scenario;
import dev.livetalk.scenarios.ScenarioLoader;
import dev.livetalk.run.RunFailure;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulatedRunTest {
    private static final Scenario OUTAGE = Scenarios.outage();

    @Test
    void shouldGiveTheSameTraceHashForTheSameSeed() {
        SimulationResult first = play(OUTAGE, "reconcile", 4);
        SimulationResult second = play(OUTAGE, "reconcile", 4);

        assertThat(first.traceHash()).isEqualTo(second.traceHash()).hasSize(64);
        assertThat(first.trace()).isEqualTo(second.trace());
        assertThat(first.actions()).isEqualTo(second.actions());
    }

    @Test
    void shouldRecordWhatEachClientPutOnTheWire() {
        RunTrace trace = play(OUTAGE, "reconcile", 4).trace();

        long sends = 0;
        long transmissions = 0;
        for (ClientTrace client : trace.clients()) {
            java.util.Set<String> transmitted = new java.util.HashSet<>();
            client.transmissions().forEach(t -> transmitted.add(t.clientMsgId()));
            for (SendRecord send : client.sends()) {
                assertThat(transmitted).as("%s transmitted %s", client.user(), send.clientMsgId())
                        .contains(send.clientMsgId());
            }
            assertThat(client.markers()).as("%s's markers", client.user()).isNotEmpty()
                    .extracting(MarkerSent::kind).contains(ReceiptKind.DELIVERED, ReceiptKind.READ);
            sends += client.sends().size();
            transmissions += client.transmissions().size();
        }
        assertThat(transmissions).as("sends held through the outage go out once").isEqualTo(sends);
    }

    @Test
    void shouldRecordEveryRetransmissionOfASendWhoseAckWasLost() {
        RunTrace trace = play(Scenarios.library("lost-ack.yaml"), "reconcile", 1).trace();

        long sends = trace.clients().stream().mapToLong(c -> c.sends().size()).sum();
        long transmissions = trace.clients().stream().mapToLong(c -> c.transmissions().size()).sum();
        assertThat(transmissions).as("resends after lost acks").isGreaterThan(sends);
    }

    @Test
    void shouldGiveDifferentSchedulesForDifferentSeeds() {
        Scenario share = Scenarios.parse("share", """
                name: share
                seed: 3
                network: sim
                duration: 6s
                warmup: 1s
                quiesce: 2s
                users: {count: 8, prefix: user}
                rooms: {count: 2, prefix: room}
                load: {rate: 2, arrival: poisson}
                faults:
                  - type: message-loss
                    probability: 0.2
                    every: 2s
                    for: 500ms
                    arrival: poisson
                    target: {share: 0.5}
                """);
        SimulationResult one = play(share, "reconcile", 1);
        SimulationResult two = play(share, "reconcile", 2);

        assertThat(one.traceHash()).isNotEqualTo(two.traceHash());
        assertThat(one.trace().windows()).isNotEqualTo(two.trace().windows());
        assertThat(commitTimes(one.trace())).isNotEqualTo(commitTimes(two.trace()));
    }

    @Test
    void shouldPlayAScenarioWithAUserInNoRoomAndAFaultOnEveryone() {
        Scenario roomless = Scenarios.parse("roomless", """
                name: roomless
                seed: 3
                duration: 3s
                warmup: 0s
                users: [ann, ben, cat]
                rooms:
                  - name: lobby
                    members: [ann, ben]
                load:
                  rate: 2
                faults:
                  - type: down
                    at: 1s
                    for: 1s
                    target: all
                """);
        RunTrace trace = play(roomless, "reconcile", 3).trace();
        assertThat(trace.clients()).extracting(c -> c.user()).containsExactly("ann", "ben");
        assertThat(figures(play(roomless, "reconcile", 3)).lost()).isZero();
    }

    @Test
    void shouldShowReconcileCleanAndEventOnlyFlawedThroughAnOutage() {
        CorrectnessFigures reconcile = figures(play(OUTAGE, "reconcile", OUTAGE.seed()));
        CorrectnessFigures eventOnly = figures(play(OUTAGE, "event-only", OUTAGE.seed()));

        assertThat(reconcile.lost()).isZero();
        assertThat(reconcile.duplicates()).isZero();
        assertThat(reconcile.convergedShare()).isEqualTo(100.0);
        assertThat(reconcile.stuckPending()).isZero();
        assertThat(eventOnly.lost()).isPositive();
        assertThat(eventOnly.convergedShare()).isLessThan(100.0);
    }

    @Test
    void shouldRecordTheSameKindOfTraceAsTheToxiproxyRunner() {
        SimulationResult result = play(OUTAGE, "reconcile", OUTAGE.seed());
        RunTrace trace = result.trace();

        assertThat(trace.clients()).hasSize(8);
        assertThat(trace.clients()).allSatisfy(client -> assertThat(client.clientId()).isEqualTo(client.user()));
        assertThat(trace.clients().get(0).user()).isEqualTo(OUTAGE.users().get(0));
        assertThat(trace.clients()).allSatisfy(client -> {
            assertThat(client.joinedAt()).isNotEmpty();
            assertThat(client.sends()).isNotEmpty().allSatisfy(send ->
                    assertThat(send.body()).startsWith(client.user() + " #"));
            assertThat(client.readMarks()).isNotEmpty();
            assertThat(client.receipts()).isNotEmpty();
            assertThat(client.finalTranscripts()).containsOnlyKeys(client.joinedAt().keySet());
        });
        assertThat(trace.windows()).singleElement().satisfies(w -> {
            assertThat(w.fault()).isEqualTo("outage");
            assertThat(w.start() - trace.measuredFrom()).isEqualTo(2_000_000_000L);
            assertThat(w.end() - w.start()).isEqualTo(3_000_000_000L);
        });
        assertThat(result.network().refused()).isPositive();
        assertThat(result.network().cuts()).isEqualTo(8);
    }

    @Test
    void shouldPlayTheSameWithoutTheCodec() {
        SimulationResult coded = play(OUTAGE, "reconcile", 9);
        SimulationResult plain = new SimulatedRun(OUTAGE, "reconcile", 9, SimSettings.DEFAULTS.withCodec(false)).play();

        assertThat(plain.traceHash()).isEqualTo(coded.traceHash());
    }

    @Test
    void shouldRefuseAScenarioWithAFaultOnlyToxiproxyCanPlay() throws Exception {
        Scenario bandwidth = ScenarioLoader.parse("bw.yaml", """
                name: bw
                seed: 3
                duration: 4s
                users: [alice, bob]
                rooms: [{name: lobby, members: all}]
                load: {rate: 1}
                faults:
                  - {type: bandwidth, rate: 10, at: 1s, for: 1s}
                """, LoaderOptions.DEFAULTS);

        assertThatThrownBy(() -> new SimulatedRun(bandwidth, "reconcile", 1, SimSettings.DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot play bandwidth");
    }

    @Test
    void shouldFailAsAHarnessErrorWhenClientsNeverJoin() {
        SimSettings slow = SimSettings.DEFAULTS.withLatency(LatencyDistribution.parse("constant 40s"));

        assertThatThrownBy(() -> new SimulatedRun(OUTAGE, "reconcile", 1, slow).play())
                .isInstanceOf(RunFailure.class)
                .hasMessageContaining("8 of 8 clients had not joined their rooms after PT1M (seed 1)");
    }

    static SimulationResult play(Scenario scenario, String strategy, long seed) {
        return new SimulatedRun(scenario, strategy, seed, SimSettings.DEFAULTS).play();
    }

    static CorrectnessFigures figures(SimulationResult result) {
        return Measurement.of(result.trace()).correctness().figures();
    }

    private static List<Long> commitTimes(RunTrace trace) {
        return trace.serverLog().values().stream().flatMap(log -> log.messages().stream())
                .map(CommittedMessage::committedAt).sorted().toList();
    }
}
