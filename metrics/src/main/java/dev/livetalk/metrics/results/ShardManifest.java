package dev.livetalk.metrics.results;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code shard.json}: what one shard of a run was ({@code --shard K/N}), written at the root of
 * its output folder, also when the shard had no work. {@code livetalk report} reads it to refuse
 * a merge that would judge part of the work as if it were the whole ({@link #checkComplete}).
 *
 * <p>{@code plan} fingerprints the whole run's work, the same for every shard of one
 * invocation: SHA-256 over the lines of {@link #fingerprint} (per scenario its name, the
 * SHA-256 of its file, its network, its seed or seed range and its strategies, in the run's
 * order), so shards of different scenario files, seeds or strategy lists are not merged.
 *
 * <p>Immutable; any thread.
 *
 * @param version  the format's version, {@link #VERSION}
 * @param kind     {@code run} or {@code sweep}
 * @param shard    which shard, {@code K/N}
 * @param plan     the fingerprint of the whole run's work ({@code sha256:} and 64 hex digits)
 * @param units    how many work units the whole run has
 * @param owned    how many of them this shard played
 * @param work     for {@code run}, this shard's units in order (for a sweep, empty: it has too many)
 * @param host     the name of the machine the shard ran on, for the merged report's environment;
 *                 {@code null} (absent from the JSON) when not recorded
 * @param baseline the {@code --baseline} the shard was played against, as given; {@code null}
 *                 (absent from the JSON) when none: a merge of shards that were needs one too
 *                 ({@link #checkBaseline})
 */
public record ShardManifest(int version, String kind, String shard, String plan, long units, long owned,
                            List<Unit> work, @JsonInclude(JsonInclude.Include.NON_NULL) String host,
                            @JsonInclude(JsonInclude.Include.NON_NULL) String baseline) {
    /** The file's name at the root of a shard's output folder. */
    public static final String FILE = "shard.json";

    /** The format's version. */
    public static final int VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * One unit of work: a scenario played with one strategy on one seed.
     *
     * @param scenario the scenario's name
     * @param strategy the strategy's name
     * @param seed     the seed
     */
    public record Unit(String scenario, String strategy, long seed) {
    }

    public ShardManifest {
        work = work == null ? List.of() : List.copyOf(work);
        if (!kind.equals("run") && !kind.equals("sweep")) {
            throw new IllegalArgumentException("a shard's kind is run or sweep: " + kind);
        }
        Shard.parse(shard);
    }

    /** A manifest whose host is not recorded. */
    public ShardManifest(int version, String kind, String shard, String plan, long units, long owned, List<Unit> work) {
        this(version, kind, shard, plan, units, owned, work, null, null);
    }

    /** The same manifest, recording that the shard ran on {@code name}. */
    public ShardManifest onHost(String name) {
        return new ShardManifest(version, kind, shard, plan, units, owned, work, name, baseline);
    }

    /**
     * The name of this machine as {@code shard.json} records it: the local host name, else
     * {@code $HOSTNAME}, else {@code unknown}.
     */
    public static String thisHost() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException | SecurityException e) {
            String env = System.getenv("HOSTNAME");
            return env == null || env.isBlank() ? "unknown" : env;
        }
    }

    /**
     * The run-order number of this shard's {@code i}-th unit of work ({@code i} from 0): the
     * inverse of {@link Shard#owns}, with which the work of all shards is put back into the order
     * of the whole run.
     */
    public long unitNumber(int i) {
        Shard part = part();
        return (part.index() - 1) + (long) i * part.count();
    }

    /** The shard as a {@link Shard}. */
    @JsonIgnore
    public Shard part() {
        return Shard.parse(shard);
    }

    /** The fingerprint of a plan described by {@code lines}: {@code sha256:} and the hex digest of the lines, each ended by a line end. */
    public static String fingerprint(List<String> lines) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String line : lines) {
                digest.update((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return "sha256:" + HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The SHA-256 of a file's bytes, in hex: how a plan names a scenario file's content. */
    public static String sha256Of(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Writes {@code shard.json} into {@code folder}. */
    public void write(Path folder) throws IOException {
        try {
            Files.writeString(folder.resolve(FILE), MAPPER.writeValueAsString(this) + "\n", StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a shard manifest always serialises", e);
        }
    }

    /**
     * The {@code shard.json} of {@code folder}, if it has one.
     *
     * @throws IllegalArgumentException when the file is there but is not a shard manifest of this version
     */
    public static Optional<ShardManifest> read(Path folder) throws IOException {
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        ShardManifest manifest;
        try {
            manifest = MAPPER.readValue(Files.readString(file), ShardManifest.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " is not a shard manifest: " + e.getMessage(), e);
        }
        if (manifest.version() != VERSION) {
            throw new IllegalArgumentException(file + " is of version " + manifest.version() + ", this tool reads "
                    + VERSION);
        }
        return Optional.of(manifest);
    }

    /**
     * Checks that a merge without {@code --baseline} ({@code mergeHasBaseline} false) is not given
     * shards that were played against one: each shard judged its regressions, and a merge
     * without a baseline would drop them and pass where the unsharded run fails.
     *
     * @throws IllegalArgumentException naming the first such shard's folder and its baseline
     */
    public static void checkBaseline(List<ShardManifest> manifests, List<Path> folders, boolean mergeHasBaseline) {
        if (mergeHasBaseline) {
            return;
        }
        for (int i = 0; i < manifests.size(); i++) {
            ShardManifest m = manifests.get(i);
            if (m.baseline() != null) {
                throw new IllegalArgumentException(folders.get(i) + " (shard " + m.shard() + ") was played with"
                        + " --baseline " + m.baseline() + ": give the merge --baseline too (that earlier run's"
                        + " folder or results.json), since the whole run's regressions are judged there; without"
                        + " it they would be dropped");
            }
        }
    }

    /**
     * Checks that {@code manifests} (with the folders they came from, in the same order) are the
     * whole of one run: one plan, one count N, each index 1..N exactly once.
     *
     * @throws IllegalArgumentException naming what is missing, doubled or different, and where
     */
    public static void checkComplete(List<ShardManifest> manifests, List<Path> folders) {
        if (manifests.isEmpty()) {
            return;
        }
        ShardManifest first = manifests.get(0);
        List<String> problems = new ArrayList<>();
        TreeMap<Integer, Path> seen = new TreeMap<>();
        for (int i = 0; i < manifests.size(); i++) {
            ShardManifest m = manifests.get(i);
            Path folder = folders.get(i);
            if (!m.kind().equals(first.kind())) {
                problems.add(folder + " is a shard of a " + m.kind() + ", " + folders.get(0) + " of a " + first.kind());
            } else if (!m.plan().equals(first.plan())) {
                problems.add(folder + " (shard " + m.shard() + ") is of another run than " + folders.get(0)
                        + " (shard " + first.shard() + "): their plans differ (other scenario files, seeds or strategies)");
            } else if (m.part().count() != first.part().count()) {
                problems.add(folder + " is shard " + m.shard() + ", " + folders.get(0) + " shard " + first.shard()
                        + ": one run is split into one number of shards");
            } else {
                Path earlier = seen.putIfAbsent(m.part().index(), folder);
                if (earlier != null) {
                    problems.add("shard " + m.shard() + " is given twice: " + earlier + " and " + folder);
                }
            }
        }
        if (problems.isEmpty()) {
            int count = first.part().count();
            List<String> missing = new ArrayList<>();
            for (int k = 1; k <= count; k++) {
                if (!seen.containsKey(k)) {
                    missing.add(k + "/" + count);
                }
            }
            if (!missing.isEmpty()) {
                problems.add("shard" + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing)
                        + (missing.size() == 1 ? " is" : " are") + " missing: a merge judges the whole run, so give"
                        + " every shard's folder (" + seen.size() + " of " + count + " given)");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }
}
