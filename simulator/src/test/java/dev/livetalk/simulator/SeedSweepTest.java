package dev.livetalk.simulator;

import dev.livetalk.metrics.gate.Verdict;
import dev.livetalk.metrics.results.UnjudgedBudget;
import dev.livetalk.run.MemoryGuard;
import dev.livetalk.scenarios.Scenario;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SeedSweepTest {
    /** A lossy, duplicating downstream for 7 of 10 s (it ends before the load, so no tail message stays lost). */
    private static final String LOSSY_YAML = """
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
            """;
    private static final Scenario LOSSY = Scenarios.parse("lossy", LOSSY_YAML);
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
        assertThat(report.summary()).contains("  seed " + first.seed() + "\n    " + DuplicateDuringFetchStrategy.NAME
                + ": ", first.repro());

        SimulationResult replay = SimulatedRunTest.play(LOSSY, DuplicateDuringFetchStrategy.NAME, first.seed());
        assertThat(replay.traceHash()).isEqualTo(first.traceHash());
        assertThat(SimulatedRunTest.figures(replay).duplicates()).isPositive();
    }

    /** Each seed done is told in seed order, with the runs done of the sweep's and the failing ones so far. */
    @Test
    void shouldTellEachSeedDoneInOrder() {
        List<SweepProgress.Status> told = new ArrayList<>();
        SeedRange seeds = new SeedRange(3, 8);
        SweepReport report = new SeedSweep(SimSettings.DEFAULTS.withSelfCheck(false), 2).reportingTo(told::add)
                .run(LOSSY, "lossy.yaml", List.of(DuplicateDuringFetchStrategy.NAME, "event-only"), seeds);

        assertThat(told).extracting(SweepProgress.Status::seed).containsExactly(3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(told).extracting(SweepProgress.Status::played).containsExactly(2L, 4L, 6L, 8L, 10L, 12L);
        assertThat(told).allSatisfy(status -> assertThat(status.runs()).isEqualTo(12));
        assertThat(told.get(told.size() - 1).failing()).isEqualTo(report.failures().size()).isPositive();
        assertThat(told).extracting(SweepProgress.Status::failing).isSorted();
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
     * A sweep whose heap guard has tripped stops before its first seed, as on a signal, and says
     * why: the heap after the collection that tripped it. Nothing is left interrupted.
     */
    @Test
    void shouldStopWhenItsHeapGuardTrips() {
        MemoryGuard.HeapUse full = new MemoryGuard.HeapUse(11L << 30, 12L << 30);
        MemoryGuard guard = new MemoryGuard((share, exceeded) -> {
            exceeded.accept(full);
            return () -> { };
        }, MemoryGuard.DEFAULT_SHARE);
        for (SimSettings settings : List.of(SimSettings.DEFAULTS, SimSettings.DEFAULTS.withSelfCheck(false))) {
            SeedSweep sweep = new SeedSweep(settings, 2).guardedBy(guard);

            assertThatThrownBy(() -> sweep.run(LOSSY, "lossy.yaml", List.of("gap-fill"), SEEDS))
                    .isInstanceOfSatisfying(SweepInterrupted.class, stopped -> {
                        assertThat(stopped.heap()).contains(full);
                        assertThat(stopped.finished()).isEmpty();
                        assertThat(stopped).hasMessage("the seed sweep of scenario lossy-duplicating stopped: heap"
                                + " used 92% of max 12.0 GB");
                    });
            assertThat(Thread.interrupted()).as("self-check " + settings.selfCheck()).isFalse();
        }
    }

    /**
     * The guard trips as the last seed is done (the JVM's notification comes at any time): the sweep is
     * whole and returns, and leaves its caller's thread not interrupted, as the guard's listener left it
     * interrupted before (the caller's next wait, or an interruptible write, failed).
     */
    @Test
    void shouldLeaveNoInterruptWhenTheGuardTripsAfterTheLastSeed() {
        List<java.util.function.Consumer<MemoryGuard.HeapUse>> source = new ArrayList<>();
        MemoryGuard guard = new MemoryGuard((share, exceeded) -> {
            source.add(exceeded);
            return () -> { };
        }, MemoryGuard.DEFAULT_SHARE);
        SeedRange seeds = new SeedRange(3, 4);
        SweepReport report = new SeedSweep(SimSettings.DEFAULTS.withSelfCheck(false), 2).guardedBy(guard)
                .reportingTo(status -> {
                    if (status.played() == status.runs()) {
                        source.get(0).accept(new MemoryGuard.HeapUse(11L << 30, 12L << 30));
                    }
                }).run(LOSSY, "lossy.yaml", List.of("gap-fill"), seeds);

        assertThat(guard.tripped()).isPresent();
        assertThat(report.runs()).isEqualTo(2);
        assertThat(Thread.interrupted()).as("the caller's thread interrupted by the guard's listener").isFalse();
    }

    /**
     * A run of the sweep that runs out of heap stops the sweep as its guard would, rather than end
     * the process with an {@link OutOfMemoryError}: in the self-check (on the calling thread) and in a worker.
     */
    @Test
    void shouldStopWhenARunRunsOutOfHeap() {
        for (SimSettings settings : List.of(SimSettings.DEFAULTS, SimSettings.DEFAULTS.withSelfCheck(false))) {
            SeedSweep sweep = new SeedSweep(settings, 2);

            assertThatThrownBy(() -> sweep.run(LOSSY, "lossy.yaml", List.of(OutOfHeapStrategy.NAME), SEEDS))
                    .as("self-check " + settings.selfCheck())
                    .isInstanceOfSatisfying(SweepInterrupted.class, stopped -> {
                        assertThat(stopped.heap()).contains(SeedSweep.OUT_OF_HEAP);
                        assertThat(stopped.heap().orElseThrow().share()).isEqualTo(1.0);
                        assertThat(stopped.finished()).isEmpty();
                    });
        }
    }

    @Test
    void shouldTakeAWorkersOutOfMemoryErrorAsTheHeapRunningOut() {
        java.util.concurrent.CompletableFuture<List<SeedFailure>> died =
                java.util.concurrent.CompletableFuture.failedFuture(new OutOfMemoryError("Java heap space"));

        assertThatThrownBy(() -> SeedSweep.await(died)).isInstanceOf(SeedSweep.OutOfHeap.class)
                .hasMessage("a sweep run ran out of heap: Java heap space");
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

    /**
     * A shard's units, found by arithmetic, are exactly those of the contract (docs/SHARDING.md):
     * unit {@code firstUnit + i * S + j} (seed {@code first + i}, strategy {@code j}) is shard
     * {@code u mod N + 1}'s, checked against listing every unit, for ranges, strategy counts,
     * shard counts and offsets of scenarios before this one.
     */
    @Test
    void shouldPlayExactlyTheShardsUnitsOfTheContract() {
        List<String> strategies = List.of("a", "b", "c");
        for (int size = 1; size <= 3; size++) {
            List<String> played = strategies.subList(0, size);
            for (int count = 1; count <= 5; count++) {
                for (long firstUnit : new long[] {0, 1, 7}) {
                    SeedRange seeds = new SeedRange(10, 16);
                    long units = 0;
                    for (int index = 1; index <= count; index++) {
                        dev.livetalk.metrics.results.Shard shard = new dev.livetalk.metrics.results.Shard(index, count);
                        List<String> expected = new java.util.ArrayList<>();
                        for (long u = 0; u < SeedSweep.units(seeds, played); u++) {
                            if (shard.owns(firstUnit + u)) {
                                expected.add((seeds.first() + u / size) + played.get((int) (u % size)));
                            }
                        }
                        SeedSweep.Units found = new SeedSweep.Units(seeds, played, shard, firstUnit);
                        List<String> listed = new java.util.ArrayList<>();
                        for (SeedSweep.Units.Seed seed = found.next(); seed != null; seed = found.next()) {
                            for (String strategy : seed.strategies()) {
                                listed.add(seed.seed() + strategy);
                            }
                        }
                        assertThat(listed).as("shard %s of %d strategies from unit %d", shard, size, firstUnit)
                                .isEqualTo(expected);
                        assertThat(found.owned()).isEqualTo(expected.size());
                        units += found.owned();
                    }
                    assertThat(units).isEqualTo(7L * size);
                }
            }
        }
    }

    /** Three shards of a sweep merge into the sweep: the same failures, seed by seed, and runs. */
    @Test
    void shouldMergeShardsIntoTheWholeSweep() {
        SeedRange seeds = new SeedRange(3, 8);
        List<String> strategies = List.of(DuplicateDuringFetchStrategy.NAME, "event-only");
        SeedSweep sweep = new SeedSweep(SimSettings.DEFAULTS.withSelfCheck(false), 2);

        SweepReport whole = sweep.run(LOSSY, "lossy.yaml", strategies, seeds);
        List<SweepReport> shards = new java.util.ArrayList<>();
        for (int k = 3; k >= 1; k--) { // in any order
            shards.add(sweep.run(LOSSY, "lossy.yaml", strategies, seeds, new dev.livetalk.metrics.results.Shard(k, 3), 0));
        }

        assertThat(shards).extracting(SweepReport::runs).containsExactly(4L, 4L, 4L);
        assertThat(shards.get(0).summary()).contains("seeds 3..8, shard 3/3, 4 runs");
        assertThat(SweepReport.merge(shards)).isEqualTo(whole);
        assertThat(whole.bySeed()).extracting(SweepReport.FailedSeed::seed).doesNotHaveDuplicates()
                .isEqualTo(whole.failedSeeds());
        assertThat(whole.bySeed()).anySatisfy(failed -> {
            assertThat(failed.failures()).hasSize(2);
            assertThat(failed.repro()).endsWith("--seed " + failed.seed() + " --strategies "
                    + DuplicateDuringFetchStrategy.NAME + ",event-only");
        });
    }

    /**
     * The budgets no strategy of the sweep applies to are not judged, in every shard (the whole
     * sweep's, as a run's shards list them) and in the merge; a scenario none of whose budgets
     * applies judged nothing, whatever held.
     */
    @Test
    void shouldListTheBudgetsNoStrategySweptAppliesToAndWhetherNoneWasJudged() {
        Scenario budgeted = Scenarios.parse("lossy-budgeted", LOSSY_YAML + """
                budgets:
                  - lost <= 1000 for event-only
                  - duplicates == 0 for gap-fill
                """);
        SeedRange seeds = new SeedRange(3, 4);
        SeedSweep sweep = new SeedSweep(SimSettings.DEFAULTS.withSelfCheck(false), 1);

        SweepReport some = sweep.run(budgeted, "b.yaml", List.of("event-only"), seeds);
        assertThat(some.judged()).isEqualTo(1);
        assertThat(some.notJudged()).extracting(UnjudgedBudget::budget).containsExactly("duplicates == 0 for gap-fill");
        assertThat(some.judgedNothing()).isFalse();
        assertThat(some.notJudgedBudgets()).extracting(Verdict.NotJudged::line).containsExactly("lossy-duplicating (seeds"
                + " 3..4): budget `duplicates == 0 for gap-fill`: not judged: it is for gap-fill, which the run did not play");

        List<String> neither = List.of(DuplicateDuringFetchStrategy.NAME);
        SweepReport none = sweep.run(budgeted, "b.yaml", neither, seeds);
        assertThat(none.judged()).isZero();
        assertThat(none.notJudged()).hasSize(2);
        assertThat(none.judgedNothing()).isTrue();
        assertThat(none.summary()).contains("; 2 budgets not judged\n");
        SweepReport shard = sweep.run(budgeted, "b.yaml", neither, seeds, new dev.livetalk.metrics.results.Shard(2, 2), 0);
        assertThat(shard.notJudged()).isEqualTo(none.notJudged());
        assertThat(SweepReport.merge(List.of(shard, sweep.run(budgeted, "b.yaml", neither, seeds,
                new dev.livetalk.metrics.results.Shard(1, 2), 0)))).isEqualTo(none);
    }

    /**
     * A strategy no budget applies to is checked from its correctness figures alone: the same
     * broken invariants as through the whole measurement, which a budget on it asks for.
     */
    @Test
    void shouldFindTheSameInvariantsWithAndWithoutTheWholeMeasurement() {
        Scenario budgeted = Scenarios.parse("lossy-budgeted", LOSSY_YAML + """
                budgets:
                  - lost < 1000000 for event-only
                """);
        SeedSweep sweep = new SeedSweep(SimSettings.DEFAULTS.withSelfCheck(false), 1);
        int broken = 0;
        for (long seed = 3; seed <= 8; seed++) {
            List<SeedFailure> fast = sweep.check(LOSSY, "lossy.yaml", List.of("event-only"), seed);
            List<SeedFailure> whole = sweep.check(budgeted, "lossy.yaml", List.of("event-only"), seed);
            assertThat(fast).as("seed %d", seed).hasSameSizeAs(whole);
            for (int i = 0; i < fast.size(); i++) {
                assertThat(fast.get(i).invariants()).isEqualTo(whole.get(i).invariants());
                assertThat(fast.get(i).traceHash()).isEqualTo(whole.get(i).traceHash());
                broken += fast.get(i).invariants().size();
            }
        }
        assertThat(broken).as("invariants broken by event-only on seeds 3..8").isPositive();
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
