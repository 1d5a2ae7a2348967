package dev.livetalk.junit;

import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * A run through a real Toxiproxy, found as {@code livetalk run} finds it ({@code TOXIPROXY_URL},
 * {@code TOXIPROXY_SERVER}, {@code toxiproxy-server} on PATH, {@code .tools/bin/}, go, Docker);
 * without one it fails with the launcher's how-to, never skips.
 */
class ToxiproxyRunIT {

    @LiveTalk
    static class ThroughToxiproxy {
        static volatile LiveTalkResults first;
        static volatile LiveTalkResults second;

        @org.junit.jupiter.api.Test
        void outage(LiveTalkRunner livetalk) {
            first = livetalk.play(Fixtures.scenarioFile("outage")).strategies("reconcile").toxiproxy().run();
        }

        @org.junit.jupiter.api.Test
        void again(LiveTalkRunner livetalk) {
            second = livetalk.play(Fixtures.scenarioFile("outage")).strategies("reconcile").toxiproxy()
                    .withoutReport().run();
        }
    }

    @Test
    void reconcileKeepsItsBudgetsThroughARealOutage() {
        var results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(ThroughToxiproxy.class)).execute();
        List<Event> failed = results.testEvents().failed().list();
        assertThat(failed).as("failures: %s", failed.stream()
                .map(e -> e.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable)
                        .map(Throwable::getMessage).orElse("?")).toList()).isEmpty();
        results.testEvents().assertStatistics(s -> s.succeeded(2));
        LiveTalkResults first = ThroughToxiproxy.first;
        assertThat(first.network()).isEqualTo("toxiproxy");
        assertThat(first.passed()).isTrue();
        assertThat(first.strategy("reconcile").lost()).isZero();
        assertThat(first.strategy("reconcile").converged()).isTrue();
        assertThat(first.report()).isPresent();
        assertThat(SharedToxiproxy.LAUNCHED).as("one server for both tests").hasSize(1);
        SharedToxiproxy.LAUNCHED.getFirst().process().ifPresent(p -> assertThat(p.isAlive())
                .as("the server started for the tests is stopped when they end").isFalse());
        assertThat(ThroughToxiproxy.second.network()).isEqualTo("toxiproxy");
    }
}
