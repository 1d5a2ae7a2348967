package dev.livetalk.metrics.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code shards.json}: the shards a run's report was merged from ({@code livetalk report} over
 * the folders of {@code run --shard K/N}), written at the root of the merged report's folder. A
 * merge copies neither {@code results.json} nor ledgers: they stay in the shard folders, and
 * {@code livetalk audit} and {@code explain} of a merged folder name, from this file, the shard
 * folders to give them instead.
 *
 * <p>Immutable; any thread.
 *
 * @param version the format's version, {@link #VERSION}
 * @param plan    the run's plan ({@link ShardManifest#plan})
 * @param shards  every shard, in the order of their index
 */
public record MergedShards(int version, String plan, List<Part> shards) {
    /** The file's name at the root of a merged report's folder. */
    public static final String FILE = "shards.json";

    /** The format's version. */
    public static final int VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * One shard of the merge.
     *
     * @param shard  which shard, {@code K/N}
     * @param folder its folder, relative to the merged report's folder ({@code /}-separated;
     *               absolute when it has no relative path from there)
     * @param work   its units, as its {@code shard.json} lists them
     */
    public record Part(String shard, String folder, List<ShardManifest.Unit> work) {
        public Part {
            work = work == null ? List.of() : List.copyOf(work);
        }
    }

    public MergedShards {
        shards = shards == null ? List.of() : List.copyOf(shards);
    }

    /**
     * The record of a merge into {@code outDir} of the shards of {@code manifests}, played into
     * {@code folders} (same order), the shards in the order of their index.
     */
    public static MergedShards of(List<ShardManifest> manifests, List<Path> folders, Path outDir) {
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < manifests.size(); i++) {
            ShardManifest m = manifests.get(i);
            parts.add(new Part(m.shard(), relative(outDir, folders.get(i)), m.work()));
        }
        parts.sort(java.util.Comparator.comparingInt(p -> Shard.parse(p.shard()).index()));
        return new MergedShards(VERSION, manifests.isEmpty() ? null : manifests.get(0).plan(), parts);
    }

    /**
     * {@code target} as seen from the folder {@code from}: relative ({@code ../shards/1}, with
     * {@code /}) when there is a relative path, else absolute; both taken absolute and normalised.
     */
    public static String relative(Path from, Path target) {
        Path a = from.toAbsolutePath().normalize();
        Path b = target.toAbsolutePath().normalize();
        try {
            String rel = a.relativize(b).toString().replace(java.io.File.separatorChar, '/');
            return rel.isEmpty() ? "." : rel;
        } catch (IllegalArgumentException e) { // another root: no relative path
            return b.toString();
        }
    }

    /** The folder of {@code part} as a path from where {@code mergedFolder} is given (as it was given). */
    public static Path folderOf(Path mergedFolder, Part part) {
        Path folder = Path.of(part.folder());
        return folder.isAbsolute() ? folder : mergedFolder.resolve(folder).normalize();
    }

    /** The scenarios of the merged run, in the run's order of the shards' work. */
    public Set<String> scenarios() {
        Set<String> names = new LinkedHashSet<>();
        shards.forEach(p -> p.work().forEach(u -> names.add(u.scenario())));
        return names;
    }

    /** The strategies of the merged run. */
    public Set<String> strategies() {
        Set<String> names = new LinkedHashSet<>();
        shards.forEach(p -> p.work().forEach(u -> names.add(u.strategy())));
        return names;
    }

    /** Writes {@code shards.json} into {@code folder}. */
    public void write(Path folder) throws IOException {
        try {
            Files.writeString(folder.resolve(FILE), MAPPER.writeValueAsString(this) + "\n", StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a merge's record always serialises", e);
        }
    }

    /**
     * The {@code shards.json} of {@code folder}, if it has one.
     *
     * @throws IllegalArgumentException when the file is there but is not one of this version
     */
    public static Optional<MergedShards> read(Path folder) throws IOException {
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        MergedShards merged;
        try {
            merged = MAPPER.readValue(Files.readString(file), MergedShards.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " is not the record of a merge of shards: " + e.getMessage(), e);
        }
        if (merged.version() != VERSION) {
            throw new IllegalArgumentException(file + " is of version " + merged.version() + ", this tool reads "
                    + VERSION);
        }
        return Optional.of(merged);
    }
}
