package dev.livetalk.network.toxiproxy;

import dev.livetalk.network.NetworkBackendException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The locator's order, with an injected environment map, a temporary file tree and a fake
 * Docker check; the real environment and Docker are never consulted.
 */
class ToxiproxyLocatorTest {
    @TempDir
    Path temp;

    private Path root;
    private Path pathDir;
    private Path goDir;
    private final Map<String, String> env = new HashMap<>();
    private boolean dockerRuns;
    private int dockerChecks;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(temp.resolve("project"));
        pathDir = Files.createDirectories(temp.resolve("path-bin"));
        goDir = Files.createDirectories(temp.resolve("go-bin"));
        env.put("PATH", pathDir + File.pathSeparator + goDir);
    }

    private ToxiproxySource locate() {
        return locate(Optional.empty());
    }

    private ToxiproxySource locate(Optional<String> explicitUrl) {
        return new ToxiproxyLocator(explicitUrl, env, root, this::dockerAvailable).locate();
    }

    private boolean dockerAvailable() {
        dockerChecks++;
        return dockerRuns;
    }

    private static Path executable(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        Path file = Files.writeString(dir.resolve(name), "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private Path tools() {
        return root.resolve(".tools").resolve("bin");
    }

    private void everySourcePresent() throws IOException {
        env.put("TOXIPROXY_URL", "http://127.0.0.1:8474");
        env.put("TOXIPROXY_SERVER", executable(temp.resolve("named"), "toxiproxy-server").toString());
        executable(pathDir, "toxiproxy-server");
        executable(tools(), "toxiproxy-server");
        executable(tools(), "server");
        executable(goDir, "go");
    }

    @Test
    void shouldPreferExplicitUrlOverEverythingElse() throws IOException {
        everySourcePresent();

        assertThat(locate(Optional.of("http://localhost:9999")))
                .isEqualTo(new ToxiproxySource.External(URI.create("http://localhost:9999"), "--toxiproxy"));
    }

    @Test
    void shouldUseToxiproxyUrlBeforeAnyBinary() throws IOException {
        everySourcePresent();

        assertThat(locate()).isEqualTo(new ToxiproxySource.External(URI.create("http://127.0.0.1:8474"), "TOXIPROXY_URL"));
    }

    @Test
    void shouldUseToxiproxyServerBeforePathAndTools() throws IOException {
        everySourcePresent();
        env.remove("TOXIPROXY_URL");

        assertThat(locate()).isEqualTo(new ToxiproxySource.Binary(
                temp.resolve("named").resolve("toxiproxy-server").toAbsolutePath(), "TOXIPROXY_SERVER"));
    }

    @Test
    void shouldFindToxiproxyServerOnPathBeforeTools() throws IOException {
        everySourcePresent();
        env.remove("TOXIPROXY_URL");
        env.remove("TOXIPROXY_SERVER");

        assertThat(locate()).isEqualTo(new ToxiproxySource.Binary(pathDir.resolve("toxiproxy-server"), "PATH"));
    }

    @Test
    void shouldPreferToxiproxyServerNameInToolsOverGoInstalledServer() throws IOException {
        executable(tools(), "toxiproxy-server");
        executable(tools(), "server");
        executable(goDir, "go");

        assertThat(locate()).isEqualTo(new ToxiproxySource.Binary(tools().resolve("toxiproxy-server"), ".tools"));
    }

    @Test
    void shouldFindGoInstalledServerInToolsBeforeInstalling() throws IOException {
        executable(tools(), "server");
        executable(goDir, "go");

        assertThat(locate()).isEqualTo(new ToxiproxySource.Binary(tools().resolve("server"), ".tools"));
    }

    @Test
    void shouldIgnoreFilesThatAreNotExecutable() throws IOException {
        Files.writeString(pathDir.resolve("toxiproxy-server"), "not executable");
        executable(tools(), "server");

        assertThat(locate()).isEqualTo(new ToxiproxySource.Binary(tools().resolve("server"), ".tools"));
    }

    @Test
    void shouldOfferGoInstallIntoToolsWhenOnlyGoIsThere() throws IOException {
        Path go = executable(goDir, "go");

        assertThat(locate()).isEqualTo(new ToxiproxySource.Installable(go, tools()));
    }

    @Test
    void shouldStartTheContainerWhenDockerRunsAndNothingElseIsFound() {
        dockerRuns = true;

        assertThat(locate()).isEqualTo(new ToxiproxySource.Container("ghcr.io/shopify/toxiproxy:2.12.0", "Docker"));
        assertThat(dockerChecks).isEqualTo(1);
    }

    @Test
    void shouldInstallWithGoBeforeAskingDocker() throws IOException {
        Path go = executable(goDir, "go");
        dockerRuns = true;

        assertThat(locate()).isEqualTo(new ToxiproxySource.Installable(go, tools()));
        assertThat(dockerChecks).isZero();
    }

    @Test
    void shouldUseABinaryWithoutAskingDocker() throws IOException {
        executable(tools(), "server");
        dockerRuns = true;

        assertThat(locate()).isEqualTo(new ToxiproxySource.Binary(tools().resolve("server"), ".tools"));
        assertThat(dockerChecks).isZero();
    }

    @Test
    void shouldUseAUrlWithoutAskingDocker() {
        env.put("TOXIPROXY_URL", "http://127.0.0.1:8474");
        dockerRuns = true;

        assertThat(locate()).isInstanceOf(ToxiproxySource.External.class);
        assertThat(locate(Optional.of("http://127.0.0.1:8475"))).isInstanceOf(ToxiproxySource.External.class);
        assertThat(dockerChecks).isZero();
    }

    @Test
    void shouldSayDockerWasAskedWhenNothingIsFound() {
        String howTo = ((ToxiproxySource.Missing) locate()).howTo();

        assertThat(dockerChecks).isEqualTo(1);
        assertThat(howTo)
                .contains("4. start Docker (https://docs.docker.com/get-docker/): the harness then runs"
                        + " ghcr.io/shopify/toxiproxy:2.12.0\n     in a container through Testcontainers"
                        + " (at most 32 client links at once; larger scenarios need 1, 2 or 3)")
                .endsWith("; `go` is not on PATH; Docker: not available (Testcontainers found no Docker environment).")
                .doesNotContain("not supported");
    }

    @Test
    void shouldExplainHowToInstallWhenNothingIsFound() {
        ToxiproxySource source = locate();

        assertThat(source).isInstanceOf(ToxiproxySource.Missing.class);
        String howTo = ((ToxiproxySource.Missing) source).howTo();
        assertThat(howTo)
                .contains("GOBIN=" + tools() + " go install -ldflags \"-X github.com/Shopify/toxiproxy/v2.Version=2.12.0\""
                        + " github.com/Shopify/toxiproxy/v2/cmd/server@v2.12.0")
                .contains("export TOXIPROXY_SERVER=")
                .contains("export TOXIPROXY_URL=http://127.0.0.1:8474")
                .contains("--toxiproxy");
        assertThatThrownBy(() -> ToxiproxyLauncher.launch(source, ToxiproxyInstaller.DEFAULT_TIMEOUT))
                .isInstanceOf(NetworkBackendException.class)
                .hasMessage(howTo);
    }

    @Test
    void shouldFailWhenToxiproxyServerNamesNoExecutable() throws IOException {
        executable(tools(), "server");
        env.put("TOXIPROXY_SERVER", temp.resolve("nowhere").toString());

        assertThatThrownBy(this::locate)
                .isInstanceOf(NetworkBackendException.class)
                .hasMessage("TOXIPROXY_SERVER must name an executable Toxiproxy server file: " + temp.resolve("nowhere"));
    }

    @Test
    void shouldRejectUrlWithoutPort() {
        env.put("TOXIPROXY_URL", "http://127.0.0.1");

        assertThatThrownBy(this::locate)
                .isInstanceOf(NetworkBackendException.class)
                .hasMessage("TOXIPROXY_URL must be an http URL with host and port, like http://127.0.0.1:8474: http://127.0.0.1");
    }

    @Test
    void shouldRejectUrlOfAnotherMachine() {
        assertThatThrownBy(() -> locate(Optional.of("http://10.0.0.5:8474")))
                .isInstanceOf(NetworkBackendException.class)
                .hasMessageStartingWith("--toxiproxy must point to this machine")
                .hasMessageEndingWith(": http://10.0.0.5:8474");
    }

    @Test
    void shouldAcceptIpv6LoopbackUrl() {
        assertThat(locate(Optional.of("http://[::1]:8474")))
                .isEqualTo(new ToxiproxySource.External(URI.create("http://[::1]:8474"), "--toxiproxy"));
    }

    @Test
    void shouldTreatBlankVariablesAsUnset() throws IOException {
        env.put("TOXIPROXY_URL", "  ");
        env.put("TOXIPROXY_SERVER", "");
        executable(tools(), "server");

        assertThat(locate()).isEqualTo(new ToxiproxySource.Binary(tools().resolve("server"), ".tools"));
    }
}
