package dev.livetalk.network;

import dev.livetalk.run.RunRecord;

import dev.livetalk.metrics.Measurement;
import dev.livetalk.metrics.correctness.CorrectnessFigures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A long stall and a long outage on every client at once, through the real Toxiproxy, with the
 * strategy that reconnects while the link is silent: the run finishes with results, each fault
 * comes off on time (no Toxiproxy call left waiting; a stall's bandwidth toxics deleted with a
 * reconnected client behind them made Toxiproxy flush to the gone connection 5 s a chunk), and
 * the trace replays to its recorded final transcripts.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LongFaultsIT {
    @RegisterExtension
    static final SharedToxiproxy TOXIPROXY = new SharedToxiproxy();

    /** Eight users in two rooms, 2 messages/s in all; the fault hits every client from 1 s to 4 s. */
    private static RunRecord run(String fault) throws Exception {
        RunRecord record = RealNetwork.play(RealNetwork.scenario("""
                name: long-fault
                seed: 4
                duration: 6s
                warmup: 1s
                quiesce: 3s
                users: {count: 8, prefix: user}
                rooms: {count: 2, prefix: room}
                load:
                  rate: 2
                faults:
                %s
                """.formatted(fault.indent(2))), "reconcile", TOXIPROXY.server());
        assertThat(RealNetwork.proxies(TOXIPROXY.server())).as("no proxy is left behind").isEqualTo("{}");
        assertThat(record.faults()).hasSize(1).allSatisfy(played -> {
            assertThat(played.error()).isNull();
            // lower-bound style: it came off after its planned end, and not a Toxiproxy deadline later
            assertThat(played.removedAt()).isGreaterThanOrEqualTo(played.plannedEnd());
            assertThat(Duration.ofNanos(played.removedAt() - played.plannedEnd()))
                    .isLessThan(ToxiproxySettings.DEFAULTS.toxiproxyDeadline());
        });
        return record;
    }

    private static void assertFinishedClean(RunRecord record) {
        CorrectnessFigures figures = Measurement.of(record.trace()).correctness().figures();
        assertThat(figures.lost()).as("lost").isZero();
        assertThat(figures.convergedShare()).as("converged %").isEqualTo(100.0);
    }

    @Test
    void shouldFinishWithResultsAfterALongStallOnEveryClient() throws Exception {
        assertFinishedClean(run("""
                - type: stall
                  at: 1s
                  for: 3s
                  target: all
                """));
    }

    @Test
    void shouldFinishWithResultsAfterALongOutageOnEveryClient() throws Exception {
        assertFinishedClean(run("""
                - type: down
                  at: 1s
                  for: 3s
                  target: all
                """));
    }
}
