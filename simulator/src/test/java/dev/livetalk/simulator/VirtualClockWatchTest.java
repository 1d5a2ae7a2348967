package dev.livetalk.simulator;

import dev.livetalk.metrics.trace.RunTrace;
import dev.livetalk.run.RunPlan;
import dev.livetalk.run.RunProgress;
import dev.livetalk.run.RunSettings;
import dev.livetalk.run.ScenarioRunner;
import dev.livetalk.scenarios.Scenario;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A backend's {@link VirtualClockWatch}: told by the virtual clock on the playing thread, and no part of the trace. */
class VirtualClockWatchTest {
    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    @Test
    void shouldBeToldEveryPeriodOfVirtualTimeOnThePlayingThreadThenOfTheClose() throws Exception {
        Scenario outage = Scenarios.outage(); // 1 s warm-up, 8 s, 4 s quiesce: 13 s of load after the joins
        List<Long> told = Collections.synchronizedList(new ArrayList<>());
        List<Long> closed = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
        VirtualClockWatch watch = new VirtualClockWatch() {
            @Override
            public void onVirtualTime(long virtualNanos) {
                told.add(virtualNanos);
                threads.add(Thread.currentThread());
            }

            @Override
            public void onClosed(long virtualNanos) {
                closed.add(virtualNanos);
            }
        };
        SimBackend backend = new SimBackend(SimSettings.DEFAULTS.withSelfCheck(false), Duration.ofSeconds(2), watch);

        new ScenarioRunner(backend, RunSettings.DEFAULTS, RunProgress.NONE, false)
                .play(RunPlan.resolve(outage, 4), "reconcile");

        assertThat(closed).hasSize(1);
        long end = closed.getFirst();
        assertThat(end).isGreaterThanOrEqualTo(outage.runLength().toNanos());
        List<Long> expected = new ArrayList<>();
        for (long at = 2 * SECOND; at <= end; at += 2 * SECOND) {
            expected.add(at);
        }
        // every whole period passed, once each, in order; the last one possibly not yet when the play ended
        assertThat(told).isEqualTo(expected.subList(0, told.size()));
        assertThat(told.size()).isBetween(expected.size() - 1, expected.size());
        assertThat(threads).containsOnly(Thread.currentThread());
    }

    @Test
    void shouldLeaveTheTraceAsItIs() throws Exception {
        Scenario outage = Scenarios.outage();
        RunPlan plan = RunPlan.resolve(outage, 4);
        SimSettings settings = SimSettings.DEFAULTS.withSelfCheck(false);
        RunTrace without = new ScenarioRunner(new SimBackend(settings), RunSettings.DEFAULTS, RunProgress.NONE, false)
                .play(plan, "reconcile");
        RunTrace with = new ScenarioRunner(new SimBackend(settings, Duration.ofMillis(700), at -> System.gc()),
                RunSettings.DEFAULTS, RunProgress.NONE, false).play(plan, "reconcile");

        assertThat(with).isEqualTo(without);
    }

    @Test
    void shouldRefuseAPeriodThatIsNotPositive() {
        assertThatThrownBy(() -> new SimBackend(SimSettings.DEFAULTS, Duration.ZERO, at -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be > 0: PT0S");
    }
}
