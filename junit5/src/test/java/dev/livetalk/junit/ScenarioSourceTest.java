package dev.livetalk.junit;

import dev.livetalk.scenarios.LoaderOptions;
import dev.livetalk.scenarios.Scenario;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScenarioSourceTest {

    @Test
    void aClassPathResourceLoads() {
        Scenario scenario = ScenarioSource.resource("tiny.yaml").load(LoaderOptions.DEFAULTS);
        assertThat(scenario.name()).isEqualTo("tiny");
        assertThat(scenario.seed()).isEqualTo(3);
    }

    @Test
    void aMissingResourceSaysWhereToPutIt() {
        assertThatThrownBy(() -> ScenarioSource.resource("nope.yaml").load(LoaderOptions.DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("scenario resource nope.yaml not found on the class path (put it under src/test/resources/nope.yaml)");
    }

    @Test
    void everyErrorOfInlineYamlIsReportedAtItsLine() {
        assertThatThrownBy(() -> ScenarioSource.yaml("name: x\nseed: one\n").load(LoaderOptions.DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid scenario, nothing was run:\n")
                .hasMessageContaining("\ninline scenario:1:1: missing key 'duration' in scenario")
                .hasMessageEndingWith("\ninline scenario:2:7: seed must be a whole number, not the text 'one'");
    }

    @Test
    void neverIsNoDurationAndAboveEveryLimit() {
        Latency never = Latency.ofNanos(Long.MAX_VALUE);
        assertThat(never.isNever()).isTrue();
        assertThat(never.isAtMost(Duration.ofDays(365))).isFalse();
        assertThat(never).hasToString("never");
        assertThatThrownBy(never::duration).isInstanceOf(IllegalStateException.class).hasMessageContaining("isNever()");
        Latency measured = Latency.ofNanos(12_345_678);
        assertThat(measured.isNever()).isFalse();
        assertThat(measured.duration()).isEqualTo(Duration.ofNanos(12_345_678));
        assertThat(measured.isAtMost(Duration.ofMillis(13))).isTrue();
        assertThat(measured.isAtMost(Duration.ofMillis(12))).isFalse();
        assertThat(measured).hasToString("12.3 ms");
    }
}
