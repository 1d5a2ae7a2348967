package dev.livetalk.simulator;

import dev.livetalk.scenarios.Scenario;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SeedSweepTest {
    /** A lossy, duplicating downstream for 7 of 10 s (it ends before the load, so no tail message stays lost). */
    private static final Scenario LOSSY = Scenarios.parse("lossy", """
            name: lossy-duplicating
            seed: 1
            duration: 10s
            warmup: 1s
            quiesce: 3s
            users: {count: 10, prefix: user}
            rooms: [{name: lobby, members: all}]
            load: {rate: 2, arrival: poisson}
            faults:
              - {type: message-loss, probability: 0.03, direction: downstream, at: 1s, for: 7s}
              - {type: duplication, probability: 0.2, direction: downstream, at: 1s, for: 7s}
            """);
    private static final SeedRange SEEDS = new SeedRange(1, 24);

    @Test
    void shouldFindThePlantedBugAndReportSeedsThatReplayIt() {
        SweepReport report = new SeedSweep(SimSettings.DEFAULTS, 2).run(LOSSY, "lossy.yaml",
                List.of("gap-fill", DuplicateDuringFetchStrategy.NAME), SEEDS);

        assertThat(report.runs()).isEqualTo(48);
        assertThat(report.failuresOf("gap-fill")).isEmpty();
        List<SeedFailure> found = report.failuresOf(DuplicateDuringFetchStrategy.NAME);
        assertThat(found).isNotEmpty().hasSizeLessThan((int) SEEDS.count());
        SeedFailure first = found.get(0);
        assertThat(first.failed()).anySatisfy(check -> assertThat(check).startsWith("duplicates == 0: observed "));
        assertThat(first.repro()).isEqualTo("livetalk run lossy.yaml --network sim --seed " + first.seed()
                + " --strategies " + DuplicateDuringFetchStrategy.NAME);
        assertThat(report.summary()).contains("seed " + first.seed() + " " + DuplicateDuringFetchStrategy.NAME,
                first.repro());

        SimulationResult replay = SimulatedRunTest.play(LOSSY, DuplicateDuringFetchStrategy.NAME, first.seed());
        assertThat(replay.traceHash()).isEqualTo(first.traceHash());
        assertThat(SimulatedRunTest.figures(replay).duplicates()).isPositive();
    }

    @Test
    void shouldGiveTheSameReportOnOneThreadAsOnTwo() {
        SeedRange seeds = new SeedRange(3, 8);
        List<String> strategies = List.of(DuplicateDuringFetchStrategy.NAME, "event-only");

        SweepReport one = new SeedSweep(SimSettings.DEFAULTS.withSelfCheck(false), 1).run(LOSSY, "lossy.yaml", strategies, seeds);
        SweepReport two = new SeedSweep(SimSettings.DEFAULTS.withSelfCheck(false), 2).run(LOSSY, "lossy.yaml", strategies, seeds);

        assertThat(one).isEqualTo(two);
        assertThat(one.failuresOf("event-only")).isNotEmpty();
    }

    /**
     * A sweep keeps a bounded number of seeds in flight: a range of 2^63 - 2 seeds whose first run
     * fails ends with that failure (submitting every seed first grew the heap by gigabytes within
     * minutes and never reached the failure; the process then ignored Ctrl-C while it collected).
     */
    @Test
    void shouldKeepOnlyAFewSeedsInFlightAndStopAtTheFirstFailure() {
        SeedRange endless = new SeedRange(1, Long.MAX_VALUE - 1);
        SeedSweep sweep = new SeedSweep(SimSettings.DEFAULTS.withSelfCheck(false), 2);

        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofMinutes(2), () ->
                org.assertj.core.api.Assertions.assertThatThrownBy(
                                () -> sweep.run(LOSSY, "lossy.yaml", List.of("no-such-strategy"), endless))
                        .hasMessageContaining("no-such-strategy"));
    }

    @Test
    void shouldParseSeedRanges() {
        assertThat(SeedRange.parse("1..1000")).isEqualTo(new SeedRange(1, 1000));
        assertThat(SeedRange.parse("7").count()).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SeedRange.parse("9..3"))
                .hasMessage("a seed range must not be empty: 9..3");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SeedRange.parse("a..b"))
                .hasMessageContaining("seeds must be FIRST..LAST").hasMessageContaining("'a..b'");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SeedRange.parse("-9223372036854775808..9223372036854775807"))
                .hasMessage("a seed range holds at most 9223372036854775807 seeds: -9223372036854775808..9223372036854775807");
    }
}
