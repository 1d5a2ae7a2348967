package dev.livetalk.bench.cli;

import dev.livetalk.metrics.results.Shard;
import dev.livetalk.simulator.SeedFailure;
import dev.livetalk.simulator.SeedRange;
import dev.livetalk.simulator.SweepReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What a large sweep writes and prints: counts grouped by thousands for readers, plain numbers in sweep.json. */
class SweepResultsTest {
    @Test
    void countsGroupThousandsInTheConsoleAndSweepMdButNotInSweepJson(@TempDir Path dir) throws IOException {
        SeedRange seeds = new SeedRange(1, 100_000);
        List<SeedFailure> failures = new ArrayList<>();
        for (long seed = 1; seed <= 1_500; seed++) {
            failures.add(new SeedFailure(seed, "gap-fill", List.of(), List.of("lost == 0: observed 1"), "h" + seed,
                    "livetalk run s.yaml --network sim --seed " + seed + " --strategies gap-fill"));
        }
        List<SweepReport> sweeps = List.of(new SweepReport("s", "s.yaml", seeds, List.of("gap-fill", "reconcile"),
                Shard.WHOLE, 200_000, failures));

        SweepResults.write(dir, seeds, Shard.WHOLE, sweeps, Optional.empty());

        assertThat(dir.resolve(SweepResults.MARKDOWN)).content().contains("s: seeds 1..100000, 200,000 runs, 0 seeds"
                + " failed a budget, 1,500 failed a budget or broke an invariant");
        assertThat(dir.resolve(SweepResults.JSON)).content().contains("\"runs\" : 200000", "\"seeds\" : \"1..100000\"")
                .doesNotContain("200,000");
        assertThat(SweepResults.ending(sweeps, seeds, Shard.WHOLE, dir, Optional.empty())).contains("verdict: PASS (every budget holds"
                + " for every seed: 200,000 simulated runs, 100,000 seeds of 1 scenario)");
    }
}
