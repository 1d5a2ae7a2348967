package dev.livetalk.network.toxiproxy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProjectRootTest {
    @TempDir
    Path temp;

    @Test
    void shouldPreferSystemPropertyOverEnvironmentAndMvnw() throws IOException {
        Files.writeString(temp.resolve("mvnw"), "");
        Path fromProperty = temp.resolve("prop");
        Path fromEnv = temp.resolve("env");

        assertThat(ProjectRoot.find(Map.of("livetalk.home", fromProperty.toString()),
                Map.of("LIVETALK_HOME", fromEnv.toString()), temp)).isEqualTo(fromProperty);
        assertThat(ProjectRoot.find(Map.of(), Map.of("LIVETALK_HOME", fromEnv.toString()), temp)).isEqualTo(fromEnv);
    }

    @Test
    void shouldWalkUpToTheFolderHoldingMvnw() throws IOException {
        Files.writeString(temp.resolve("mvnw"), "");
        Path module = Files.createDirectories(temp.resolve("network").resolve("target"));

        assertThat(ProjectRoot.find(Map.of(), Map.of(), module)).isEqualTo(temp.toAbsolutePath().normalize());
    }

    @Test
    void shouldFallBackToTheWorkingDirectoryWithoutMvnw() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("somewhere"));

        assertThat(ProjectRoot.find(Map.of(), Map.of(), dir)).isEqualTo(dir.toAbsolutePath().normalize());
    }

    @Test
    void shouldPutToolsUnderDotToolsBin() {
        assertThat(ProjectRoot.toolsBin(Path.of("/p"))).isEqualTo(Path.of("/p/.tools/bin"));
    }
}
