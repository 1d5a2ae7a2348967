package dev.livetalk.metrics.recovery;

import dev.livetalk.metrics.Measurement;
import dev.livetalk.metrics.TraceFixture;
import dev.livetalk.metrics.replay.ReplayedRun;
import dev.livetalk.metrics.TraceFixture.Client;
import dev.livetalk.metrics.trace.Refetch;
import dev.livetalk.protocol.Message;
import org.junit.jupiter.api.Test;

import static dev.livetalk.metrics.TraceFixture.ms;
import static org.assertj.core.api.Assertions.assertThat;

class RecoveryCheckTest {
    private final TraceFixture run = new TraceFixture("test");

    private RecoveryReport recovery() {
        return Measurement.of(run.build()).recovery();
    }

    /** A restart from 1 s to 3 s; alice and bob reconnect after it, alice fills a gap at 4.2 s. */
    private void restart() {
        run.serverWindow("deploy", "restart", 1_000, 3_000);
        Client alice = run.client("alice").join("lobby", 0).welcome("main", "e1", 0);
        Client bob = run.client("bob").join("lobby", 0).welcome("main", "e1", 0).welcome("receive", "e1", 0);
        Message m1 = run.commit("lobby", "bob", "b1", 500);
        alice.place(m1, 600).refetch("lobby", Refetch.HISTORY, 5, 500, 700); // before the window: not counted
        bob.place(m1, 550);
        alice.welcome("main", "e2", 3_200).refetch("lobby", Refetch.RESUME, 2, 300, 3_250);
        bob.welcome("receive", "e2", 3_300).welcome("main", "e2", 3_400).refetch("lobby", Refetch.RESUME, 1, 100, 3_450);
        Message m2 = run.commit("lobby", "bob", "b2", 3_500);
        Message m3 = run.commit("lobby", "bob", "b3", 3_600);
        bob.place(m2, 3_550).place(m3, 3_650);
        alice.place(m3, 3_700).refetch("lobby", Refetch.HISTORY, 1, 150, 4_100).place(m2, 4_200); // gap until 4.2 s
        for (int i = 0; i < 4; i++) { // long after the recovery: not in the peak, and not "back" (main came back at 3.2 s)
            alice.welcome("main", "e2", 5_000 + i * 100);
        }
    }

    @Test
    void shouldRecoverWhenTheLastTargetedClientIsBackAndConverged() {
        restart();
        WindowRecovery window = recovery().windows().getFirst();
        assertThat(window.fault()).isEqualTo("deploy");
        assertThat(window.type()).isEqualTo("restart");
        assertThat(window.start()).isEqualTo(ms(1_000));
        assertThat(window.end()).isEqualTo(ms(3_000));
        assertThat(window.clients()).isEqualTo(2);
        assertThat(window.reconnected()).isEqualTo(2);
        assertThat(window.neverConverged()).isZero();
        assertThat(window.recovery()).isEqualTo(ms(1_200)); // alice converged at 4.2 s, after both were back
    }

    @Test
    void shouldNameTheClientThatHeldTheRecoveryBackAndWhetherItWasLateToComeBackOrToConverge() {
        restart();
        WindowRecovery window = recovery().windows().getFirst();
        // alice was back at 3.2 s and converged at 4.2 s; bob was back at 3.4 s (his last link) and converged then
        assertThat(window.slowest()).isEqualTo(new SlowestClient("alice-1", ms(200), null, ms(1_200)));
        assertThat(window.heldBackBy(n -> n / 1_000_000 + " ms")).contains("alice-1 converged after 1200 ms (back after 200 ms)");
    }

    @Test
    void shouldNameALateReconnectAsWhatHeldTheRecoveryBack() {
        run.serverWindow("deploy", "restart", 1_000, 3_000);
        Client alice = run.client("alice").join("lobby", 0).welcome("main", "e1", 0);
        Client bob = run.client("bob").join("lobby", 0).welcome("main", "e1", 0);
        Message m1 = run.commit("lobby", "alice", "a1", 500);
        alice.place(m1, 510).welcome("main", "e2", 3_100);
        // its screen was right all along: only its reconnect was late, and its own (its connection opened at 7.9 s;
        // the hello at 2.5 s is of a connection the restart closed)
        bob.place(m1, 520).request("hello", "main", 2_500).request("hello", "main", 7_900).welcome("main", "e2", 8_000)
                .request("hello", "main", 9_000);
        WindowRecovery window = recovery().windows().getFirst();
        assertThat(window.recovery()).isEqualTo(ms(5_000));
        assertThat(window.slowest()).isEqualTo(new SlowestClient("bob-1", ms(5_000), ms(4_900), 0L));
        assertThat(window.heldBackBy(n -> n / 1_000_000 + " ms")).contains("bob-1 back after 5000 ms (connected after 4900 ms)");
    }

    /**
     * bob's connection opened late because his attempts failed past the window's end and his backoff waited after
     * the last failure: the attempts say so. Those of another link, those begun before the window and those after
     * the connection that brought him back opened are not his way back.
     */
    @Test
    void shouldCountTheAttemptsOfALateReconnectAndWhenTheLastFailed() {
        run.serverWindow("deploy", "restart", 1_000, 3_000);
        Client alice = run.client("alice").join("lobby", 0).welcome("main", "e1", 0);
        Client bob = run.client("bob").join("lobby", 0).welcome("main", "e1", 0);
        Message m1 = run.commit("lobby", "alice", "a1", 500);
        alice.place(m1, 510).connect("main", 1_200, 3_050, true).request("hello", "main", 3_050)
                .welcome("main", "e2", 3_100);
        bob.place(m1, 520)
                .connect("main", 900, 950, false)     // before the window: not of this recovery
                .connect("main", 1_100, 1_150, false) // refused while the server was down
                .connect("main", 1_400, 2_600, true)  // opened, lost before its welcome
                .connect("send", 3_000, 4_000, false) // another link
                .connect("main", 3_100, 4_400, false) // timed out after the window: the last failure
                .connect("main", 7_800, 7_900, true).request("hello", "main", 7_900).welcome("main", "e2", 8_000)
                .connect("main", 8_500, 8_600, false); // after he was back
        WindowRecovery window = recovery().windows().getFirst();
        assertThat(window.slowest()).isEqualTo(new SlowestClient("bob-1", ms(5_000), ms(4_900), 4, ms(1_400), 0L));
        assertThat(window.heldBackBy(n -> n / 1_000_000 + " ms"))
                .contains("bob-1 back after 5000 ms (connected after 4900 ms at attempt 4; the last failed at 1400 ms)");
    }

    @Test
    void shouldSayAFirstAttemptOpenedAndAFailureByTheWindowsEnd() {
        run.serverWindow("deploy", "restart", 1_000, 3_000);
        run.client("alice").join("lobby", 0).welcome("main", "e1", 0)
                .connect("main", 3_300, 3_350, true).request("hello", "main", 3_350).welcome("main", "e2", 3_400);
        WindowRecovery first = recovery().windows().getFirst();
        assertThat(first.slowest()).isEqualTo(new SlowestClient("alice-1", ms(400), ms(350), 1, null, 0L));
        assertThat(first.heldBackBy(n -> n / 1_000_000 + " ms"))
                .contains("alice-1 back after 400 ms (connected after 350 ms at its first attempt)");
    }

    @Test
    void shouldSayTheLastFailureCameByTheWindowsEndWhenItDid() {
        run.serverWindow("deploy", "restart", 1_000, 3_000);
        run.client("alice").join("lobby", 0).welcome("main", "e1", 0).connect("main", 2_000, 2_010, false)
                .connect("main", 3_600, 3_650, true).request("hello", "main", 3_650).welcome("main", "e2", 3_700);
        WindowRecovery first = recovery().windows().getFirst();
        assertThat(first.slowest()).isEqualTo(new SlowestClient("alice-1", ms(700), ms(650), 2, 0L, 0L));
        assertThat(first.heldBackBy(n -> n / 1_000_000 + " ms"))
                .contains("alice-1 back after 700 ms (connected after 650 ms at attempt 2; the last failed by the window's end)");
    }

    /**
     * An attempt begun before the window that opened in it is not one of the window's attempts: with none begun
     * after the start, attempts and lastFailed are null though the trace holds attempts and connected is known.
     */
    @Test
    void shouldCountNoAttemptWhenTheOneThatOpenedBeganBeforeTheWindow() {
        run.serverWindow("deploy", "restart", 1_000, 3_000);
        run.client("alice").join("lobby", 0).welcome("main", "e1", 0)
                .connect("main", 900, 1_200, true).request("hello", "main", 1_200).welcome("main", "e2", 3_300);
        WindowRecovery first = recovery().windows().getFirst();
        assertThat(first.slowest()).isEqualTo(new SlowestClient("alice-1", ms(300), 0L, null, null, 0L));
        assertThat(first.heldBackBy(n -> n / 1_000_000 + " ms")).contains("alice-1 back after 300 ms (connected after 0 ms)");
    }

    @Test
    void shouldNameTheFirstClientIdOnATieAndNoReconnectForALinkThatHeld() {
        run.window("slow", 1_000, 2_000);
        run.client("carol").join("lobby", 0).welcome("main", "e1", 0);
        run.client("alice").join("lobby", 0).welcome("main", "e1", 0);
        WindowRecovery window = recovery().windows().getFirst();
        assertThat(window.recovery()).isZero();
        assertThat(window.slowest()).isEqualTo(new SlowestClient("alice-1", null, null, 0L));
        assertThat(window.heldBackBy(n -> n / 1_000_000 + " ms")).contains("alice-1 converged at once");
    }

    @Test
    void shouldNameAClientARestartDroppedForGood() {
        run.serverWindow("deploy", "restart", 1_000, 3_000);
        run.client("alice").join("lobby", 0).welcome("main", "e1", 0).welcome("main", "e2", 3_100);
        run.client("bob").join("lobby", 0).welcome("main", "e1", 0); // never welcomed again
        WindowRecovery window = recovery().windows().getFirst();
        assertThat(window.recovery()).isNull();
        assertThat(window.slowest()).extracting(SlowestClient::client, SlowestClient::back).containsExactly("bob-1", null);
        assertThat(window.heldBackBy(n -> n / 1_000_000 + " ms")).contains("bob-1 never welcomed again");
    }

    /**
     * The soak's deploy and flap scheduled at the same moment: played for real, the restart is applied first and
     * the reset 3 ms later, inside the restart's window. The reset does not cut the restart's reach: the next
     * window is the first that starts at or after a window's end, as for convergence.
     */
    @Test
    void shouldRecoverFromARestartWhoseWindowAnotherWindowStartsInside() {
        restart();
        run.window("flap", 1_003, 1_300, "alice");
        RecoveryReport report = recovery();
        WindowRecovery deploy = report.windows().getFirst();
        assertThat(deploy.fault()).isEqualTo("deploy");
        assertThat(deploy.reconnected()).isEqualTo(2);
        assertThat(deploy.neverConverged()).isZero();
        assertThat(deploy.recovery()).isEqualTo(ms(1_200)); // alice converged at 4.2 s, as without the reset
        assertThat(deploy.refetchedMessages()).isEqualTo(new RefetchFigures(1, 3, 4)); // alice 3, bob 1
        WindowRecovery flap = report.windows().get(1);
        assertThat(flap.fault()).isEqualTo("flap");
        assertThat(flap.recovery()).isEqualTo(ms(2_900)); // from 1.3 s until alice converged at 4.2 s
    }

    @Test
    void shouldRecoverWhenTheLastClientIsBackEvenIfItWasConvergedBefore() {
        run.serverWindow("deploy", "restart", 1_000, 3_000);
        Client alice = run.client("alice").join("lobby", 0).welcome("main", "e1", 0);
        alice.place(run.commit("lobby", "bob", "b1", 500), 600);
        alice.welcome("send", "e2", 3_100).welcome("main", "e2", 3_900); // its transcript stayed good all along
        assertThat(recovery().windows().getFirst().recovery()).isEqualTo(ms(900));
    }

    @Test
    void shouldSumRefetchesPerTargetedClientFromTheWindowsStartToTheNextWindow() {
        restart();
        run.window("later", 6_000, 6_500); // refetches from 6 s on belong to it
        run.client("carol").join("lobby", 0).refetch("lobby", Refetch.RESUME, 7, 700, 6_100);
        RecoveryReport report = recovery();
        WindowRecovery first = report.windows().getFirst();
        assertThat(first.refetchedMessages()).isEqualTo(new RefetchFigures(1, 3, 4)); // alice 3, bob 1, carol 0
        assertThat(first.refetchedBytes()).isEqualTo(new RefetchFigures(100, 450, 550));
        assertThat(report.windows().get(1).refetchedMessages()).isEqualTo(new RefetchFigures(0, 7, 7));
        assertThat(report.refetched(50)).isEqualTo(1); // the median of the first window is 1 over alice, bob, carol
        assertThat(report.refetched(100)).isEqualTo(7);
    }

    @Test
    void shouldPeakAtTheMostWelcomesInOneSecondUntilTheRecoveryEnds() {
        restart();
        RecoveryReport report = recovery();
        // 3.2, 3.3 and 3.4 s fall in the bucket [3 s, 4 s) counted from the window's start; 5 s is after the recovery
        assertThat(report.windows().getFirst().reconnectPeak()).isEqualTo(3);
        assertThat(report.reconnectPeak()).isEqualTo(3);
    }

    /**
     * docs/METRICS.md, Recovery, worked example of the requests (on this fixture's clock, 9 s earlier: the window
     * from 1 s to 3 s, recovery until alice converged at 4.2 s).
     */
    private void restartWithRequests() {
        restart();
        Client alice = client("alice");
        Client bob = client("bob");
        alice.send("lobby", "a6", 900, 900, -1).transmit("lobby", "a6", 900); // first attempt: not a request
        alice.request("hello", "main", 3_100).transmit("lobby", "a6", 3_150) // resend: attempt 2
                .send("lobby", "a8", 3_500, 3_500, -1).transmit("lobby", "a8", 3_500) // a new send: not counted
                .marker("lobby", dev.livetalk.protocol.ReceiptKind.READ, 1, 3_600) // markers are not requests
                .request("history", "main", 4_000);
        bob.request("hello", "receive", 3_250).request("hello", "main", 3_350).request("join", "receive", 3_380)
                .request("history", "receive", 4_050);
        for (double at : new double[] {900, 3_100, 3_150, 3_250, 3_350, 3_380, 3_500, 4_000, 4_050}) {
            run.serverRequest(at == 3_150 || at == 3_500 || at == 900 ? "send" : "hello", at);
        }
        for (int i = 0; i < 7; i++) { // after the recovery: the run's peak, not the window's
            run.serverRequest("send", 6_000 + i * 10);
        }
    }

    private Client client(String user) {
        return run.clientNamed(user);
    }

    @Test
    void shouldCountTheRequestsEachTargetedClientSentFromTheWindowsStart() {
        restartWithRequests();
        RecoveryReport report = recovery();
        WindowRecovery window = report.windows().getFirst();
        // alice: hello, the resend of a6, history = 3; bob: two hellos, a join, history = 4
        assertThat(window.requests()).isEqualTo(new RefetchFigures(3, 4, 7));
        assertThat(report.requests(50)).isEqualTo(3);
        assertThat(report.requests(100)).isEqualTo(4);
        assertThat(report.requestsMin()).isEqualTo(3);
    }

    @Test
    void shouldPeakAtTheMostRequestsTheServerReceivedInOneSecondUntilTheRecoveryEnds() {
        restartWithRequests();
        RecoveryReport report = recovery();
        // 3.1, 3.15, 3.25, 3.35, 3.38 and 3.5 s fall in [3 s, 4 s) counted from 1 s; 4.0 and 4.05 s in [4 s, 5 s)
        assertThat(report.windows().getFirst().serverPeak()).isEqualTo(6);
        assertThat(report.serverPeak()).isEqualTo(6);
        assertThat(report.serverPeakRun()).isEqualTo(7); // the seven at 6 s, after the recovery
        assertThat(report.serverRequests()).isEqualTo(16);
    }

    @Test
    void shouldSumTheCostPerClientRecovery() {
        restartWithRequests();
        CostFigures cost = recovery().cost();
        assertThat(cost.recoveries()).isEqualTo(2);
        assertThat(cost.refetchedMessages()).isEqualTo(4);
        assertThat(cost.refetchedBytes()).isEqualTo(550);
        assertThat(cost.requests()).isEqualTo(7);
        assertThat(cost.refetchedMessagesPerClient()).isEqualTo(2.0);
        assertThat(cost.refetchedBytesPerClient()).isEqualTo(275.0);
        assertThat(cost.requestsPerClient()).isEqualTo(3.5);
        assertThat(cost.reconnectPeak()).isEqualTo(3);
        assertThat(cost.serverPeak()).isEqualTo(6);
        assertThat(cost.serverPeakRun()).isEqualTo(7);
        assertThat(cost.serverRequests()).isEqualTo(16);
    }

    @Test
    void shouldCountAResendUnderANewIdAndNotATransmissionBeforeTheWindow() {
        run.window("outage", 1_000, 2_000, "alice");
        Client alice = run.client("alice").join("lobby", 0);
        alice.send("lobby", "a1", 500, 500, -1).transmit("lobby", "a1", 500).transmit("lobby", "a1", 600)
                .transmit("lobby", "a1-again", 1_500); // a naive retry under a new id, in the window
        assertThat(recovery().windows().getFirst().requests()).isEqualTo(new RefetchFigures(1, 1, 1));
    }

    @Test
    void shouldCostNothingPerClientWithoutWindows() {
        run.client("alice").join("lobby", 0).request("hello", "main", 100);
        run.serverRequest("hello", 100);
        CostFigures cost = recovery().cost();
        assertThat(cost.recoveries()).isZero();
        assertThat(cost.requestsPerClient()).isNull();
        assertThat(cost.serverPeak()).isZero();
        assertThat(cost.serverPeakRun()).isEqualTo(1);
    }

    @Test
    void shouldNeverRecoverWhenATargetedClientNeverConverges() {
        run.window("outage", 1_000, 2_000, "bob");
        Client alice = run.client("alice").join("lobby", 0);
        Client bob = run.client("bob").join("lobby", 0);
        Message m1 = run.commit("lobby", "alice", "a1", 1_500);
        Message m2 = run.commit("lobby", "alice", "a2", 2_500);
        alice.place(m1, 1_510).place(m2, 2_510);
        bob.welcome("main", "e1", 2_100).welcome("main", "e1", 2_200).place(m2, 2_600); // m1 never filled
        RecoveryReport report = recovery();
        WindowRecovery window = report.windows().getFirst();
        assertThat(window.clients()).isEqualTo(1);
        assertThat(window.recovery()).isNull();
        assertThat(window.neverConverged()).isEqualTo(1);
        assertThat(window.reconnectPeak()).isEqualTo(2); // until the end of the run
        assertThat(report.recoveryTimes().max()).isEmpty();
        assertThat(window.slowest()).isEqualTo(new SlowestClient("bob-1", ms(100), null, null)); // back at 2.1 s on its one link
        assertThat(window.heldBackBy(n -> n / 1_000_000 + " ms")).contains("bob-1 never converged (back after 100 ms)");
    }

    @Test
    void shouldCountNoReconnectForAClientThatKeptItsConnection() {
        run.window("slow", 1_000, 2_000);
        Client alice = run.client("alice").join("lobby", 0).welcome("main", "e1", 0);
        alice.place(run.commit("lobby", "bob", "b1", 1_500), 1_900);
        WindowRecovery window = recovery().windows().getFirst();
        assertThat(window.reconnected()).isZero();
        assertThat(window.recovery()).isZero();
        assertThat(window.reconnectPeak()).isZero();
    }

    @Test
    void shouldCountAcknowledgedMessagesTheServerLostOnTheRestartAfterTheirAck() {
        run.window("blip", 500, 600, "alice");
        run.serverWindow("crash", "restart", 1_000, 2_000);
        run.serverWindow("crash-again", "restart", 3_000, 3_500);
        Client alice = run.client("alice").join("lobby", 0).welcome("main", "e1", 0);
        run.epoch("e1");
        Message kept = run.commit("lobby", "alice", "a1", 100);
        alice.send("lobby", "a1", 90, 90, 90).ackBySeq("a1", kept, 110);
        Message forgotten = run.commit("lobby", "alice", "a2", 200);
        alice.send("lobby", "a2", 200, 200, 200).ackBySeq("a2", forgotten, 210);
        Message unacked = run.commit("lobby", "alice", "a3", 300); // lost too, but its sender never saw the ack
        alice.send("lobby", "a3", 300, 300, 300);
        run.restart("e2");
        alice.welcome("main", "e2", 2_100).clear("lobby", 2_100);
        Message again = run.commit("lobby", "alice", "a1", 2_200); // a1 committed again, but in e2, lost in turn
        Message late = run.commit("lobby", "alice", "a4", 2_500);
        alice.send("lobby", "a4", 2_500, 2_500, 2_500).ackBySeq("a4", late, 2_510); // acknowledged, then lost at 3 s
        run.restart("e3");
        alice.welcome("main", "e3", 3_600).clear("lobby", 3_600);
        run.commit("lobby", "alice", "a5", 3_700);
        Message kept2 = run.commit("lobby", "alice", "a6", 3_800); // acknowledged in the final epoch: kept
        alice.send("lobby", "a6", 3_800, 3_800, 3_800).ackBySeq("a6", kept2, 3_810);
        RecoveryReport report = recovery();
        assertThat(report.windows()).extracting(WindowRecovery::ackedLost).containsExactly(0L, 2L, 1L);
        assertThat(report.ackedLost()).isEqualTo(3);
        assertThat(AckedLosses.of(ReplayedRun.of(run.build()))).extracting(AckedLoss::clientMsgId)
                .containsExactly("a1", "a2", "a4");
        assertThat(again.id()).isNotEqualTo(kept.id());
        assertThat(unacked.seq()).isEqualTo(3);
    }

    @Test
    void shouldFindNobodyRecoveredAndTheOldEpochLostWhenTheServerCameBackEmptyAndHeardFromNobody() {
        run.serverWindow("crash", "restart", 1_000, 2_000);
        run.started("e1", 0).epoch("e1");
        Client alice = run.client("alice").join("lobby", 0).welcome("main", "e1", 0);
        Message m = run.commit("lobby", "alice", "a1", 100);
        alice.send("lobby", "a1", 90, 90, 90).ackBySeq("a1", m, 110);
        run.started("e2", 2_000); // back empty; alice never reconnects and nothing is committed again
        RecoveryReport report = recovery();
        assertThat(run.build().finalEpoch()).isEqualTo("e2");
        assertThat(report.ackedLost()).isEqualTo(1);
        assertThat(report.windows().getFirst().reconnected()).isZero();
        assertThat(report.windows().getFirst().neverConverged()).isEqualTo(1);
        assertThat(report.windows().getFirst().recovery()).isNull();
    }

    @Test
    void shouldLoseNothingWhenEveryAcknowledgedMessageIsInTheLog() {
        restart();
        assertThat(recovery().ackedLost()).isZero();
    }

    @Test
    void shouldHaveNoWindowsWithoutFaults() {
        run.client("alice").join("lobby", 0).welcome("main", "e1", 0);
        RecoveryReport report = recovery();
        assertThat(report.windows()).isEmpty();
        assertThat(report.reconnectPeak()).isZero();
        assertThat(report.recoveryTimes().samples()).isZero();
    }
}
