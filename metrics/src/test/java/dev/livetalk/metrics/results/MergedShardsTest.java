package dev.livetalk.metrics.results;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MergedShardsTest {
    private static ShardManifest shard(String k, String strategy) {
        return new ShardManifest(ShardManifest.VERSION, "run", k, "sha256:00", 2, 1,
                List.of(new ShardManifest.Unit("outage", strategy, 4)));
    }

    @Test
    void namesEachShardsFolderRelativeToTheMergedFolderInTheOrderOfTheShards(@TempDir Path dir) throws IOException {
        MergedShards merged = MergedShards.of(List.of(shard("2/2", "reconcile"), shard("1/2", "event-only")),
                List.of(dir.resolve("shards/2"), dir.resolve("shards/1")), dir.resolve("out/merged"));
        assertThat(merged.shards()).extracting(MergedShards.Part::shard, MergedShards.Part::folder)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("1/2", "../../shards/1"),
                        org.assertj.core.groups.Tuple.tuple("2/2", "../../shards/2"));
        assertThat(merged.scenarios()).containsExactly("outage");
        assertThat(merged.strategies()).containsExactly("event-only", "reconcile");

        Path folder = Files.createDirectories(dir.resolve("out/merged"));
        merged.write(folder);
        assertThat(MergedShards.read(folder)).contains(merged);
        assertThat(MergedShards.read(dir)).isEmpty();
        // as the merged folder is given, so are the shards' folders
        assertThat(MergedShards.folderOf(Path.of("out/merged"), merged.shards().get(0))).isEqualTo(Path.of("shards/1"));
    }

    @Test
    void refusesAFileThatIsNotOne(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(MergedShards.FILE), "{\"version\": 9}");
        assertThatThrownBy(() -> MergedShards.read(dir)).hasMessageContaining("version 9");
    }
}
