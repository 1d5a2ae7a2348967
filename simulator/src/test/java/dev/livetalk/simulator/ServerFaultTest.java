package dev.livetalk.simulator;

import dev.livetalk.client.ConnectFailure;
import dev.livetalk.client.transcript.TranscriptChange;
import dev.livetalk.metrics.Measurement;
import dev.livetalk.metrics.recovery.RecoveryReport;
import dev.livetalk.metrics.recovery.SlowestClient;
import dev.livetalk.metrics.trace.ClientTrace;
import dev.livetalk.metrics.trace.CommittedMessage;
import dev.livetalk.metrics.trace.ConnectAttempt;
import dev.livetalk.metrics.trace.RequestSent;
import dev.livetalk.metrics.trace.RunTrace;
import dev.livetalk.metrics.trace.TraceWindow;
import dev.livetalk.metrics.trace.Transmission;
import dev.livetalk.metrics.trace.WelcomeSeen;
import dev.livetalk.scenarios.Scenario;
import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The faults on the server process: restart (with and without durable history), pause, slow-commit. */
class ServerFaultTest {
    private static final long SEED = 0x5e16;
    private static final String FIRST_EPOCH = "sim-" + Long.toHexString(SEED);
    private static final long MS = 1_000_000;

    static Scenario withServerFault(String fault, String server) {
        return Scenarios.parse("server-fault", """
                name: server-fault
                seed: 16
                duration: 8s
                warmup: 1s
                quiesce: 5s
                users: {count: 6, prefix: user}
                rooms: [{name: lobby, members: all}, {name: ops, members: [user1, user2, user3]}]
                load: {rate: 4, arrival: poisson}
                %s
                faults:
                  - %s
                """.formatted(server, fault));
    }

    @Test
    void shouldComeBackUnderANewEpochAfterARestartWithoutDurableHistory() {
        SimulationResult result = SimulatedRunTest.play(
                withServerFault("{type: restart, durable: false, at: 2s, for: 1s}", ""), "reconcile", SEED);

        RunTrace trace = result.trace();
        TraceWindow restart = trace.windows().get(0);
        assertThat(result.network().restarts()).isEqualTo(1);
        assertThat(result.network().dropped()).isEqualTo(6);
        assertThat(result.network().refused()).isPositive();
        for (ClientTrace client : trace.clients()) {
            assertThat(client.welcomes()).filteredOn(w -> w.at() < restart.start()).isNotEmpty()
                    .allSatisfy(w -> assertThat(w.epoch()).isEqualTo(FIRST_EPOCH));
            List<WelcomeSeen> after = client.welcomes().stream().filter(w -> w.at() >= restart.start()).toList();
            assertThat(after).as(client.user()).isNotEmpty().allSatisfy(w -> {
                assertThat(w.at()).isGreaterThanOrEqualTo(restart.end());
                assertThat(w.epoch()).isEqualTo(FIRST_EPOCH + "-r1");
            });
            assertThat(after.get(0).resume()).as(client.user()).isNotEmpty()
                    .containsOnlyKeys(client.joinedAt().keySet())
                    .allSatisfy((room, status) -> assertThat(status).isEqualTo("epoch-changed"));
        }
    }

    @Test
    void shouldNumberCommitsFromOneWithNewIdsAfterARestartWithoutDurableHistory() {
        SimulationResult result = SimulatedRunTest.play(
                withServerFault("{type: restart, durable: false, at: 2s, for: 1s}", ""), "reconcile", SEED);

        TraceWindow restart = result.trace().windows().get(0);
        assertThat(result.trace().finalEpoch()).isEqualTo(FIRST_EPOCH + "-r1");
        for (var log : result.trace().serverLog().values()) {
            List<CommittedMessage> old = result.trace().lostCommits().stream()
                    .filter(c -> c.message().room().equals(log.room())).toList();
            List<CommittedMessage> renewed = log.messages();
            assertThat(old).allSatisfy(c -> assertThat(c.epoch()).isEqualTo(FIRST_EPOCH));
            assertThat(renewed).allSatisfy(c -> assertThat(c.epoch()).isEqualTo(FIRST_EPOCH + "-r1"));
            assertThat(old).isNotEmpty().allSatisfy(c -> assertThat(c.committedAt()).isLessThan(restart.start()));
            assertThat(renewed).isNotEmpty().allSatisfy(c -> assertThat(c.committedAt()).isGreaterThanOrEqualTo(restart.end()));
            assertThat(renewed).extracting(CommittedMessage::seq)
                    .isEqualTo(java.util.stream.LongStream.rangeClosed(1, renewed.size()).boxed().toList());
            Set<String> oldIds = new HashSet<>();
            old.forEach(c -> oldIds.add(c.id()));
            assertThat(renewed).extracting(CommittedMessage::id).doesNotContainAnyElementsOf(oldIds);
            assertThat(renewed.get(0).seq()).isLessThan(old.get(old.size() - 1).seq());
        }
    }

    /**
     * Every connection attempt of the load is in the trace: those the network refused while the server was down
     * failed (as many as it refused), each that opened said hello on its link at that moment, and the attempt that
     * brought a client back opened after the window.
     */
    @Test
    void shouldRecordEveryConnectionAttemptAndItsOutcome() {
        SimulationResult result = SimulatedRunTest.play(
                withServerFault("{type: restart, durable: true, at: 2s, for: 1s}", ""), "reconcile", SEED);

        RunTrace trace = result.trace();
        TraceWindow restart = trace.windows().get(0);
        List<ConnectAttempt> attempts = trace.clients().stream().flatMap(c -> c.connects().stream()).toList();
        assertThat(attempts.stream().filter(a -> !a.opened()).count()).isEqualTo(result.network().refused())
                .isPositive();
        assertThat(attempts).filteredOn(a -> !a.opened()).allSatisfy(a -> {
            assertThat(a.endedAt()).isBetween(restart.start(), restart.end());
            assertThat(a.reason()).isEqualTo(ConnectFailure.REFUSED);
        });
        for (ClientTrace client : trace.clients()) {
            List<ConnectAttempt> opened = client.connects().stream().filter(ConnectAttempt::opened).toList();
            assertThat(opened).as(client.user()).isNotEmpty().allSatisfy(a -> {
                assertThat(a.at()).isGreaterThan(restart.start());
                assertThat(a.endedAt()).isGreaterThanOrEqualTo(restart.end());
                assertThat(client.requests()).as(client.user())
                        .contains(new RequestSent("hello", a.link(), a.endedAt()));
            });
        }
        RecoveryReport recovery = Measurement.of(trace).recovery();
        SlowestClient slowest = recovery.windows().getFirst().slowest();
        assertThat(slowest.attempts()).isGreaterThan(1); // refused at least once, then opened
        assertThat(slowest.lastFailed()).isZero(); // every refusal came while the server was down
    }

    @Test
    void shouldKeepTheEpochAndResumeAfterARestartWithDurableHistory() {
        SimulationResult result = SimulatedRunTest.play(
                withServerFault("{type: restart, durable: true, at: 2s, for: 1s}", ""), "reconcile", SEED);

        RunTrace trace = result.trace();
        TraceWindow restart = trace.windows().get(0);
        assertThat(result.network().restarts()).isEqualTo(1);
        for (ClientTrace client : trace.clients()) {
            assertThat(client.welcomes()).allSatisfy(w -> assertThat(w.epoch()).isEqualTo(FIRST_EPOCH));
            WelcomeSeen back = client.welcomes().stream().filter(w -> w.at() >= restart.start()).findFirst().orElseThrow();
            assertThat(back.at()).isGreaterThanOrEqualTo(restart.end());
            assertThat(back.resume()).as(client.user()).isNotEmpty()
                    .allSatisfy((room, status) -> assertThat(status).isEqualTo("resumed"));
        }
        for (var log : trace.serverLog().values()) {
            assertThat(log.messages()).allSatisfy(c -> assertThat(c.epoch()).isEqualTo(FIRST_EPOCH));
            assertThat(log.messages()).extracting(CommittedMessage::seq)
                    .isEqualTo(java.util.stream.LongStream.rangeClosed(1, log.messages().size()).boxed().toList());
            assertThat(log.messages()).anySatisfy(c -> assertThat(c.committedAt()).isGreaterThanOrEqualTo(restart.end()));
        }
        assertThat(SimulatedRunTest.figures(result).lost()).isZero();
        assertThat(SimulatedRunTest.figures(result).convergedShare()).isEqualTo(100.0);
    }

    @Test
    void shouldHoldEveryAckUntilThePauseEnds() {
        SimulationResult result = SimulatedRunTest.play(
                withServerFault("{type: pause, at: 2s, for: 1500ms}", ""), "reconcile", SEED);

        RunTrace trace = result.trace();
        TraceWindow pause = trace.windows().get(0);
        assertThat(result.network().pauses()).isEqualTo(1);
        assertThat(result.network().held()).isPositive();
        List<CommittedMessage> commits = commits(trace);
        assertThat(commits).noneSatisfy(c -> assertThat(c.committedAt()).isBetween(pause.start() + 5 * MS, pause.end() - 1));
        assertThat(commits).filteredOn(c -> c.committedAt() == pause.end()).hasSizeGreaterThan(5);
        int held = 0;
        for (ClientTrace client : trace.clients()) {
            Map<String, Long> acked = ackedAt(client);
            for (Transmission sent : client.transmissions()) {
                if (sent.at() >= pause.start() && sent.at() < pause.end()) {
                    assertThat(acked.get(sent.clientMsgId()) - sent.at()).as(sent.clientMsgId())
                            .isGreaterThanOrEqualTo(pause.end() - sent.at());
                    held++;
                }
            }
        }
        assertThat(held).isGreaterThan(10);
        assertThat(SimulatedRunTest.figures(result).lost()).isZero();
        assertThat(SimulatedRunTest.figures(result).convergedShare()).isEqualTo(100.0);
    }

    @Test
    void shouldSpaceCommitsByTheDelayWhileCommitsAreSlow() {
        long delay = 30 * MS;
        SimulationResult result = SimulatedRunTest.play(
                withServerFault("{type: slow-commit, delay: 30ms, at: 2s, for: 3s}", ""), "reconcile", SEED);

        RunTrace trace = result.trace();
        TraceWindow slow = trace.windows().get(0);
        List<Long> during = commits(trace).stream().map(CommittedMessage::committedAt)
                .filter(t -> t >= slow.start() && t < slow.end()).sorted().toList();
        List<Long> before = commits(trace).stream().map(CommittedMessage::committedAt)
                .filter(t -> t < slow.start()).sorted().toList();
        assertThat(during).hasSizeGreaterThan(50);
        for (int i = 1; i < during.size(); i++) {
            assertThat(during.get(i) - during.get(i - 1)).isGreaterThanOrEqualTo(delay);
        }
        assertThat(gaps(before)).as("the same load commits closer without the fault").anyMatch(g -> g < delay);
        assertThat(result.network().slowCommits()).isGreaterThanOrEqualTo(during.size());
        assertThat(SimulatedRunTest.figures(result).lost()).isZero();
        assertThat(SimulatedRunTest.figures(result).convergedShare()).isEqualTo(100.0);
    }

    @Test
    void shouldKeepEachConnectionsOrderWhileCommitsAreSlow() {
        SimulationResult result = SimulatedRunTest.play(
                withServerFault("{type: slow-commit, delay: 30ms, at: 2s, for: 3s}", ""), "reconcile", SEED);

        assertThat(SimulatedRunTest.figures(result).inversions()).isZero();
        assertThat(SimulatedRunTest.figures(result).duplicates()).isZero();
    }

    @Test
    void shouldTruncateAResumeBeyondTheHistoryLimitOfTheServerBlock() {
        String cut = "{type: down, at: 2s, for: 3s, target: {client: user4}}";
        SimulationResult small = SimulatedRunTest.play(withServerFault(cut, "server: {history-limit: 5}"), "reconcile",
                SEED);
        SimulationResult usual = SimulatedRunTest.play(withServerFault(cut, ""), "reconcile", SEED);

        assertThat(resumeStatuses(small, "user4")).contains("history-truncated");
        assertThat(resumeStatuses(usual, "user4")).doesNotContain("history-truncated").contains("resumed");
    }

    @Test
    void shouldReplayEveryServerFaultTheSameForTheSameSeed() {
        Scenario scenario = Scenarios.parse("server-faults", """
                name: server-faults
                seed: 16
                duration: 12s
                warmup: 1s
                quiesce: 5s
                users: {count: 6, prefix: user}
                rooms: {count: 2, prefix: room}
                load: {rate: 4, arrival: poisson}
                server: {history-limit: 20}
                faults:
                  - {type: restart, durable: false, at: 1s, for: 1s}
                  - {type: pause, at: 3s, for: 1s}
                  - {type: slow-commit, delay: 20ms, at: 4s, for: 1s}
                  - {type: restart, durable: true, at: 5s, for: 1s}
                  - {type: restart, durable: false, at: 8s, for: 500ms}
                """);

        SimulationResult first = SimulatedRunTest.play(scenario, "reconcile", 7);
        SimulationResult second = SimulatedRunTest.play(scenario, "reconcile", 7);

        assertThat(first.traceHash()).isEqualTo(second.traceHash());
        assertThat(first.actions()).isEqualTo(second.actions());
        assertThat(first.network().restarts()).isEqualTo(3);
        assertThat(epochs(first.trace())).containsExactly("sim-7", "sim-7-r1", "sim-7-r2");
    }

    private static List<CommittedMessage> commits(RunTrace trace) {
        return trace.serverLog().values().stream().flatMap(log -> log.messages().stream())
                .sorted(Comparator.comparingLong(CommittedMessage::committedAt)).toList();
    }

    private static List<Long> gaps(List<Long> times) {
        return java.util.stream.IntStream.range(1, times.size()).mapToObj(i -> times.get(i) - times.get(i - 1)).toList();
    }

    /** Per client message id of the client's own sends, when the client first saw it acknowledged (its line got an id). */
    private static Map<String, Long> ackedAt(ClientTrace client) {
        Map<String, Long> acked = new HashMap<>();
        for (TranscriptChange change : client.changes()) {
            if (change.entry().clientMsgId() != null && change.entry().id() != null
                    && change.entry().from().equals(client.user())) {
                acked.putIfAbsent(change.entry().clientMsgId(), change.at());
            }
        }
        return acked;
    }

    private static List<String> resumeStatuses(SimulationResult result, String user) {
        return result.trace().clients().stream().filter(c -> c.user().equals(user))
                .flatMap(c -> c.welcomes().stream()).flatMap(w -> w.resume().values().stream()).toList();
    }

    private static List<String> epochs(RunTrace trace) {
        return trace.clients().stream().flatMap(c -> c.welcomes().stream()).sorted(Comparator.comparingLong(WelcomeSeen::at))
                .map(WelcomeSeen::epoch).distinct().toList();
    }
}
