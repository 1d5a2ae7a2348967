package dev.livetalk.bench.cli;

import dev.livetalk.metrics.gate.RunStop;
import dev.livetalk.metrics.results.ShardManifest;

import java.io.IOException;
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
     * not stop (no marker), and for a scenario folder the stopped run did not play (one an earlier
     * run into the same folder left: the run's {@code shard.json} does not list it).
     *
     * @throws UsageException when the marker or the run's {@code shard.json} cannot be read
     */
    static Optional<StoppedRun> of(Path dir) {
        Optional<StoppedRun> own = at(dir);
        if (own.isPresent() || Files.isRegularFile(dir.resolve(ShardManifest.FILE))) {
            return own;
        }
        Path absolute = dir.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        if (parent == null || absolute.getFileName() == null) {
            return Optional.empty();
        }
        try {
            if (ShardManifest.notPlayed(parent).contains(absolute.getFileName().toString())) {
                return Optional.empty();
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new UsageException(parent.resolve(ShardManifest.FILE) + " cannot be read: " + e.getMessage());
        }
        return at(parent);
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
