package dev.livetalk.bench.cli;

import dev.livetalk.metrics.gate.RunStop;
import dev.livetalk.metrics.results.Shard;
import dev.livetalk.metrics.results.ShardManifest;
import dev.livetalk.simulator.SeedRange;
import dev.livetalk.simulator.SweepReport;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code livetalk report} over the output folders of a {@code --seeds} sweep's shards: checks
 * that they are every shard of one sweep ({@link ShardManifest#checkComplete}), merges each
 * scenario's shards ({@link SweepReport#merge}: every failing seed once, with every strategy
 * that failed on it, in whichever shard) and writes and prints what the unsharded sweep would
 * have ({@link SweepResults}), with its exit code. The folder of a sweep stopped by a signal or
 * its heap ({@link RunStop#FILE}) is rendered as that sweep ended, with its code (130, 143, 4); it merges
 * with no other folder, as its scenarios hold fewer seeds than the others'.
 *
 * <p>Single-threaded: the command's thread.
 */
final class SweepMerge {
    private SweepMerge() {
    }

    /** Whether {@code inputs} are sweep output folders, all of them ({@code sweep.json}); exit 2 when only some are. */
    static boolean areSweeps(List<Path> inputs) {
        List<Path> sweeps = inputs.stream().filter(SweepResults::isSweep).toList();
        if (sweeps.isEmpty()) {
            return false;
        }
        if (sweeps.size() != inputs.size()) {
            List<Path> others = inputs.stream().filter(p -> !SweepResults.isSweep(p)).toList();
            throw new UsageException("a report merges either --seeds sweeps or runs, not both: " + others
                    + (others.size() == 1 ? " has" : " have") + " no " + SweepResults.JSON + ", " + sweeps
                    + (sweeps.size() == 1 ? " is a sweep" : " are sweeps"));
        }
        return true;
    }

    /**
     * Merges the sweep shards of {@code folders} into {@code out}: {@code sweep.md},
     * {@code sweep.json} and {@code shard.json} of the whole sweep; prints each scenario's
     * summary (unless {@code quiet}) and the ending to {@code human}, the JSON lines to
     * {@code jsonOut} when not {@code null}; returns the sweep's exit code.
     *
     * @throws UsageException when a folder is no sweep shard or the shards are not one whole sweep,
     *                        or a stopped sweep's folder is given with others
     */
    static int merge(List<Path> folders, Path out, PrintWriter human, PrintWriter jsonOut, boolean quiet)
            throws IOException {
        Optional<RunStop> stop = stop(folders);
        List<ShardManifest> manifests = new ArrayList<>();
        List<List<SweepReport>> shards = new ArrayList<>();
        for (Path folder : folders) {
            ShardManifest manifest;
            try {
                manifest = ShardManifest.read(folder).orElseThrow(() -> new UsageException(folder + " has "
                        + SweepResults.JSON + " but no " + ShardManifest.FILE + ": not a sweep's output folder"
                        + " (a sweep writes both)"));
                shards.add(SweepResults.read(folder));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            if (!manifest.kind().equals("sweep")) {
                throw new UsageException(folder.resolve(ShardManifest.FILE) + " is a shard of a " + manifest.kind()
                        + ", not of a --seeds sweep");
            }
            manifests.add(manifest);
        }
        try {
            ShardManifest.checkComplete(manifests, folders);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        List<SweepReport> merged = new ArrayList<>();
        int scenarios = shards.get(0).size();
        for (int i = 0; i < scenarios; i++) {
            List<SweepReport> parts = new ArrayList<>();
            for (int k = 0; k < shards.size(); k++) {
                if (shards.get(k).size() != scenarios) {
                    throw new UsageException(folders.get(k) + " swept " + shards.get(k).size() + " scenarios, "
                            + folders.get(0) + " " + scenarios + ": not shards of one sweep");
                }
                parts.add(shards.get(k).get(i));
            }
            try {
                merged.add(SweepReport.merge(parts));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        if (merged.isEmpty() && stop.isEmpty()) {
            throw new UsageException(folders.get(0).resolve(SweepResults.JSON) + " holds no scenario's sweep");
        }
        SeedRange seeds;
        try {
            seeds = SweepResults.seeds(folders.get(0));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Files.createDirectories(out);
        for (SweepReport sweep : merged) {
            if (!quiet) {
                human.println(sweep.summary());
            }
            if (jsonOut != null) {
                jsonOut.print(JsonLines.ofSweep(sweep));
            }
        }
        ShardManifest first = manifests.get(0);
        SweepResults.write(out, seeds, Shard.WHOLE, merged, stop);
        ShardManifest whole = new ShardManifest(ShardManifest.VERSION, "sweep", Shard.WHOLE.toString(), first.plan(),
                first.units(), first.units(), List.of());
        (first.withoutOrigins() ? whole : whole.withOrigins(first.origins())).write(out);
        ReportSubcommand.noteWithoutOrigins(manifests, folders, human);
        human.print(SweepResults.ending(merged, seeds, Shard.WHOLE, out, stop));
        human.flush();
        if (jsonOut != null) {
            jsonOut.flush();
        }
        return SweepResults.exitCode(merged, stop);
    }

    /**
     * Why the sweep of the one folder given stopped ({@link RunStop#FILE}), if it did.
     *
     * @throws UsageException when a stopped sweep's folder is given with others
     */
    private static Optional<RunStop> stop(List<Path> folders) {
        for (Path folder : folders) {
            Path file = folder.resolve(RunStop.FILE);
            if (!Files.isRegularFile(file)) {
                continue;
            }
            RunStop stop;
            try {
                stop = RunStop.read(file);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            if (folders.size() > 1) {
                throw new UsageException(folder + " holds a stopped sweep (" + RunStop.FILE + ": " + stop.sentence()
                        + "): its shard did not sweep all its seeds, so the shards cannot be merged; sweep it again"
                        + " into an empty folder, or report it alone");
            }
            return Optional.of(stop);
        }
        return Optional.empty();
    }
}
