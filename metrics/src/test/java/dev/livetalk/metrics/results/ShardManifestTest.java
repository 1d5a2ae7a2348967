package dev.livetalk.metrics.results;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardManifestTest {
    private static final String PLAN = ShardManifest.fingerprint(List.of("outage abc sim 1 reconcile,event-only"));

    private static ShardManifest shard(String k, String plan) {
        return new ShardManifest(ShardManifest.VERSION, "run", k, plan, 2, 1,
                List.of(new ShardManifest.Unit("outage", "reconcile", 1)));
    }

    @Test
    void writesAndReadsBack(@TempDir Path dir) throws IOException {
        ShardManifest written = shard("2/2", PLAN);
        written.write(dir);
        assertThat(ShardManifest.read(dir)).contains(written);
        assertThat(ShardManifest.read(dir.resolve("nothing-here"))).isEmpty();
    }

    @Test
    void refusesAFileThatIsNotAManifest(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(ShardManifest.FILE), "{\"version\": 7, \"kind\": \"run\", \"shard\": \"1/1\"}");
        assertThatThrownBy(() -> ShardManifest.read(dir)).hasMessageContaining("version 7");
        Files.writeString(dir.resolve(ShardManifest.FILE), "[1, 2]");
        assertThatThrownBy(() -> ShardManifest.read(dir)).hasMessageContaining("is not a shard manifest");
    }

    @Test
    void fingerprintsDependOnEveryLine() {
        assertThat(PLAN).startsWith("sha256:").hasSize(7 + 64);
        assertThat(ShardManifest.fingerprint(List.of("a", "b"))).isNotEqualTo(ShardManifest.fingerprint(List.of("ab")));
    }

    @Test
    void acceptsEveryShardOnceInAnyOrder() {
        ShardManifest.checkComplete(List.of(shard("2/2", PLAN), shard("1/2", PLAN)), List.of(Path.of("b"), Path.of("a")));
    }

    @Test
    void namesAMissingShard() {
        assertThatThrownBy(() -> ShardManifest.checkComplete(List.of(shard("1/3", PLAN), shard("3/3", PLAN)),
                List.of(Path.of("a"), Path.of("c"))))
                .hasMessageContaining("shard 2/3 is missing").hasMessageContaining("2 of 3 given");
    }

    @Test
    void namesADoubledShardAndAnotherPlan() {
        assertThatThrownBy(() -> ShardManifest.checkComplete(List.of(shard("1/2", PLAN), shard("1/2", PLAN)),
                List.of(Path.of("a"), Path.of("b")))).hasMessageContaining("shard 1/2 is given twice: a and b");
        String other = ShardManifest.fingerprint(List.of("something else"));
        assertThatThrownBy(() -> ShardManifest.checkComplete(List.of(shard("1/2", PLAN), shard("2/2", other)),
                List.of(Path.of("a"), Path.of("b")))).hasMessageContaining("b (shard 2/2) is of another run than a");
    }

    private static final List<ShardManifest.Origin> BUILT_IN = List.of(
            new ShardManifest.Origin("reconcile", ShardManifest.Origin.BUILT_IN, null, null));

    private static ShardManifest shard(String k, List<ShardManifest.Origin> origins) {
        return shard(k, ShardManifest.fingerprint(List.of("outage abc sim 1 reconcile,mine"), origins))
                .withOrigins(origins);
    }

    private static List<ShardManifest.Origin> mine(String jar, String sha256) {
        return List.of(BUILT_IN.get(0), ShardManifest.Origin.plugin("mine", jar, sha256));
    }

    @Test
    void aStrategysOriginIsPartOfThePlan() {
        String a = ShardManifest.fingerprint(List.of("x"), mine("mine.jar", "aa".repeat(32)));
        assertThat(ShardManifest.fingerprint(List.of("x"), mine("mine.jar", "bb".repeat(32)))).isNotEqualTo(a);
        assertThat(ShardManifest.fingerprint(List.of("x"), mine("renamed.jar", "aa".repeat(32))))
                .as("the jar's file name is no part of the plan").isEqualTo(a);
        assertThat(ShardManifest.fingerprint(List.of("x"), BUILT_IN)).isNotEqualTo(ShardManifest.fingerprint(List.of("x")));
    }

    @Test
    void shardsWhoseStrategysJarsDifferAreOfAnotherPlanSayingWhich() {
        ShardManifest one = shard("1/2", mine("mine.jar", "aa".repeat(32)));
        ShardManifest two = shard("2/2", mine("mine-2.jar", "bb".repeat(32)));
        assertThatThrownBy(() -> ShardManifest.checkComplete(List.of(one, two), List.of(Path.of("a"), Path.of("b"))))
                .hasMessageContaining("b (shard 2/2) is of another run than a")
                .hasMessageContaining("the strategy's jars differ: strategy mine came from the plugin jar mine.jar"
                        + " (sha256:aaaaaaaaaaaa) in a but from the plugin jar mine-2.jar (sha256:bbbbbbbbbbbb) in b")
                .hasMessageNotContaining("reconcile came");
        ShardManifest.checkComplete(List.of(one, shard("2/2", mine("copy.jar", "aa".repeat(32)))),
                List.of(Path.of("a"), Path.of("b")));
    }

    @Test
    void writesAndReadsOrigins(@TempDir Path dir) throws IOException {
        ShardManifest written = shard("1/2", mine("mine.jar", "aa".repeat(32)));
        written.write(dir);
        assertThat(ShardManifest.read(dir)).contains(written);
        assertThat(dir.resolve(ShardManifest.FILE)).content().contains("\"from\" : \"built-in\"",
                "\"from\" : \"plugin\"", "\"jar\" : \"mine.jar\"");
    }

    /** A shard.json of an earlier livetalk has no origins: read as unknown, and named when merged with a newer one. */
    @Test
    void anEarlierShardJsonIsReadWithoutOrigins(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(ShardManifest.FILE), """
                {"version": 1, "kind": "run", "shard": "1/2", "plan": "%s", "units": 2, "owned": 1,
                 "work": [{"scenario": "outage", "strategy": "reconcile", "seed": 1}], "host": "ci"}
                """.formatted(PLAN));
        ShardManifest old = ShardManifest.read(dir).orElseThrow();
        assertThat(old.withoutOrigins()).isTrue();
        assertThat(ShardManifest.withoutOrigins(List.of(old, shard("2/2", BUILT_IN)), List.of(dir, Path.of("b"))))
                .containsExactly(dir);
        ShardManifest.checkComplete(List.of(old, shard("2/2", PLAN)), List.of(dir, Path.of("b")));
        assertThatThrownBy(() -> ShardManifest.checkComplete(List.of(old, shard("2/2", BUILT_IN)),
                List.of(dir, Path.of("b"))))
                .hasMessageContaining(dir.resolve(ShardManifest.FILE) + " does not record where its strategies came"
                        + " from (written by an earlier livetalk");
    }
}
