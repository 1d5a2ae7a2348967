package dev.livetalk.network;

import dev.livetalk.metrics.Measurement;
import dev.livetalk.metrics.trace.ClientTrace;
import dev.livetalk.metrics.trace.CommittedMessage;
import dev.livetalk.metrics.trace.ConnectAttempt;
import dev.livetalk.metrics.trace.RequestSent;
import dev.livetalk.metrics.trace.RoomLog;
import dev.livetalk.metrics.trace.WelcomeSeen;
import dev.livetalk.run.PlayedFault;
import dev.livetalk.run.RunRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Server faults through Toxiproxy: the scenario's server runs as its own process, really killed
 * and started again (without durable history: a new epoch; with it: the same epoch, nothing
 * lost), or really stopped and
 * continued (a pause). The runner, the proxies and the clients are those of every Toxiproxy run.
 */
class ServerFaultsIT {
    @RegisterExtension
    static final SharedToxiproxy TOXIPROXY = new SharedToxiproxy();

    /** Three users in one room, 8 messages/s each; the server fault from 1 s for {@code length}. */
    private static RunRecord run(String fault) throws Exception {
        RunRecord record = RealNetwork.play(RealNetwork.scenario("""
                name: server-fault
                seed: 11
                duration: 4s
                warmup: 500ms
                quiesce: 6s
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

    @Test
    void shouldKillTheServerAndWelcomeEveryClientUnderANewEpochAfterALostRestart() throws Exception {
        RunRecord record = run("""
                - type: restart
                  durable: false
                  at: 1s
                  for: 1s
                """);
        PlayedFault restart = record.faults().get(0);
        assertThat(Duration.ofNanos(restart.removedAt() - restart.appliedAt())).as("down at least the window")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        List<String> epochs = commitEpochs(record);
        assertThat(epochs).as("commits before and after the kill, each epoch once in order").hasSize(2);
        for (ClientTrace client : record.trace().clients()) {
            List<WelcomeSeen> welcomes = client.welcomes();
            assertThat(welcomes.get(0).epoch()).as(client.user() + "'s first welcome").isEqualTo(epochs.get(0));
            WelcomeSeen last = welcomes.get(welcomes.size() - 1);
            assertThat(last.epoch()).as(client.user() + " is back under the new epoch").isEqualTo(epochs.get(1));
            assertThat(last.at()).as(client.user() + " is back after the server").isGreaterThan(restart.removedAt());
        }
        assertThat(record.welcomes().values()).as("every client reconnected").allMatch(count -> count >= 2);
    }

    @Test
    void shouldKillTheServerAndKeepItsEpochAndEveryCommitAfterADurableRestart() throws Exception {
        RunRecord record = run("""
                - type: restart
                  durable: true
                  at: 1s
                  for: 1s
                """);
        assertThat(commitEpochs(record)).as("one epoch: the durable history came back").hasSize(1);
        String epoch = commitEpochs(record).get(0);
        for (ClientTrace client : record.trace().clients()) {
            assertThat(client.welcomes()).as(client.user() + "'s welcomes").hasSizeGreaterThanOrEqualTo(2)
                    .allMatch(welcome -> welcome.epoch().equals(epoch));
        }
        assertThat(Measurement.of(record.trace()).correctness().figures().lost()).as("lost").isZero();
        // every connection attempt through the proxies is in the trace: those begun while the server was down
        // failed, each that opened said hello on its link as it opened, and every client came back by one
        PlayedFault restart = record.faults().get(0);
        long failed = 0;
        for (ClientTrace client : record.trace().clients()) {
            assertThat(client.connects()).as(client.user() + "'s attempts")
                    .anySatisfy(a -> assertThat(a.opened() && a.at() > restart.appliedAt()).isTrue());
            for (ConnectAttempt attempt : client.connects()) {
                if (attempt.opened()) { // the hello goes out in the same task, as the session hears it opened
                    // its link's first request from then on (by order, not by a wall-clock gap: the 100 ms once
                    // allowed between the two is a time a loaded machine can take between two lines of one task)
                    assertThat(client.requests().stream()
                            .filter(r -> r.link().equals(attempt.link()) && r.at() >= attempt.endedAt())
                            .min(java.util.Comparator.comparingLong(RequestSent::at)))
                            .as(client.user() + "'s first request on " + attempt.link() + " after " + attempt + " opened")
                            .hasValueSatisfying(r -> assertThat(r.type()).isEqualTo("hello"));
                } else {
                    failed++;
                    assertThat(attempt.at()).as(client.user() + ": " + attempt + " began while the server was down")
                            .isLessThan(restart.removedAt());
                    assertThat(attempt.reason()).as(client.user() + ": why " + attempt + " failed").isNotBlank();
                }
            }
        }
        assertThat(failed).as("attempts refused while the server was down").isPositive();
    }

    @Test
    void shouldCommitNothingWhileTheServerIsPaused() throws Exception {
        RunRecord record = run("""
                - type: pause
                  at: 1s
                  for: 1500ms
                """);
        PlayedFault pause = record.faults().get(0);
        long quietFrom = pause.appliedAt() + Duration.ofMillis(100).toNanos();
        long quietTo = pause.removedAt() - Duration.ofMillis(100).toNanos();
        List<CommittedMessage> commits = record.trace().serverLog().values().stream()
                .flatMap(log -> log.messages().stream()).toList();

        assertThat(commits).as("commits before and after").isNotEmpty()
                .noneMatch(commit -> commit.committedAt() > quietFrom && commit.committedAt() < quietTo)
                .anyMatch(commit -> commit.committedAt() >= pause.removedAt());
        assertThat(commitEpochs(record)).as("one epoch: the server was never restarted").hasSize(1);
        assertThat(Measurement.of(record.trace()).correctness().figures().lost()).as("lost").isZero();
    }

    /** The epochs of the commits, lost ones included, in the order they first appear. */
    private static List<String> commitEpochs(RunRecord record) {
        Set<String> epochs = new LinkedHashSet<>();
        java.util.stream.Stream.concat(record.trace().lostCommits().stream(),
                        record.trace().serverLog().values().stream().map(RoomLog::messages).flatMap(List::stream))
                .sorted(java.util.Comparator.comparingLong(CommittedMessage::committedAt))
                .forEach(commit -> epochs.add(commit.epoch()));
        return List.copyOf(epochs);
    }
}
