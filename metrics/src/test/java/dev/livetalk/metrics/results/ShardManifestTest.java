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
}
