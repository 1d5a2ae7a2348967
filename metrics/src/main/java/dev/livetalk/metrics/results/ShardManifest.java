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
 * A whole run writes one too (shard {@code 1/1}, {@link #wholeRun}): it records the scenarios
 * the run played, so that a report or audit of the folder leaves out the scenario folders an
 * earlier run into it left ({@link #notPlayed}).
 *
 * <p>{@code plan} fingerprints the whole run's work, the same for every shard of one
 * invocation: SHA-256 over the lines of {@link #fingerprint} (per scenario its name, the
 * SHA-256 of its file, its network, its seed or seed range and its strategies, in the run's
 * order), then per strategy where it came from ({@link Origin}: built in, or the SHA-256 of the
 * plugin jar that provided it), so shards of different scenario files, seeds, strategy lists or
 * plugin jars are not merged.
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
 * @param origins  per strategy of the run, in the run's order, where it came from; {@code null}
 *                 (absent from the JSON) in a {@code shard.json} of an earlier livetalk, which did
 *                 not record it: unknown ({@link #withoutOrigins})
 */
public record ShardManifest(int version, String kind, String shard, String plan, long units, long owned,
                            List<Unit> work, @JsonInclude(JsonInclude.Include.NON_NULL) String host,
                            @JsonInclude(JsonInclude.Include.NON_NULL) String baseline,
                            @JsonInclude(JsonInclude.Include.NON_NULL) List<Origin> origins) {
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

    /**
     * Where a strategy of the run came from, as the plan's fingerprint takes it: built into
     * livetalk, on its class path, or from a plugin jar (its SHA-256: the same name from another
     * jar is another plan; the jar's file name does not count).
     *
     * @param strategy the strategy's name
     * @param from     {@link #BUILT_IN}, {@link #CLASS_PATH} or {@link #PLUGIN}
     * @param jar      the plugin jar's file name, {@code null} (absent) when not from a plugin
     * @param sha256   the hex SHA-256 of the plugin jar, {@code null} (absent) when not from a plugin
     */
    public record Origin(String strategy, String from, @JsonInclude(JsonInclude.Include.NON_NULL) String jar,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String sha256) {
        /** A strategy built into livetalk. */
        public static final String BUILT_IN = "built-in";
        /** A strategy on livetalk's class path that is not built in. */
        public static final String CLASS_PATH = "class-path";
        /** A strategy of a plugin jar ({@code --plugins}, {@code LIVETALK_PLUGINS}, the plugins folder). */
        public static final String PLUGIN = "plugin";

        public Origin {
            java.util.Objects.requireNonNull(strategy, "strategy");
            java.util.Objects.requireNonNull(from, "from");
        }

        /** The strategy of a plugin jar {@code jar} whose bytes hash to {@code sha256}. */
        public static Origin plugin(String strategy, String jar, String sha256) {
            return new Origin(strategy, PLUGIN, jar, sha256);
        }

        /** Its line of the plan's fingerprint: the name and where it came from, not the jar's file name. */
        String planLine() {
            return "strategy " + strategy + " from " + from + (sha256 == null ? "" : " sha256 " + sha256);
        }

        /** Where it came from, in words: {@code built in}, {@code the plugin jar x.jar (sha256:1a2b3c4d5e6f)}. */
        public String text() {
            return switch (from) {
                case BUILT_IN -> "built in";
                case CLASS_PATH -> "livetalk's class path";
                default -> "the plugin jar " + jar + " (sha256:" + (sha256 == null ? "?"
                        : sha256.substring(0, Math.min(12, sha256.length()))) + ")";
            };
        }
    }

    public ShardManifest {
        work = work == null ? List.of() : List.copyOf(work);
        if (!kind.equals("run") && !kind.equals("sweep")) {
            throw new IllegalArgumentException("a shard's kind is run or sweep: " + kind);
        }
        Shard.parse(shard);
    }

    /** A manifest whose host, baseline and strategies' origins are not recorded. */
    public ShardManifest(int version, String kind, String shard, String plan, long units, long owned, List<Unit> work) {
        this(version, kind, shard, plan, units, owned, work, null, null, null);
    }

    /** A manifest whose strategies' origins are not recorded. */
    public ShardManifest(int version, String kind, String shard, String plan, long units, long owned, List<Unit> work,
                         String host, String baseline) {
        this(version, kind, shard, plan, units, owned, work, host, baseline, null);
    }

    /** The same manifest, recording that the shard ran on {@code name}. */
    public ShardManifest onHost(String name) {
        return new ShardManifest(version, kind, shard, plan, units, owned, work, name, baseline, origins);
    }

    /** The same manifest, recording where its strategies came from (those its plan was fingerprinted with). */
    public ShardManifest withOrigins(List<Origin> strategies) {
        return new ShardManifest(version, kind, shard, plan, units, owned, work, host, baseline, List.copyOf(strategies));
    }

    /**
     * Whether this {@code shard.json} does not record where its strategies came from (one of an
     * earlier livetalk): its plan's fingerprint does not cover the plugin jars.
     */
    @JsonIgnore
    public boolean withoutOrigins() {
        return origins == null;
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

    /**
     * Whether this is the {@code shard.json} of a whole run (kind {@code run}, shard {@code 1/1}):
     * it records which scenarios the run played ({@link #scenarios}), not a part of a run to
     * merge with others; its folder is reported as a run's.
     */
    @JsonIgnore
    public boolean wholeRun() {
        return kind.equals("run") && part().whole();
    }

    /** The scenarios of this manifest's work, in its order, each once: the scenario folders its run wrote. */
    @JsonIgnore
    public java.util.Set<String> scenarios() {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        work.forEach(u -> names.add(u.scenario()));
        return names;
    }

    /**
     * The scenario folders of {@code folder} (sub-folders holding a {@code results.json}) that
     * the run whose {@code shard.json} it holds did not play: left there by an earlier run into
     * the same {@code --out}, they are no part of this run, and {@code livetalk report} and
     * {@code livetalk audit} leave them out. Sorted by name; empty when {@code folder} holds no
     * {@code shard.json} of a run (an earlier livetalk's run, whose every scenario folder is read)
     * or no such folder.
     *
     * @throws IllegalArgumentException when its {@code shard.json} cannot be read
     */
    public static List<String> notPlayed(Path folder) throws IOException {
        Optional<ShardManifest> manifest = read(folder);
        if (manifest.isEmpty() || !manifest.get().kind().equals("run")) {
            return List.of();
        }
        java.util.Set<String> played = manifest.get().scenarios();
        try (java.util.stream.Stream<Path> children = Files.list(folder)) {
            return children.filter(c -> Files.isRegularFile(c.resolve("results.json")))
                    .map(c -> c.getFileName().toString()).filter(name -> !played.contains(name)).sorted().toList();
        }
    }

    /**
     * The one line that says which scenario folders of {@code folder} were left out
     * ({@link #notPlayed}) and why; empty when none were.
     */
    public static Optional<String> notPlayedNote(Path folder) throws IOException {
        List<String> left = notPlayed(folder);
        if (left.isEmpty()) {
            return Optional.empty();
        }
        java.util.Set<String> played = read(folder).orElseThrow().scenarios();
        return Optional.of("note: left out " + String.join(", ", left.stream().map(n -> folder.resolve(n).toString())
                .toList()) + ": not played by the run into " + folder + " (its " + FILE + " lists "
                + (played.isEmpty() ? "no scenario" : String.join(", ", played)) + "); an earlier run into that folder"
                + " left " + (left.size() == 1 ? "it" : "them"));
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

    /**
     * The fingerprint of a plan described by {@code lines} (per scenario) and {@code origins} (per
     * strategy, where it came from): shards whose strategies of one name came from different
     * plugin jars are of different plans.
     */
    public static String fingerprint(List<String> lines, List<Origin> origins) {
        List<String> all = new ArrayList<>(lines);
        origins.forEach(o -> all.add(o.planLine()));
        return fingerprint(all);
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
     * Why two shards' plans differ, as far as their {@code shard.json} tell: a strategy of one name
     * from different jars, a {@code shard.json} that does not record where its strategies came
     * from, or else other scenario files, seeds or strategies.
     */
    private static String whyPlansDiffer(ShardManifest a, Path aFolder, ShardManifest b, Path bFolder) {
        if (a.withoutOrigins() != b.withoutOrigins()) {
            Path old = a.withoutOrigins() ? aFolder : bFolder;
            return old.resolve(FILE) + " does not record where its strategies came from (written by an earlier"
                    + " livetalk, whose plans did not cover the plugin jars): play every shard with one livetalk";
        }
        List<String> differ = new ArrayList<>();
        if (!a.withoutOrigins()) {
            java.util.Map<String, Origin> theirs = new java.util.HashMap<>();
            b.origins().forEach(o -> theirs.put(o.strategy(), o));
            for (Origin mine : a.origins()) {
                Origin other = theirs.get(mine.strategy());
                if (other != null && !(mine.from().equals(other.from())
                        && java.util.Objects.equals(mine.sha256(), other.sha256()))) {
                    differ.add("strategy " + mine.strategy() + " came from " + mine.text() + " in " + aFolder
                            + " but from " + other.text() + " in " + bFolder);
                }
            }
        }
        return differ.isEmpty() ? "other scenario files, seeds or strategies"
                : "the strategy's jars differ: " + String.join("; ", differ) + "; play every shard with the same"
                        + " plugin jars";
    }

    /**
     * The folders of {@code manifests} whose {@code shard.json} does not record where the
     * strategies came from (written by an earlier livetalk): a merge of them cannot tell whether
     * a strategy's plugin jar differed between shards. Empty when every one records it.
     */
    public static List<Path> withoutOrigins(List<ShardManifest> manifests, List<Path> folders) {
        List<Path> old = new ArrayList<>();
        for (int i = 0; i < manifests.size(); i++) {
            if (manifests.get(i).withoutOrigins()) {
                old.add(folders.get(i));
            }
        }
        return old;
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
                        + " (shard " + first.shard() + "): their plans differ (" + whyPlansDiffer(first, folders.get(0),
                        m, folder) + ")");
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
