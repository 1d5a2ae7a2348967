package dev.livetalk.bench.cli;

import dev.livetalk.metrics.results.MergedShards;
import dev.livetalk.metrics.results.ShardManifest;
import dev.livetalk.scenarios.ClosestName;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Why a folder given to {@code livetalk audit} or {@code explain} holds no {@code results.json}
 * nor ledger although it is a run's: it is the report merged from a sharded run's shards
 * ({@link MergedShards}, docs/SHARDING.md), whose results and ledgers stay in the shard folders,
 * or a {@code --seeds} sweep's folder, which keeps only its failures. The message names the
 * shard folders holding what was asked for, with the command to run instead.
 *
 * <p>Stateless; any thread.
 */
final class LedgerElsewhere {
    private LedgerElsewhere() {
    }

    /**
     * What to say when {@code dir} has no results or ledger for {@code command} ({@code audit}:
     * {@code id}, {@code scenario} and {@code strategy} null; {@code explain}: the message id and
     * the narrowing options as given): empty when {@code dir} is neither a merged report's nor a
     * sweep's folder.
     */
    static Optional<UsageException> of(Path dir, String command, String id, String scenario, String strategy) {
        if (Files.isRegularFile(dir.resolve(SweepResults.JSON))) {
            return Optional.of(new UsageException(dir + " is the folder of a --seeds sweep, which keeps no results.json"
                    + " nor ledger (only its failures: " + SweepResults.JSON + "); replay a failing seed with its"
                    + " repro: command (" + dir.resolve(SweepResults.MARKDOWN) + ") and " + command
                    + " that run's folder"));
        }
        MergedShards merged;
        try {
            Optional<MergedShards> read = MergedShards.read(dir);
            if (read.isEmpty()) {
                return Optional.empty();
            }
            merged = read.get();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
        String what = command.equals("audit") ? "results.json nor ledger" : "ledger";
        String head = dir + " is the report merged from " + merged.shards().size() + " shards (" + MergedShards.FILE
                + "): a merge copies no " + what + ", they stay in the shard folders";
        check(dir, "scenario", "scenarios", scenario, merged.scenarios());
        check(dir, "strategy", "strategies", strategy, merged.strategies());
        List<MergedShards.Part> holding = new ArrayList<>();
        for (MergedShards.Part part : merged.shards()) {
            if (part.work().stream().anyMatch(u -> (scenario == null || u.scenario().equals(scenario))
                    && (strategy == null || u.strategy().equals(strategy)))) {
                holding.add(part);
            }
        }
        String asked = scenario == null && strategy == null ? null
                : scenario == null ? "strategy " + strategy
                : strategy == null ? "scenario " + scenario : scenario + " / " + strategy;
        if (holding.isEmpty()) {
            return Optional.of(new UsageException(head + "; no shard played " + (asked == null ? "anything" : asked)
                    + " (the run played " + merged.scenarios().size() + " scenarios with "
                    + String.join(", ", merged.strategies()) + ", not every one with every strategy)"));
        }
        String shards = holding.size() == 1 ? "shard " + holding.get(0).shard()
                : "shards " + String.join(", ", holding.stream().map(MergedShards.Part::shard).toList());
        StringBuilder text = new StringBuilder(head).append("; ")
                .append(asked == null ? "each shard's folder holds its part of the run (" + shards + ")"
                        : asked + " was played by " + shards)
                .append(holding.size() == 1 ? "; run:" : "; run, for each:");
        for (MergedShards.Part part : holding) {
            text.append("\n  livetalk ").append(command).append(' ').append(folder(dir, part));
            if (id != null) {
                text.append(' ').append(id);
            }
            if (scenario != null) {
                text.append(" --scenario ").append(scenario);
            }
            if (strategy != null) {
                text.append(" --strategy ").append(strategy);
            }
            if (!Files.isRegularFile(MergedShards.folderOf(dir, part).resolve(ShardManifest.FILE))) {
                text.append("   (no shard there now: the merge recorded it at ").append(part.folder()).append(" from ")
                        .append(dir).append("; keep the shard folders beside the report as they were)");
            }
        }
        return Optional.of(new UsageException(text.toString()));
    }

    private static String folder(Path dir, MergedShards.Part part) {
        return MergedShards.folderOf(dir, part).toString();
    }

    private static void check(Path dir, String what, String whats, String wanted, Set<String> known) {
        if (wanted != null && !known.contains(wanted)) {
            throw new UsageException("no " + what + " '" + wanted + "' in the run merged into " + dir
                    + ClosestName.hint(wanted, known) + " (" + whats + ": " + String.join(", ", known) + ")");
        }
    }
}
