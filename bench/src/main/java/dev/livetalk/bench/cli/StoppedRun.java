package dev.livetalk.bench.cli;

import dev.livetalk.metrics.gate.RunStop;
import dev.livetalk.metrics.results.ShardManifest;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A run that stopped before its end, as {@code livetalk explain} and {@code audit} find it in
 * the folder they were given: the {@link RunStop#FILE} marker of that folder, or, for one
 * scenario's folder of a run (no {@code shard.json} of its own), of the run's folder above it.
 * Its scenarios not in {@link RunStop#finished} wrote no {@code results.json}, and their ledgers
 * are those of the strategies that ended before the stop.
 *
 * <p>Immutable; any thread.
 *
 * @param folder the run's folder, which holds the marker
 * @param stop   what the marker says
 */
record StoppedRun(Path folder, RunStop stop) {

    /**
     * The stopped run {@code dir} is the folder of, or a scenario folder of; empty when it did
     * not stop (no marker).
     *
     * @throws UsageException when the marker cannot be read as one
     */
    static Optional<StoppedRun> of(Path dir) {
        Optional<StoppedRun> own = at(dir);
        if (own.isPresent() || Files.isRegularFile(dir.resolve(ShardManifest.FILE))) {
            return own;
        }
        Path parent = dir.getParent() != null ? dir.getParent() : dir.toAbsolutePath().normalize().getParent();
        return parent == null ? Optional.empty() : at(parent);
    }

    private static Optional<StoppedRun> at(Path folder) {
        Path file = folder.resolve(RunStop.FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new StoppedRun(folder, RunStop.read(file)));
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new UsageException(file + " cannot be read as a stopped run's marker: " + e.getMessage());
        }
    }

    /** The marker's path. */
    Path marker() {
        return folder.resolve(RunStop.FILE);
    }

    /** Whether {@code scenario} (a scenario folder's name) finished before the run stopped. */
    boolean finished(String scenario) {
        return stop.finished().contains(scenario);
    }

    /** What the marker says: {@code stopped.json: interrupted by SIGTERM during scenario x, strategy y; finished scenarios: none}. */
    String says() {
        return marker() + ": " + stop.sentence();
    }
}
