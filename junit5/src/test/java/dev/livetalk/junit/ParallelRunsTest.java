package dev.livetalk.junit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** JUnit's parallel execution: simulator runs of concurrent tests each get their folder and the same figures. */
class ParallelRunsTest {

    @LiveTalk
    @Execution(ExecutionMode.CONCURRENT)
    static class TwoAtOnce {
        static final CountDownLatch BOTH_STARTED = new CountDownLatch(2);
        static volatile LiveTalkResults left;
        static volatile LiveTalkResults right;

        @org.junit.jupiter.api.Test
        void left(LiveTalkRunner livetalk) throws InterruptedException {
            left = play(livetalk);
        }

        @org.junit.jupiter.api.Test
        void right(LiveTalkRunner livetalk) throws InterruptedException {
            right = play(livetalk);
        }

        /** Waits (with a deadline) until both tests are in, so that they overlap for sure. */
        private static LiveTalkResults play(LiveTalkRunner livetalk) throws InterruptedException {
            BOTH_STARTED.countDown();
            if (!BOTH_STARTED.await(60, TimeUnit.SECONDS)) {
                throw new AssertionError("the two tests did not run at once within 60 s");
            }
            return livetalk.play(Fixtures.scenarioFile("outage")).strategies("reconcile").withoutReport().run();
        }
    }

    @Test
    void concurrentTestsPlayAtOnceIntoTheirOwnFolders() {
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(TwoAtOnce.class))
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "2")
                .execute().testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
        assertThat(TwoAtOnce.left.folder()).isNotEqualTo(TwoAtOnce.right.folder());
        assertThat(TwoAtOnce.left.folder().getParent().getFileName()).hasToString("left");
        assertThat(TwoAtOnce.right.document().strategies()).isEqualTo(TwoAtOnce.left.document().strategies());
    }
}
